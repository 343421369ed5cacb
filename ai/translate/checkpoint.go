package translate

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"sync"
)

// FileCheckpoint keeps finished cues in a JSON-lines file, appended after
// every batch, so a run that is killed resumes where it stopped.
type FileCheckpoint struct {
	mu   sync.Mutex
	path string
	m    map[string]Out
	f    *os.File
}

type checkpointLine struct {
	Key string `json:"k"`
	Out Out    `json:"o"`
}

// OpenCheckpoint loads path if it exists (a torn last line is ignored) and
// appends to it.
func OpenCheckpoint(path string) (*FileCheckpoint, error) {
	c := &FileCheckpoint{path: path, m: map[string]Out{}}
	torn := false
	if f, err := os.Open(path); err == nil {
		if st, err := f.Stat(); err == nil && st.Size() > 0 {
			last := make([]byte, 1)
			if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
				torn = true // killed mid-write: start the next entry on a new line
			}
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var l checkpointLine
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Key != "" {
				c.m[l.Key] = l.Out
			}
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	c.f = f
	if torn {
		if _, err := f.Write([]byte{'\n'}); err != nil {
			f.Close()
			return nil, err
		}
	}
	return c, nil
}

// Len is the number of stored cues.
func (c *FileCheckpoint) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// Get returns a stored cue.
func (c *FileCheckpoint) Get(key string) (Out, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o, ok := c.m[key]
	return o, ok
}

// Put stores a cue and appends it to the file.
func (c *FileCheckpoint) Put(key string, o Out) error {
	b, _ := json.Marshal(checkpointLine{Key: key, Out: o})
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = o
	_, err := c.f.Write(append(b, '\n'))
	return err
}

// Close closes the file.
func (c *FileCheckpoint) Close() error { return c.f.Close() }

// Remove closes and deletes the file (after a complete run).
func (c *FileCheckpoint) Remove() error {
	c.f.Close()
	return os.Remove(c.path)
}

// MemCheckpoint is an in-memory Checkpoint (tests, the app's session).
type MemCheckpoint struct {
	mu sync.Mutex
	m  map[string]Out
}

// Get returns a stored cue.
func (c *MemCheckpoint) Get(key string) (Out, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o, ok := c.m[key]
	return o, ok
}

// Put stores a cue.
func (c *MemCheckpoint) Put(key string, o Out) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]Out{}
	}
	c.m[key] = o
	return nil
}
