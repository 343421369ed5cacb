package ai

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything a Client needs. It never holds the key in a form
// that prints: String redacts it.
type Config struct {
	Provider string // preset id (see Providers)
	BaseURL  string // "" = the preset's
	Model    string
	Key      string // never logged, never saved in a project
	// Temperature: nil = the provider default; 0 is sent as 0.
	Temperature *float64
	// Thinking: nil = provider default; false asks reasoning models not to think.
	Thinking *bool
	// MaxTokens caps the reply (0 = server default).
	MaxTokens int
	// Context is the model's context size in tokens for the prompt budget
	// (0 = the preset's conservative default).
	Context int
	// Concurrency bounds parallel requests in batch jobs (default 4).
	Concurrency int

	Retry       RetryPolicy
	Timeout     time.Duration // per non-streaming call (default 120 s)
	StallAfter  time.Duration // cancel a stream after this long without a chunk (default 90 s)
	FirstByte   time.Duration // a stream's first chunk may take this long (default 10 min: queues)
	Debug       func(line string)
	HTTPTimeout time.Duration // dial/TLS timeouts of the transport (default 30 s)
}

// RetryPolicy bounds retries of 429/5xx/network failures.
type RetryPolicy struct {
	MaxTries int           // total attempts (default 5)
	Base     time.Duration // first backoff (default 500 ms), doubled each try, full jitter
	MaxWait  time.Duration // longest single wait honoured, also for Retry-After (default 60 s)
	// Sleep waits d or until ctx ends; tests replace it to record waits.
	Sleep func(ctxDone <-chan struct{}, d time.Duration) bool
}

func (r RetryPolicy) withDefaults() RetryPolicy {
	if r.MaxTries <= 0 {
		r.MaxTries = 5
	}
	if r.Base <= 0 {
		r.Base = 500 * time.Millisecond
	}
	if r.MaxWait <= 0 {
		r.MaxWait = 60 * time.Second
	}
	if r.Sleep == nil {
		r.Sleep = func(done <-chan struct{}, d time.Duration) bool {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
				return true
			case <-done:
				return false
			}
		}
	}
	return r
}

// Preset returns the provider preset of the config.
func (c Config) Preset() Provider { return LookupProvider(c.Provider) }

// URL is the effective base URL.
func (c Config) URL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return c.Preset().BaseURL
}

// ContextTokens is the effective context size.
func (c Config) ContextTokens() int {
	if c.Context > 0 {
		return c.Context
	}
	if n := c.Preset().Context; n > 0 {
		return n
	}
	return 8192
}

// Workers is the effective batch concurrency.
func (c Config) Workers() int {
	if c.Concurrency > 0 {
		return c.Concurrency
	}
	return 4
}

// String hides the key (last four characters only), so a config printed
// by mistake leaks nothing.
func (c Config) String() string {
	return fmt.Sprintf("ai.Config{provider=%s url=%s model=%s key=%s}", c.Provider, c.URL(), c.Model, MaskKey(c.Key))
}

// MaskKey shows only the last four characters of a key.
func MaskKey(k string) string {
	if k == "" {
		return "(none)"
	}
	if len(k) <= 8 {
		return "****"
	}
	return "****" + k[len(k)-4:]
}

// Validate reports a config that cannot work, with what to do.
func (c Config) Validate() error {
	p := c.Preset()
	if c.URL() == "" {
		return &Error{Kind: KindConfig, zh: "没有设置 AI 服务地址：请在设置中填写 Base URL，或设置环境变量 DUANJU_AI_BASE_URL",
			en: "no AI base URL: fill in Base URL in the settings or set DUANJU_AI_BASE_URL"}
	}
	if c.Model == "" {
		return &Error{Kind: KindConfig, zh: "没有选择模型：请在设置中选择模型（可点“刷新模型列表”），或设置 DUANJU_AI_MODEL",
			en: "no model chosen: pick one in the settings (\"refresh model list\") or set DUANJU_AI_MODEL"}
	}
	if c.Key == "" && !p.NoKey {
		env := "DUANJU_AI_KEY"
		if p.KeyEnv != "" {
			env += " / " + p.KeyEnv
		}
		return &Error{Kind: KindAuth, zh: "没有 " + p.Name + " 的 API Key：请在设置中填写，或设置环境变量 " + env,
			en: "no API key for " + p.Name + ": enter it in the settings or set " + env}
	}
	return nil
}

// Getenv is os.Getenv, replaceable in tests.
type Getenv func(string) string

// FromEnv reads DUANJU_AI_PROVIDER, DUANJU_AI_BASE_URL, DUANJU_AI_MODEL,
// DUANJU_AI_KEY (else the provider's usual variable), DUANJU_AI_CONCURRENCY,
// DUANJU_AI_TEMPERATURE, DUANJU_AI_CONTEXT, DUANJU_AI_MAX_TOKENS and
// DUANJU_AI_THINKING (on/off: ask reasoning models to think or not).
func FromEnv(getenv Getenv) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Config{
		Provider: getenv("DUANJU_AI_PROVIDER"),
		BaseURL:  getenv("DUANJU_AI_BASE_URL"),
		Model:    getenv("DUANJU_AI_MODEL"),
	}
	if c.Provider == "" {
		if c.BaseURL != "" {
			c.Provider = ProviderCustom
		} else {
			c.Provider = ProviderOpenAI
		}
	}
	c.Provider = LookupProvider(c.Provider).ID
	c.Key = EnvKey(getenv, c.Provider)
	ints := []struct {
		name string
		dst  *int
	}{{"DUANJU_AI_CONCURRENCY", &c.Concurrency}, {"DUANJU_AI_CONTEXT", &c.Context}, {"DUANJU_AI_MAX_TOKENS", &c.MaxTokens}}
	for _, v := range ints {
		if s := getenv(v.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return c, fmt.Errorf("%s=%q: want a positive whole number", v.name, s)
			}
			*v.dst = n
		}
	}
	switch strings.ToLower(getenv("DUANJU_AI_THINKING")) {
	case "on", "1", "true", "yes":
		on := true
		c.Thinking = &on
	case "off", "0", "false", "no":
		off := false
		c.Thinking = &off
	}
	if s := getenv("DUANJU_AI_TEMPERATURE"); s != "" {
		t, err := strconv.ParseFloat(s, 64)
		if err != nil || t < 0 {
			return c, fmt.Errorf("DUANJU_AI_TEMPERATURE=%q: want a number such as 0.7", s)
		}
		c.Temperature = &t
	}
	return c, nil
}

// EnvKey returns DUANJU_AI_KEY or the provider's usual key variable.
func EnvKey(getenv Getenv, provider string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if k := strings.TrimSpace(getenv("DUANJU_AI_KEY")); k != "" {
		return k
	}
	if env := LookupProvider(provider).KeyEnv; env != "" {
		return strings.TrimSpace(getenv(env))
	}
	return ""
}
