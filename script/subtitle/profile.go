package subtitle

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/duanju-studio/duanju/assets"
)

// Video is the frame and style an ASS export is laid out for.
type Video struct {
	Width          int `json:"width"`
	Height         int `json:"height"`
	FontSize       int `json:"font_size"`
	SecondFontSize int `json:"second_font_size,omitempty"` // the translation line of a bilingual cue
	MarginL        int `json:"margin_l"`
	MarginR        int `json:"margin_r"`
	MarginV        int `json:"margin_v"`
	Outline        int `json:"outline"`
	Shadow         int `json:"shadow"`
}

// Vertical reports a portrait (9:16) frame.
func (v Video) Vertical() bool { return v.Height > v.Width }

// Profile holds a language's (or a layout's) subtitle limits. Profiles are
// data (assets/profiles/*.json); users may add their own.
type Profile struct {
	ID            string  `json:"id"`
	Name          string  `json:"name,omitempty"`
	Lang          string  `json:"lang,omitempty"`
	CPL           float64 `json:"cpl,omitempty"`       // max characters per line (Width)
	MaxLines      int     `json:"max_lines,omitempty"` // lines per cue
	MaxCPS        float64 `json:"max_cps,omitempty"`   // reading speed limit
	OptimalCPS    float64 `json:"optimal_cps,omitempty"`
	MinDurationMS int     `json:"min_duration_ms,omitempty"`
	MaxDurationMS int     `json:"max_duration_ms,omitempty"`
	MinGapMS      int     `json:"min_gap_ms,omitempty"`
	SpeechRate    float64 `json:"speech_rate,omitempty"`   // spoken characters per second, for estimated timing
	HalfWidth     float64 `json:"half_width,omitempty"`    // weight of a half-width character (ja 0.5)
	CJK           bool    `json:"cjk,omitempty"`           // written without spaces
	DialogueDash  string  `json:"dialogue_dash,omitempty"` // starts each speaker's line in a two-speaker cue: "-" or "- "
	// Layer profiles (vertical) sit on top of a language profile: they set
	// the frame and narrower lines, by language ("zh", "ja", "*").
	Layer     bool               `json:"layer,omitempty"`
	CPLByLang map[string]float64 `json:"cpl_by_lang,omitempty"`
	Video     *Video             `json:"video,omitempty"`
	Source    string             `json:"source,omitempty"`
	// Generic marks the fallback for a language without a profile of its
	// own: callers say so, since its limits are nobody's style guide.
	Generic bool `json:"-"`
}

// GenericID is the id of the fallback profile.
const GenericID = "generic"

// genericProfile is used for languages without a profile (fr, de, …): the
// common ground of broadcast guides for alphabetic scripts: 42 characters,
// two lines, 17 characters a second, 5/6 s to 7 s, a two-frame gap.
func genericProfile() *Profile {
	return &Profile{ID: GenericID, Name: "Generic (no language profile)", CPL: 42, MaxLines: 2,
		MaxCPS: 17, OptimalCPS: 13, MinDurationMS: 833, MaxDurationMS: 7007, MinGapMS: 83,
		SpeechRate: 14, HalfWidth: 1, DialogueDash: "-", Generic: true,
		Source: "fallback: no profile for this language"}
}

// MinDuration etc. are the limits as durations.
func (p *Profile) MinDuration() time.Duration {
	return time.Duration(p.MinDurationMS) * time.Millisecond
}
func (p *Profile) MaxDuration() time.Duration {
	return time.Duration(p.MaxDurationMS) * time.Millisecond
}
func (p *Profile) MinGap() time.Duration { return time.Duration(p.MinGapMS) * time.Millisecond }

// Width measures s with this profile's counting.
func (p *Profile) Width(s string) float64 { return Width(s, p.HalfWidth) }

// VideoOrDefault is the frame for ASS output (1920x1080 when unset).
func (p *Profile) VideoOrDefault() Video {
	if p.Video != nil {
		return *p.Video
	}
	fs := 56
	if !p.CJK {
		fs = 52
	}
	return Video{Width: 1920, Height: 1080, FontSize: fs, SecondFontSize: fs * 3 / 4, MarginL: 90, MarginR: 90, MarginV: 60, Outline: 3, Shadow: 1}
}

// Validate reports a profile that cannot be used.
func (p *Profile) Validate() error {
	if p.ID == "" {
		return fmt.Errorf("profile has no id")
	}
	if p.Layer {
		return nil
	}
	switch {
	case p.CPL <= 0:
		return fmt.Errorf("profile %s: cpl must be > 0", p.ID)
	case p.MaxLines <= 0:
		return fmt.Errorf("profile %s: max_lines must be > 0", p.ID)
	case p.MaxCPS <= 0:
		return fmt.Errorf("profile %s: max_cps must be > 0", p.ID)
	case p.MinDurationMS <= 0 || p.MaxDurationMS <= p.MinDurationMS:
		return fmt.Errorf("profile %s: need 0 < min_duration_ms < max_duration_ms", p.ID)
	case p.MinGapMS < 0:
		return fmt.Errorf("profile %s: min_gap_ms must be >= 0", p.ID)
	}
	return nil
}

var (
	profMu   sync.RWMutex
	profiles map[string]*Profile
)

func loadBuiltins() {
	profMu.Lock()
	defer profMu.Unlock()
	if profiles != nil {
		return
	}
	profiles = map[string]*Profile{}
	fsys := assets.Profiles()
	names, _ := fs.Glob(fsys, "*.json")
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(err)
		}
		p, err := ParseProfile(b)
		if err != nil {
			panic("assets/profiles/" + n + ": " + err.Error())
		}
		profiles[p.ID] = p
	}
}

// ParseProfile reads a profile from JSON.
func ParseProfile(b []byte) (*Profile, error) {
	var p Profile
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("profile JSON: %w", err)
	}
	if p.HalfWidth == 0 {
		p.HalfWidth = 1
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// AddProfile registers a user profile (replacing one with the same id).
func AddProfile(p *Profile) error {
	if err := p.Validate(); err != nil {
		return err
	}
	loadBuiltins()
	profMu.Lock()
	profiles[p.ID] = p
	profMu.Unlock()
	return nil
}

// LoadProfileDir adds every *.json profile in dir (the user's own profiles).
// A missing directory is not an error.
func LoadProfileDir(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return err
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		p, err := ParseProfile(b)
		if err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		if err := AddProfile(p); err != nil {
			return err
		}
	}
	return nil
}

// UserProfileDir is where user profiles live (config dir/duanju/profiles).
func UserProfileDir() string {
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "duanju", "profiles")
}

// Profiles lists the registered profiles, language profiles first.
func Profiles() []*Profile {
	loadBuiltins()
	profMu.RLock()
	defer profMu.RUnlock()
	out := make([]*Profile, 0, len(profiles))
	for _, p := range profiles {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Layer != out[j].Layer {
			return !out[i].Layer
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// ProfileByID returns a registered profile or nil.
func ProfileByID(id string) *Profile {
	loadBuiltins()
	profMu.RLock()
	defer profMu.RUnlock()
	if p := profiles[id]; p != nil {
		return p
	}
	if id == GenericID {
		// Not in Profiles(): it is no language to pick or translate into.
		return genericProfile()
	}
	return nil
}

// langProfileID maps a BCP 47 tag to a built-in language profile id.
func langProfileID(lang string) string {
	l := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	switch {
	case l == "":
		return "zh-Hans"
	case l == "zh-hant" || l == "zh-tw" || l == "zh-hk" || l == "zh-mo" || strings.HasPrefix(l, "zh-hant"):
		return "zh-Hant"
	case l == "zh" || strings.HasPrefix(l, "zh-"):
		return "zh-Hans"
	case l == "yue" || strings.HasPrefix(l, "yue-") || strings.HasPrefix(l, "cmn-hant"):
		return "zh-Hant" // Cantonese is written in traditional characters
	case l == "cmn" || strings.HasPrefix(l, "cmn-"):
		return "zh-Hans" // Mandarin (ISO 639-3)
	}
	base, _, _ := strings.Cut(l, "-")
	return base
}

// Resolve picks the profile for a language and an optional profile name: a
// language profile id, a layer such as "vertical" (applied over the
// language's profile), or a path to a JSON file. A language without a
// profile gets the generic one (Generic is set, Lang is the language), so
// converting or generating never fails for want of a profile; only a
// profile the caller names and that does not exist is an error.
func Resolve(lang, profile string) (*Profile, error) {
	loadBuiltins()
	if strings.HasSuffix(strings.ToLower(profile), ".json") {
		b, err := os.ReadFile(profile)
		if err != nil {
			return nil, fmt.Errorf("cannot read profile %s: %w", profile, err)
		}
		p, err := ParseProfile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", profile, err)
		}
		if !p.Layer {
			return p, nil
		}
		return applyLayer(lang, p)
	}
	if profile != "" {
		p := ProfileByID(profile)
		if p == nil {
			return nil, fmt.Errorf("unknown subtitle profile %q (known: %s)", profile, strings.Join(ProfileIDs(), ", "))
		}
		if !p.Layer {
			return p, nil
		}
		return applyLayer(lang, p)
	}
	id := langProfileID(lang)
	if p := ProfileByID(id); p != nil && !p.Layer && !p.Generic {
		return p, nil
	}
	g := genericProfile()
	g.Lang = lang
	return g, nil
}

func applyLayer(lang string, layer *Profile) (*Profile, error) {
	base, err := Resolve(lang, "")
	if err != nil {
		return nil, err
	}
	p := *base
	p.ID = base.ID + "+" + layer.ID
	p.Name = base.Name + " · " + layer.Name
	key, _, _ := strings.Cut(langProfileID(base.Lang), "-")
	if c, ok := layer.CPLByLang[key]; ok {
		p.CPL = c
	} else if c, ok := layer.CPLByLang["*"]; ok {
		p.CPL = c
	}
	if layer.Video != nil {
		v := *layer.Video
		p.Video = &v
	}
	if layer.MaxLines > 0 {
		p.MaxLines = layer.MaxLines
	}
	if layer.Source != "" {
		p.Source = base.Source + "; " + layer.Source
	}
	return &p, nil
}

// ProfileIDs lists the registered ids.
func ProfileIDs() []string {
	var ids []string
	for _, p := range Profiles() {
		ids = append(ids, p.ID)
	}
	return ids
}
