// Package aiconf is the app's AI settings: provider, address and model in
// the Fyne preferences, and the key in the OS keychain — or, where there is
// no keychain (headless Linux without a Secret Service), in a file only the
// user can read. The AI panel edits them; any view that needs a client
// (the subtitle translator) builds one here without importing that panel.
package aiconf

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/ai"
)

// Preference keys. The key itself is never stored here: only a reference
// ("keyring:<provider>") — Fyne preferences are a plain JSON file.
const (
	PrefProvider = "ai.provider"
	PrefBaseURL  = "ai.base_url"
	PrefModel    = "ai.model"
	PrefKeyRef   = "ai.key_ref"
	PrefContext  = "ai.context"
)

// Settings is what the settings screen edits.
type Settings struct {
	Provider, BaseURL, Model string
	Context                  int
}

// Load reads the settings; on first run it takes the CLI's environment.
func Load(p fyne.Preferences) Settings {
	s := Settings{Provider: p.String(PrefProvider), BaseURL: p.String(PrefBaseURL), Model: p.String(PrefModel), Context: p.Int(PrefContext)}
	if s.Provider == "" {
		if env, err := ai.FromEnv(os.Getenv); err == nil && (os.Getenv("DUANJU_AI_PROVIDER") != "" || env.BaseURL != "") {
			s.Provider, s.BaseURL, s.Model, s.Context = env.Provider, env.BaseURL, env.Model, env.Context
		}
	}
	return s
}

// Save stores the settings (never the key).
func (s Settings) Save(p fyne.Preferences) {
	p.SetString(PrefProvider, s.Provider)
	p.SetString(PrefBaseURL, s.BaseURL)
	p.SetString(PrefModel, s.Model)
	p.SetString(PrefKeyRef, ai.KeyRef(s.Provider))
	p.SetInt(PrefContext, s.Context)
}

// Configured reports whether a provider was ever chosen: before that, a
// view asks the writer to set AI up instead of trying a call.
func (s Settings) Configured() bool { return s.Provider != "" }

// Config builds the client config with key.
func (s Settings) Config(key string) ai.Config {
	cfg := ai.Config{Provider: ai.LookupProvider(s.Provider).ID, BaseURL: s.BaseURL, Model: s.Model, Key: key, Context: s.Context}
	if n, err := strconv.Atoi(os.Getenv("DUANJU_AI_CONCURRENCY")); err == nil && n > 0 {
		cfg.Concurrency = n
	}
	return cfg
}

// Where a key came from.
const (
	FromEnv     = "env"
	FromKeyring = "keyring"
	FromFile    = "file"
)

// KeyLookup finds the key for provider: the environment, the keychain,
// then the protected file. noKeychain is set when the keychain could not
// be asked (so the settings can explain the file once); it is never an
// error by itself. Call it off the Fyne goroutine. Tests replace it.
var KeyLookup = func(provider string) (key, source string, noKeychain bool) {
	k, src, err := ai.LoadKey(os.Getenv, provider)
	if k != "" {
		return k, src, false
	}
	if fk := fileKey(provider); fk != "" {
		return fk, FromFile, err != nil
	}
	return "", "", err != nil
}

// SaveKey stores key for provider in the keychain, or in the protected
// file when there is no keychain (where says which). An empty key removes
// it from both.
func SaveKey(provider, key string) (where string, err error) {
	key = strings.TrimSpace(key)
	if kerr := ai.SaveKey(provider, key); kerr == nil {
		// a key kept in the file before the keychain worked is stale now
		return FromKeyring, setFileKey(provider, "")
	}
	return FromFile, setFileKey(provider, key)
}

// ErrNotConfigured is returned by Client when AI was never set up.
var ErrNotConfigured = errors.New("AI is not set up")

// Client makes a client from the app's AI settings. Call it off the Fyne
// goroutine: the keychain may take a moment.
func Client(a fyne.App) (*ai.Client, error) {
	s := Load(a.Preferences())
	if !s.Configured() {
		return nil, ErrNotConfigured
	}
	key, _, _ := KeyLookup(ai.LookupProvider(s.Provider).ID)
	return ai.New(s.Config(key))
}

// KeyFile is the protected file of keys: user-only permissions, outside
// any project. Tests point it elsewhere.
var KeyFile = func() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "duanju-studio", "ai-keys.json")
}

var fileMu sync.Mutex

func readKeys() map[string]string {
	m := map[string]string{}
	if b, err := os.ReadFile(KeyFile()); err == nil {
		_ = json.Unmarshal(b, &m) // a damaged file holds no key
	}
	return m
}

func fileKey(provider string) string {
	fileMu.Lock()
	defer fileMu.Unlock()
	return readKeys()[provider]
}

func setFileKey(provider, key string) error {
	fileMu.Lock()
	defer fileMu.Unlock()
	m := readKeys()
	if m[provider] == key || key == "" && m[provider] == "" {
		return nil
	}
	if key == "" {
		delete(m, provider)
	} else {
		m[provider] = key
	}
	path := KeyFile()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil { // WriteFile keeps an old file's mode
		return err
	}
	return os.Rename(tmp, path)
}

// NotSetUp reports whether err means AI is not set up: no provider chosen,
// or the settings lack what a call needs (a key, a model). Panels answer it
// with the "set up AI first" path instead of an error.
func NotSetUp(err error) bool {
	if errors.Is(err, ErrNotConfigured) {
		return true
	}
	k := ai.Classify(err).Kind
	return k == ai.KindConfig || k == ai.KindAuth
}
