package aicheck

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/assets"
)

// maxEntries bounds the cache file: the oldest-used answers go first.
const maxEntries = 4000

// Cache keeps the AI's answer per (episode text, model, prompt version,
// prompt language). It is safe for concurrent use; Save writes it back to
// its file (a cache without a file lives in memory only).
type Cache struct {
	mu    sync.Mutex
	path  string
	m     map[string]entry
	dirty bool
	now   func() time.Time
}

type entry struct {
	Findings []ai.Finding `json:"findings"`
	Used     time.Time    `json:"used"`
}

type cacheFile struct {
	Version int              `json:"version"`
	Entries map[string]entry `json:"entries"`
}

// NewCache is an empty cache in memory.
func NewCache() *Cache { return &Cache{m: map[string]entry{}, now: time.Now} }

// OpenCache reads the cache at path; a missing or unreadable file is an
// empty cache (it is only a cache), which Save then writes.
func OpenCache(path string) *Cache {
	c := NewCache()
	c.path = path
	b, err := os.ReadFile(path)
	if err != nil {
		return c
	}
	var f cacheFile
	if json.Unmarshal(b, &f) == nil && f.Version == 1 && f.Entries != nil {
		c.m = f.Entries
	}
	return c
}

// DefaultPath is the CLI's and the app's cache file: under the user's
// cache folder, outside any project (the answers name the model used).
func DefaultPath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "duanju-studio", "ai-review.json")
}

// Get returns the answer stored under key.
func (c *Cache) Get(key string) ([]ai.Finding, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if ok {
		e.Used = c.now()
		c.m[key] = e
		c.dirty = true
	}
	return e.Findings, ok
}

// Put stores an answer.
func (c *Cache) Put(key string, fs []ai.Finding) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fs == nil {
		fs = []ai.Finding{}
	}
	c.m[key] = entry{Findings: fs, Used: c.now()}
	c.dirty = true
}

// Len is the number of stored answers.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// Save writes the cache to its file, if it has one and changed.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" || !c.dirty {
		return nil
	}
	if len(c.m) > maxEntries {
		keys := make([]string, 0, len(c.m))
		for k := range c.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return c.m[keys[i]].Used.Before(c.m[keys[j]].Used) })
		for _, k := range keys[:len(keys)-maxEntries] {
			delete(c.m, k)
		}
	}
	b, err := json.Marshal(cacheFile{Version: 1, Entries: c.m})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, c.path); err != nil {
		return err
	}
	c.dirty = false
	return nil
}

// Key is the cache key of an episode's text under model and prompt
// language, with the prompt version: a changed prompt asks again.
func Key(body, model, promptLang string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:16]) + "|" + model + "|" + PromptVersion() + "|" + promptLang
}

var (
	versionOnce sync.Once
	version     string
)

// conversion changes when what is kept of an answer changes.
const conversion = "aicheck/1"

// PromptVersion is a short hash of the review prompt, the system prompt
// and the category list: editing any of them makes every answer stale.
func PromptVersion() string {
	versionOnce.Do(func() {
		h := sha256.New()
		h.Write([]byte(conversion))
		fsys := assets.Prompts()
		for _, name := range []string{"zh/review.tmpl", "en/review.tmpl", "zh/system.tmpl", "en/system.tmpl", "categories.json"} {
			b, err := fs.ReadFile(fsys, name)
			if err == nil {
				h.Write([]byte(name))
				h.Write(b)
			}
		}
		version = strings.ToLower(hex.EncodeToString(h.Sum(nil))[:12])
	})
	return version
}
