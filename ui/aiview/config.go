package aiview

import (
	"os"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/ai"
)

// Preference keys. The key itself is never stored here: only a reference
// ("keyring:<provider>") — Fyne preferences are a plain JSON file.
const (
	prefProvider = "ai.provider"
	prefBaseURL  = "ai.base_url"
	prefModel    = "ai.model"
	prefKeyRef   = "ai.key_ref"
	prefContext  = "ai.context"
)

// settings is what the settings screen edits.
type settings struct {
	Provider, BaseURL, Model string
	Context                  int
}

func loadSettings(p fyne.Preferences) settings {
	s := settings{Provider: p.String(prefProvider), BaseURL: p.String(prefBaseURL), Model: p.String(prefModel), Context: p.Int(prefContext)}
	if s.Provider == "" { // first run: take the CLI's environment settings
		if env, err := ai.FromEnv(os.Getenv); err == nil && (os.Getenv("DUANJU_AI_PROVIDER") != "" || env.BaseURL != "") {
			s.Provider, s.BaseURL, s.Model, s.Context = env.Provider, env.BaseURL, env.Model, env.Context
		}
	}
	return s
}

func (s settings) save(p fyne.Preferences) {
	p.SetString(prefProvider, s.Provider)
	p.SetString(prefBaseURL, s.BaseURL)
	p.SetString(prefModel, s.Model)
	p.SetString(prefKeyRef, ai.KeyRef(s.Provider))
	p.SetInt(prefContext, s.Context)
}

// config builds the client config; the key is looked up separately (the
// keychain may block) and passed in.
func (s settings) config(key string) ai.Config {
	cfg := ai.Config{Provider: ai.LookupProvider(s.Provider).ID, BaseURL: s.BaseURL, Model: s.Model, Key: key, Context: s.Context}
	if n, err := strconv.Atoi(os.Getenv("DUANJU_AI_CONCURRENCY")); err == nil && n > 0 {
		cfg.Concurrency = n
	}
	return cfg
}

// keyLookup finds the key for provider: environment, then keychain. It is
// replaceable in tests.
var keyLookup = func(provider string) (key, source string, err error) {
	return ai.LoadKey(os.Getenv, provider)
}

// ClientFromApp makes a client from the app's AI settings, for other views
// (the subtitle editor's translation). Call it off the Fyne goroutine: the
// keychain may take a moment.
func ClientFromApp(a fyne.App) (*ai.Client, error) {
	s := loadSettings(a.Preferences())
	key, _, kerr := keyLookup(ai.LookupProvider(s.Provider).ID)
	c, err := ai.New(s.config(key))
	if err != nil && kerr != nil && ai.Classify(err).Kind != ai.KindConfig {
		return nil, kerr // the key is what is missing: say why (the keychain)
	}
	return c, err
}
