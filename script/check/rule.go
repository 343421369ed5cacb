package check

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/duanju-studio/duanju/script"
)

// Scope is where in the project a rule looks.
type Scope string

const (
	ScopeTitle    Scope = "title"    // 片名
	ScopeSynopsis Scope = "synopsis" // 简介, 推荐语, 一句话故事 (promo copy too)
	ScopeDialogue Scope = "dialogue" // spoken lines
	ScopeAction   Scope = "action"   // △ lines, markers, on-screen captions
	ScopeNote     Scope = "note"     // writer's notes （注：…）
	ScopeEpisode  Scope = "episode"  // one episode as a whole (structural)
	ScopeProject  Scope = "project"  // the series as a whole (structural)
)

// Window is how far around a term its context is looked for.
type Window string

const (
	WinClause   Window = "clause"   // up to ，、：
	WinSentence Window = "sentence" // up to 。！？； (default)
	WinLine     Window = "line"     // the whole line
	WinScene    Window = "scene"    // every line of the scene
)

// Source is where a rule comes from, with its verification mark:
// V verified in the cited source, S one secondary source, U unverified.
type Source struct {
	Name string `toml:"name" json:"name"`
	URL  string `toml:"url" json:"url,omitempty"`
	Mark string `toml:"mark" json:"mark"`
}

// Rule is one self-check rule as written in assets/rules/*.toml.
type Rule struct {
	ID       string   `toml:"id"`
	Category string   `toml:"category"`
	Severity Severity `toml:"severity"`
	Scope    []Scope  `toml:"scope"`
	Tags     []string `toml:"tags"` // 管理提示 / 细则 tags, e.g. "细则14"
	From     string   `toml:"from"` // effective from (YYYY-MM-DD), by go-live date
	Until    string   `toml:"until"`

	// Text matcher. Terms are found in normalised text; a hit counts only
	// when a near-word (if any are listed) is in NearIn, no unless-word is
	// in UnlessIn, it is not negated (when Negatable) and Need holds.
	Terms     []string `toml:"terms"`
	Patterns  []string `toml:"patterns"` // regular expressions on normalised text (titles, synopsis)
	Near      []string `toml:"near"`
	NearRe    string   `toml:"near_pattern"` // a regular expression that must also match in the near window
	NearAll   []string `toml:"near_all"`     // regular expressions that must all match in the near window (concept classes)
	NearIn    Window   `toml:"near_in"`
	Unless    []string `toml:"unless"`
	UnlessIn  Window   `toml:"unless_in"`
	Allow     []string `toml:"allow"` // longer strings containing a term that are fine (大麻烦 vs 大麻)
	Negatable bool     `toml:"negatable"`
	Need      string   `toml:"need"` // "minor": a minor is the subject; "minor_any": a minor takes part (either side of bullying)

	// Aggregate turns line hits into one project finding when they reach
	// MinHits in at least MinEpisodes episodes (or any hit in title/synopsis).
	Aggregate   bool `toml:"aggregate"`
	MinHits     int  `toml:"min_hits"`
	MinEpisodes int  `toml:"min_episodes"`

	// Check names a structural check implemented in Go (see structural.go).
	Check  string             `toml:"check"`
	Params map[string]float64 `toml:"params"`

	MessageZh    string `toml:"message_zh"`
	MessageEn    string `toml:"message_en"`
	SuggestionZh string `toml:"suggestion_zh"`
	SuggestionEn string `toml:"suggestion_en"`
	Source       Source `toml:"source"`

	// Examples must fire and Counter must not: a self-test of the data.
	Examples []string `toml:"examples"`
	Counter  []string `toml:"counter"`

	patterns []*regexp.Regexp
	nearRe   *regexp.Regexp
	nearAll  []*regexp.Regexp
	idx      int
	norm     *normLists // set by the generated built-in rules, else by Compile
	ctx      ruleLists
	from     time.Time
	until    time.Time
}

// Message is the rule's message in lang.
func (r *Rule) Message(lang script.Lang) string { return pickLang(lang, r.MessageZh, r.MessageEn) }

// Suggestion is the rule's suggestion in lang.
func (r *Rule) Suggestion(lang script.Lang) string {
	return pickLang(lang, r.SuggestionZh, r.SuggestionEn)
}

func pickLang(lang script.Lang, zh, en string) string {
	if lang == script.Zh && zh != "" || en == "" {
		return zh
	}
	return en
}

// InScope reports whether the rule looks at s.
func (r *Rule) InScope(s Scope) bool {
	for _, x := range r.Scope {
		if x == s {
			return true
		}
	}
	return false
}

// Param returns a numeric parameter or def.
func (r *Rule) Param(name string, def float64) float64 {
	if v, ok := r.Params[name]; ok {
		return v
	}
	return def
}

// Effective reports whether the rule applies on date d (zero: always).
func (r *Rule) Effective(d time.Time) bool {
	if d.IsZero() {
		return true
	}
	if !r.from.IsZero() && d.Before(r.from) {
		return false
	}
	if !r.until.IsZero() && d.After(r.until) {
		return false
	}
	return true
}

type ruleFile struct {
	Rule []*Rule `toml:"rule"`
}

// LoadRules reads every *.toml file of fsys (sorted by name) and validates
// the rules. Errors name the file and the rule.
func LoadRules(fsys fs.FS) ([]*Rule, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".toml" {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []*Rule
	seen := map[string]string{}
	var errs []error
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var f ruleFile
		if _, err := toml.Decode(string(data), &f); err != nil {
			return nil, fmt.Errorf("rules/%s: %w", n, err)
		}
		for _, r := range f.Rule {
			if err := r.validate(); err != nil {
				errs = append(errs, fmt.Errorf("rules/%s: %w", n, err))
				continue
			}
			if prev, dup := seen[r.ID]; dup {
				errs = append(errs, fmt.Errorf("rules/%s: rule %s is also defined in %s", n, r.ID, prev))
				continue
			}
			seen[r.ID] = n
			all = append(all, r)
		}
	}
	return all, errors.Join(errs...)
}

//go:generate go test -run ^TestBuiltinRules$ -update-rules .

// loadBuiltin returns the built-in rules (assets/rules/*.toml) from their
// generated form, rules_builtin.go, compiled like LoadRules does. Each call
// returns fresh rules that share only the read-only term lists.
func loadBuiltin() ([]*Rule, error) {
	all := make([]Rule, len(builtinRuleData))
	copy(all, builtinRuleData[:])
	out := make([]*Rule, len(all))
	var errs []error
	for i := range all {
		out[i] = &all[i]
		if err := out[i].validate(); err != nil {
			errs = append(errs, fmt.Errorf("built-in rules: %w", err))
		}
	}
	return out, errors.Join(errs...)
}

func (r *Rule) validate() error {
	id := r.ID
	if id == "" {
		return errors.New("a rule has no id")
	}
	if !knownCategory(r.Category) {
		return fmt.Errorf("rule %s: unknown category %q", id, r.Category)
	}
	if r.Severity.Rank() < 0 {
		return fmt.Errorf("rule %s: unknown severity %q", id, r.Severity)
	}
	if len(r.Scope) == 0 {
		return fmt.Errorf("rule %s: no scope", id)
	}
	for _, s := range r.Scope {
		switch s {
		case ScopeTitle, ScopeSynopsis, ScopeDialogue, ScopeAction, ScopeNote, ScopeEpisode, ScopeProject:
		default:
			return fmt.Errorf("rule %s: unknown scope %q", id, s)
		}
	}
	if r.Check == "" && len(r.Terms) == 0 && len(r.Patterns) == 0 {
		return fmt.Errorf("rule %s: needs terms, patterns or a check", id)
	}
	if r.Check != "" {
		if _, ok := structural[r.Check]; !ok {
			return fmt.Errorf("rule %s: unknown check %q", id, r.Check)
		}
	}
	if r.MessageZh == "" || r.MessageEn == "" {
		return fmt.Errorf("rule %s: needs message_zh and message_en", id)
	}
	if r.Source.Name == "" || !strings.Contains("VSU", r.Source.Mark) || r.Source.Mark == "" {
		return fmt.Errorf("rule %s: needs a source with mark V, S or U", id)
	}
	switch r.Need {
	case "", "minor", "minor_any", "ai_unlabelled":
	default:
		return fmt.Errorf("rule %s: unknown need %q", id, r.Need)
	}
	for _, w := range []*Window{&r.NearIn, &r.UnlessIn} {
		switch *w {
		case "":
			*w = WinSentence
		case WinClause, WinSentence, WinLine, WinScene:
		default:
			return fmt.Errorf("rule %s: unknown window %q", id, *w)
		}
	}
	for _, p := range r.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return fmt.Errorf("rule %s: pattern %q: %w", id, p, err)
		}
		r.patterns = append(r.patterns, re)
	}
	if r.NearRe != "" {
		re, err := regexp.Compile(r.NearRe)
		if err != nil {
			return fmt.Errorf("rule %s: near_pattern %q: %w", id, r.NearRe, err)
		}
		r.nearRe = re
	}
	for _, p := range r.NearAll {
		re, err := regexp.Compile(p)
		if err != nil {
			return fmt.Errorf("rule %s: near_all %q: %w", id, p, err)
		}
		r.nearAll = append(r.nearAll, re)
	}
	var err error
	if r.From != "" {
		if r.from, err = time.Parse(time.DateOnly, r.From); err != nil {
			return fmt.Errorf("rule %s: from: %w", id, err)
		}
	}
	if r.Until != "" {
		if r.until, err = time.Parse(time.DateOnly, r.Until); err != nil {
			return fmt.Errorf("rule %s: until: %w", id, err)
		}
	}
	return nil
}
