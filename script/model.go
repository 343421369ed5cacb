// Package script is the domain model of a micro-short-drama series: the
// project with its filing metadata, characters, locations, episodes parsed
// into scenes and lines, glossary, provenance and waivers.
//
// The episode Body text is the source of truth that the writer edits; Scenes
// are derived from it by script/format and every Line keeps the byte span of
// Body it came from, so that findings, subtitle cues and AI edits can point
// back at the text. This package never imports Fyne.
package script

import (
	"encoding/json"
	"strconv"
	"time"
)

// Project is one series.
type Project struct {
	Meta        Meta            `json:"meta"`
	Characters  []Character     `json:"characters,omitempty"`
	Locations   []Location      `json:"locations,omitempty"`
	Episodes    []*Episode      `json:"episodes"`
	Glossary    []GlossaryEntry `json:"glossary,omitempty"`
	Provenance  []Provenance    `json:"provenance,omitempty"`
	Waivers     []Waiver        `json:"waivers,omitempty"`
	Culture     CulturePlan     `json:"culture,omitempty"`
	Tracks      []SubtitleTrack `json:"tracks,omitempty"`
	Summaries   []Summary       `json:"summaries,omitempty"`
	Settings    Settings        `json:"settings"`
	TitlePage   []KeyValue      `json:"title_page,omitempty"` // extra Fountain title-page keys kept verbatim
	SourceStyle Style           `json:"source_style,omitempty"`
	// AIPlan is the resumable state of the AI series ladder (ai.Ladder as
	// JSON): premise, logline, bible, season arc, outlines, drafts.
	AIPlan json.RawMessage `json:"ai_plan,omitempty"`
}

// Style is the text convention a project was written in.
type Style string

const (
	StyleChinese  Style = "chinese"  // 第N集 / 1-1 日 内 … / 角色：台词
	StyleFountain Style = "fountain" // Fountain 1.1
)

// KeyValue is an ordered key/value pair.
type KeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Meta holds the series metadata, including every field a filing asks for.
type Meta struct {
	Title             string   `json:"title"`              // 片名
	Tagline           string   `json:"tagline,omitempty"`  // 推荐语, ≤30 chars on WeChat
	Synopsis          string   `json:"synopsis,omitempty"` // 内容简介, ≤200 chars on WeChat
	Logline           string   `json:"logline,omitempty"`  // 一句话故事
	Genres            []string `json:"genres,omitempty"`
	Audience          string   `json:"audience,omitempty"`
	Platforms         []string `json:"platforms,omitempty"`
	TargetEpisodes    int      `json:"target_episodes,omitempty"`
	SecondsPerEpisode int      `json:"seconds_per_episode,omitempty"` // target; range derived in Settings
	BudgetWan         float64  `json:"budget_wan,omitempty"`          // 制作成本, 万元
	GoLive            string   `json:"go_live,omitempty"`             // YYYY-MM-DD
	AIMade            bool     `json:"ai_made,omitempty"`             // AI微短剧
	SpecialSubjects   []string `json:"special_subjects,omitempty"`    // 政治、军事、外交…
	Producer          string   `json:"producer,omitempty"`            // 制作机构
	Writers           []string `json:"writers,omitempty"`             // 编剧
	Licence           string   `json:"licence,omitempty"`             // 许可证号 / 备案号
	Regions           []string `json:"regions,omitempty"`             // GB/T 2260 codes of the places featured
	Language          string   `json:"language,omitempty"`            // BCP 47 of the script, default zh-Hans
	Draft             string   `json:"draft,omitempty"`               // draft date / version
	Contact           string   `json:"contact,omitempty"`
	Copyright         string   `json:"copyright,omitempty"`
	Notes             string   `json:"notes,omitempty"`
}

// Settings are per-project parameters of estimates and checks.
type Settings struct {
	SpeechRate     float64 `json:"speech_rate,omitempty"`      // spoken Chinese chars per second (4.5)
	ActionRate     float64 `json:"action_rate,omitempty"`      // action chars per second of screen time (acted, slower than speech)
	PauseSeconds   float64 `json:"pause_seconds,omitempty"`    // pause added at sentence punctuation
	CommaPause     float64 `json:"comma_pause,omitempty"`      // pause added at commas
	TargetMinSecs  int     `json:"target_min_secs,omitempty"`  // episode duration range
	TargetMaxSecs  int     `json:"target_max_secs,omitempty"`  //
	PaywallFrom    int     `json:"paywall_from,omitempty"`     // usual first-paywall window (卡一)
	PaywallTo      int     `json:"paywall_to,omitempty"`       //
	LabelAIContent bool    `json:"label_ai_content,omitempty"` // label AI text in exports
	Watermark      string  `json:"watermark,omitempty"`        // e.g. 送审稿
}

// Defaults used wherever a setting is zero.
const (
	DefaultSpeechRate = 4.5
	DefaultActionRate = 3.5
	// DefaultLineBeat is the screen time of the cut/reaction around each line.
	DefaultLineBeat     = 0.6
	DefaultPauseSeconds = 0.4
	DefaultCommaPause   = 0.15
	DefaultTargetMin    = 60
	DefaultTargetMax    = 180
	DefaultPaywallFrom  = 8
	DefaultPaywallTo    = 16
)

// Effective returns the settings with every zero value replaced by its default.
func (s Settings) Effective() Settings {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&s.SpeechRate, DefaultSpeechRate)
	def(&s.ActionRate, DefaultActionRate)
	def(&s.PauseSeconds, DefaultPauseSeconds)
	def(&s.CommaPause, DefaultCommaPause)
	defi(&s.TargetMinSecs, DefaultTargetMin)
	defi(&s.TargetMaxSecs, DefaultTargetMax)
	defi(&s.PaywallFrom, DefaultPaywallFrom)
	defi(&s.PaywallTo, DefaultPaywallTo)
	return s
}

// Character is a member of the cast (人物小传).
type Character struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Age     int      `json:"age,omitempty"` // 0 = unknown
	Gender  string   `json:"gender,omitempty"`
	Role    string   `json:"role,omitempty"` // 主角, 配角, 反派…
	Bio     string   `json:"bio,omitempty"`
}

// Minor reports whether the character is known to be under 18.
func (c Character) Minor() bool { return c.Age > 0 && c.Age < 18 }

// Names returns the name followed by the aliases.
func (c Character) Names() []string { return append([]string{c.Name}, c.Aliases...) }

// Location is a place the series shoots in.
type Location struct {
	Name   string `json:"name"`
	Region string `json:"region,omitempty"` // GB/T 2260 code
	Notes  string `json:"notes,omitempty"`
}

// GlossaryEntry fixes how a term is rendered in each subtitle language.
type GlossaryEntry struct {
	Term   string            `json:"term"`
	Render map[string]string `json:"render,omitempty"` // lang → rendering
	Note   string            `json:"note,omitempty"`
	Source string            `json:"source,omitempty"` // e.g. culture:<element id>
}

// Status is an episode's editorial state.
type Status string

const (
	StatusDraft   Status = "draft"
	StatusRevised Status = "revised"
	StatusLocked  Status = "locked"
)

// Episode is one episode; Body is its text without the episode heading line.
type Episode struct {
	ID     string  `json:"id,omitempty"` // stable across renumbering; set by the store
	Number int     `json:"number"`
	Title  string  `json:"title,omitempty"`
	Body   string  `json:"body"`
	Status Status  `json:"status,omitempty"`
	Notes  string  `json:"notes,omitempty"`
	Scenes []Scene `json:"scenes,omitempty"` // derived from Body by format.ParseBody
}

// Scene is one scene: heading fields, cast and lines.
type Scene struct {
	Number   string   `json:"number,omitempty"` // e.g. "3-2"; empty for text before the first heading
	Time     string   `json:"time,omitempty"`   // 日/夜/晨/昏… or DAY/NIGHT
	IntExt   string   `json:"int_ext,omitempty"`
	Location string   `json:"location,omitempty"`
	Heading  string   `json:"heading,omitempty"` // the heading as written
	Cast     []string `json:"cast,omitempty"`    // 人物：…
	Lines    []Line   `json:"lines,omitempty"`
	Span     Span     `json:"span"` // the whole scene in Body
}

// LineKind classifies a line of script.
type LineKind string

const (
	LineAction     LineKind = "action"     // △ …
	LineDialogue   LineKind = "dialogue"   // 角色：（情绪）台词
	LineCue        LineKind = "cue"        // 【闪回】【字幕：…】
	LineMarker     LineKind = "marker"     // 【钩子】【反转】【卡点】【付费点】
	LineTransition LineKind = "transition" // 切至： / CUT TO:
	LineNote       LineKind = "note"       // [[…]] or （注：…）
	LineCentered   LineKind = "centered"   // Fountain > text <
	LineLyric      LineKind = "lyric"      // Fountain ~
	LineSection    LineKind = "section"    // Fountain #
	LineSynopsis   LineKind = "synopsis"   // Fountain =
	LinePageBreak  LineKind = "pagebreak"  // Fountain ===
	LineBoneyard   LineKind = "boneyard"   // Fountain /* */
)

// Marker is a short-drama structural marker.
type Marker string

const (
	MarkerHook     Marker = "钩子"
	MarkerReversal Marker = "反转"
	MarkerCliff    Marker = "卡点"
	MarkerPaywall  Marker = "付费点"
	MarkerNone     Marker = ""
	VoiceOS               = "OS"
	VoiceVO               = "VO"
)

// Markers lists the markers in display order.
var Markers = []Marker{MarkerHook, MarkerReversal, MarkerCliff, MarkerPaywall}

// Span is a byte range [Start, End) in an episode Body, with its 1-based line.
type Span struct {
	Line  int `json:"line"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Line is one element of a scene.
type Line struct {
	Kind    LineKind `json:"kind"`
	Text    string   `json:"text"`              // content without the prefix (△, speaker, 【】)
	Speaker string   `json:"speaker,omitempty"` // dialogue
	Paren   string   `json:"paren,omitempty"`   // （情绪） / (beat)
	Voice   string   `json:"voice,omitempty"`   // OS or VO
	Dual    bool     `json:"dual,omitempty"`    // Fountain dual dialogue (^)
	Marker  Marker   `json:"marker,omitempty"`  // for LineMarker
	Cue     string   `json:"cue,omitempty"`     // cue type: 闪回, 字幕, 特写… for LineCue
	Level   int      `json:"level,omitempty"`   // section depth
	Span    Span     `json:"span"`
}

// Spoken reports whether the line is heard (dialogue, OS, VO).
func (l Line) Spoken() bool { return l.Kind == LineDialogue }

// Provenance records AI-written text until a person edits it.
type Provenance struct {
	Episode int       `json:"episode"`
	Start   int       `json:"start"` // byte span in Body
	End     int       `json:"end"`
	Model   string    `json:"model"`
	Task    string    `json:"task,omitempty"`
	Time    time.Time `json:"time"`
	Text    string    `json:"text,omitempty"` // what was accepted, to notice later edits
}

// Waiver marks a finding as reviewed.
type Waiver struct {
	Rule    string    `json:"rule"`
	Episode int       `json:"episode,omitempty"`
	Excerpt string    `json:"excerpt,omitempty"` // the text under the finding; a change re-opens it
	Reason  string    `json:"reason"`
	By      string    `json:"by,omitempty"`
	Time    time.Time `json:"time"`
}

// CulturePlan is the series' plan of cultural elements and the writer's
// overrides of detection.
type CulturePlan struct {
	Planned       []string          `json:"planned,omitempty"`        // element ids
	Additions     []CultureElement  `json:"additions,omitempty"`      // project-only elements
	Suppressed    []string          `json:"suppressed,omitempty"`     // "elementID" or "elementID@episode:start"
	DepthOverride map[string]string `json:"depth_override,omitempty"` // "elementID@episode:start" → depth
}

// CultureElement is a per-project cultural element the writer added.
type CultureElement struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	English string   `json:"english,omitempty"`
	Type    string   `json:"type,omitempty"`
	Region  string   `json:"region,omitempty"`
	Notes   string   `json:"notes,omitempty"`
}

// SubtitleTrack is a subtitle track kept in the project, serialised by
// script/subtitle (its own cue model) as JSON in Data.
type SubtitleTrack struct {
	Episode int       `json:"episode"`
	Lang    string    `json:"lang"`
	Name    string    `json:"name,omitempty"`
	Data    string    `json:"data"`
	Updated time.Time `json:"updated"`
}

// Summary caches an AI summary of an episode for prompt context.
type Summary struct {
	Episode int    `json:"episode"`
	Hash    string `json:"hash"` // of the Body it summarises
	Text    string `json:"text"`
}

// Episode returns the episode with the given number, or nil.
func (p *Project) Episode(n int) *Episode {
	for _, e := range p.Episodes {
		if e.Number == n {
			return e
		}
	}
	return nil
}

// Character returns the character whose name or alias is name, or nil.
func (p *Project) Character(name string) *Character {
	for i := range p.Characters {
		for _, n := range p.Characters[i].Names() {
			if n == name {
				return &p.Characters[i]
			}
		}
	}
	return nil
}

// Renumber sets episode numbers to 1..n in slice order.
func (p *Project) Renumber() {
	for i, e := range p.Episodes {
		e.Number = i + 1
	}
}

// EpisodeName is the platform's episode naming rule "剧名 - 第x集".
func (p *Project) EpisodeName(n int) string {
	return p.Meta.Title + " - 第" + strconv.Itoa(n) + "集"
}

// CastNames returns every character name and alias.
func (p *Project) CastNames() []string {
	var out []string
	for _, c := range p.Characters {
		out = append(out, c.Names()...)
	}
	return out
}
