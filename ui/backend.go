package ui

import (
	"fmt"
	"sync"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
)

// projectFile is what the shell needs from where the project lives: the
// .duanju file (script/store) or memory for a project that is not saved yet.
type projectFile interface {
	SaveEpisode(ep *script.Episode) error
	SaveProject(p *script.Project) error
	// Snapshot records the episode's current body in its history.
	Snapshot(ep *script.Episode, note string) error
	// History lists the episode's snapshots, newest first.
	History(ep *script.Episode) ([]Snapshot, error)
	// SnapshotText returns the body saved in a snapshot.
	SnapshotText(id int64) (string, error)
	ReadOnly() bool
	Close() error
}

// storeFile is a project in a .duanju file.
type storeFile struct{ s *store.Store }

func (f storeFile) SaveEpisode(ep *script.Episode) error  { return f.s.SaveEpisode(ep) }
func (f storeFile) SaveProject(p *script.Project) error   { return f.s.SaveProject(p) }
func (f storeFile) SnapshotText(id int64) (string, error) { return f.s.SnapshotText(id) }
func (f storeFile) ReadOnly() bool                        { return f.s.ReadOnly() }
func (f storeFile) Close() error                          { return f.s.Close() }

func (f storeFile) Snapshot(ep *script.Episode, note string) error {
	if ep.ID == "" {
		if err := f.s.SaveEpisode(ep); err != nil {
			return err
		}
	}
	_, err := f.s.Snapshot(ep.ID, note)
	return err
}

func (f storeFile) History(ep *script.Episode) ([]Snapshot, error) {
	if ep.ID == "" {
		return nil, nil
	}
	infos, err := f.s.History(ep.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Snapshot, 0, len(infos))
	for _, in := range infos {
		note := in.Label
		if note == "" {
			note = in.Kind
		}
		if in.Author != "" { // a writers' room records who made each snapshot
			note += " · " + in.Author
		}
		out = append(out, Snapshot{ID: in.ID, Time: in.Time, Note: note, Kind: in.Kind, Chars: in.Chars})
	}
	return out, nil
}

// Snapshot is one saved version of an episode body.
type Snapshot struct {
	ID    int64
	Time  time.Time
	Note  string
	Kind  string // auto, manual, restore, deleted
	Chars int
}

// memFile keeps a project in memory: for an untitled project and for tests.
type memFile struct {
	mu     sync.Mutex
	saves  int
	snaps  map[string][]memSnap
	nextID int64
	last   *script.Project
}

type memSnap struct {
	Snapshot
	body string
}

func newMemFile() *memFile { return &memFile{snaps: map[string][]memSnap{}} }

func (m *memFile) SaveEpisode(ep *script.Episode) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.saves++
	return nil
}

func (m *memFile) SaveProject(p *script.Project) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.saves++
	m.last = p
	return nil
}

func (m *memFile) key(ep *script.Episode) string {
	if ep.ID != "" {
		return ep.ID
	}
	return fmt.Sprint(ep.Number)
}

func (m *memFile) Snapshot(ep *script.Episode, note string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	k := m.key(ep)
	s := memSnap{Snapshot{ID: m.nextID, Time: time.Now(), Note: note, Kind: "manual", Chars: len([]rune(ep.Body))}, ep.Body}
	m.snaps[k] = append([]memSnap{s}, m.snaps[k]...)
	return nil
}

func (m *memFile) History(ep *script.Episode) ([]Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Snapshot
	for _, s := range m.snaps[m.key(ep)] {
		out = append(out, s.Snapshot)
	}
	return out, nil
}

func (m *memFile) SnapshotText(id int64) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, l := range m.snaps {
		for _, s := range l {
			if s.ID == id {
				return s.body, nil
			}
		}
	}
	return "", fmt.Errorf("snapshot %d not found", id)
}

func (m *memFile) ReadOnly() bool { return false }
func (m *memFile) Close() error   { return nil }
