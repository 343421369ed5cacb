package ai

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// Task is one kind of request the writer can make.
type Task string

const (
	TaskChat        Task = "chat"
	TaskContinue    Task = "continue"
	TaskRewrite     Task = "rewrite"
	TaskFix         Task = "fix"
	TaskHook        Task = "hook"
	TaskCliffhanger Task = "cliffhanger"
	TaskWeave       Task = "weave"
	TaskReview      Task = "review"
	TaskSynopsis    Task = "synopsis"
	TaskSummary     Task = "summary"
	// The series ladder (Dramatron-style), one level per call.
	TaskLogline  Task = "logline"
	TaskBible    Task = "bible"
	TaskArc      Task = "arc"
	TaskOutlines Task = "outlines"
	TaskDraft    Task = "draft"
)

// taskSpec is what differs between tasks besides the template.
type taskSpec struct {
	reply int     // reply token budget
	temp  float64 // default temperature
}

var specs = map[Task]taskSpec{
	TaskChat: {1500, 0.7}, TaskContinue: {900, 0.8}, TaskRewrite: {1200, 0.7}, TaskFix: {800, 0.4},
	TaskHook: {600, 0.9}, TaskCliffhanger: {600, 0.9}, TaskWeave: {1500, 0.7}, TaskReview: {1500, 0.2},
	TaskSynopsis: {600, 0.6}, TaskSummary: {400, 0.2}, TaskLogline: {800, 0.9}, TaskBible: {3000, 0.8},
	TaskArc: {2500, 0.7}, TaskOutlines: {4000, 0.7}, TaskDraft: {3500, 0.8},
}

// Finding is a self-check finding handed to the AI for a fix or shown
// beside the rule engine's (AI findings have AI set).
type Finding struct {
	Rule       string `json:"rule"`
	Category   string `json:"category"`
	Severity   string `json:"severity"`
	Episode    int    `json:"episode"`
	Start      int    `json:"start"` // byte span in the episode Body
	End        int    `json:"end"`
	Excerpt    string `json:"excerpt"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Source     string `json:"source,omitempty"`
	AI         bool   `json:"ai,omitempty"`
	// Reader is "ai": the AI review is the self-check's third reader beside
	// the cited rules ("rule") and the learned model ("model").
	Reader string `json:"reader,omitempty"`
}

// CultureFact is a cultural element with the facts the AI may use.
type CultureFact struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Type   string `json:"type,omitempty"`
	Region string `json:"region,omitempty"`
	Facts  string `json:"facts"`
	Source string `json:"source,omitempty"`
}

// Input is what a task acts on. Only the fields the task uses matter.
type Input struct {
	Project     *script.Project
	Episode     int // episode number (0 = none)
	Start, End  int // selection in the episode Body; Start == End is the cursor
	Style       string
	Finding     Finding
	Element     CultureFact
	Instruction string
	Lang        string    // prompt language: zh (default) or en
	History     []Message // earlier chat turns
	Length      int       // target characters for continue/draft
	// ladder
	Premise, Logline, Arc, Previous, Outline, Next string
	From, To                                       int
}

// promptData feeds the templates.
type promptData struct {
	Series                           string
	EpisodeNumber                    int
	EpisodeText                      string
	Before, Selection, After         string
	Style, Instruction               string
	Finding                          Finding
	Element                          CultureFact
	Categories                       string
	Length, Seconds, TargetEpisodes  int
	PaywallFrom, PaywallTo           int
	Paywall                          bool
	MaxSynopsis, MaxTagline          int
	Premise, Logline, Arc, Previous  string
	Outline, Next                    string
	From, To                         int
	Glossary, Cues, MaxCPS, MaxChars any
	FromLang                         string
}

// Filing limits (WeChat mini-drama filing).
const (
	MaxSynopsisRunes = 200
	MaxTaglineRunes  = 30
)

func (in Input) lang() string {
	if in.Lang == "en" {
		return "en"
	}
	return "zh"
}

// ReplyTokens is the reply budget of task under cfg.
func ReplyTokens(t Task, cfg Config) int {
	if cfg.MaxTokens > 0 {
		return cfg.MaxTokens
	}
	return specs[t].reply
}

// BuildRequest renders task's prompt for in, fitting the series bible and
// the episode text into cfg's context budget.
func BuildRequest(t Task, in Input, cfg Config) (Request, error) {
	spec, ok := specs[t]
	if !ok {
		return Request{}, fmt.Errorf("unknown AI task %q", t)
	}
	lang := in.lang()
	reply := ReplyTokens(t, cfg)
	budget := Budget(cfg.ContextTokens(), reply)
	d := promptData{EpisodeNumber: in.Episode, Instruction: strings.TrimSpace(in.Instruction), Finding: in.Finding,
		Element: in.Element, Length: in.Length, Premise: in.Premise, Logline: in.Logline, Arc: in.Arc,
		Previous: in.Previous, Outline: in.Outline, Next: in.Next, From: in.From, To: in.To,
		MaxSynopsis: MaxSynopsisRunes, MaxTagline: MaxTaglineRunes}
	p := in.Project
	if p != nil {
		st := p.Settings.Effective()
		d.Seconds = p.Meta.SecondsPerEpisode
		if d.Seconds == 0 {
			d.Seconds = (st.TargetMinSecs + st.TargetMaxSecs) / 2
		}
		d.TargetEpisodes = p.Meta.TargetEpisodes
		if d.TargetEpisodes == 0 {
			d.TargetEpisodes = max(len(p.Episodes), 60)
		}
		d.PaywallFrom, d.PaywallTo = st.PaywallFrom, st.PaywallTo
		d.Paywall = in.Episode >= st.PaywallFrom && in.Episode <= st.PaywallTo
		if d.Logline == "" {
			d.Logline = p.Meta.Logline
		}
	}
	if d.Length == 0 && t == TaskDraft {
		d.Length = int(float64(d.Seconds) * 4.5)
	}
	// The episode text: the task's own material gets up to 55 % of the
	// budget, the bible what is left.
	var body string
	if p != nil {
		if ep := p.Episode(in.Episode); ep != nil {
			body = ep.Body
		}
	}
	s, e := clampSpan(body, in.Start, in.End)
	d.Selection = body[s:e]
	if t == TaskFix && d.Selection == "" {
		d.Selection = in.Finding.Excerpt
	}
	if EstimateTokens(d.Selection) > budget/2 {
		return Request{}, &Error{Kind: KindConfig,
			zh: "选中的文字太长，超出模型上下文：请分段处理，或在设置中提高上下文长度",
			en: "the selection is too long for the model's context: work in parts or raise the context size in the settings"}
	}
	own := budget*55/100 - EstimateTokens(d.Selection)
	switch t {
	case TaskContinue:
		d.Before = TrimTokensTail(body[:e], own)
	case TaskRewrite, TaskFix, TaskWeave, TaskCliffhanger:
		d.Before = TrimTokensTail(body[:s], own*2/3)
		d.After = TrimTokens(body[e:], own/3)
	case TaskHook:
		if d.Selection == "" { // no selection: the opening up to the first blank line or 200 runes
			d.Selection = opening(body)
			e = len(d.Selection)
		}
		d.After = TrimTokens(body[e:], own)
	case TaskReview, TaskSummary, TaskChat:
		d.EpisodeText = TrimTokens(body, own)
	case TaskSynopsis:
		d.EpisodeText = TrimTokens(episodeDigest(p, lang), own)
	}
	if t == TaskCliffhanger && d.Selection == "" {
		d.Selection = ending(body)
		d.Before = TrimTokensTail(body[:len(body)-len(d.Selection)], own*2/3)
	}
	if t == TaskRewrite {
		st, ok := styleByID(in.Style)
		switch {
		case ok && lang == "zh":
			d.Style = st.ZHPrompt
		case ok:
			d.Style = st.ENPrompt
		case in.Style != "":
			d.Style = in.Style // free text direction
		default:
			d.Style = map[string]string{"zh": "在不改变剧情的前提下写得更好", "en": "better, without changing the story"}[lang]
		}
	}
	if t == TaskReview {
		var b strings.Builder
		for _, c := range Categories() {
			desc := c.EN
			if lang == "zh" {
				desc = c.ZH
			}
			fmt.Fprintf(&b, "- %s：%s\n", c.Key, desc)
		}
		d.Categories = strings.TrimSpace(b.String())
	}
	if (t == TaskRewrite || t == TaskWeave) && d.Selection == "" {
		return Request{}, &Error{Kind: KindConfig, zh: "请先在编辑器里选中要处理的文字", en: "select the text to work on in the editor first"}
	}
	user, err := render(lang, string(t), d)
	if err != nil {
		return Request{}, err
	}
	if t == TaskChat && strings.TrimSpace(user) == "" {
		return Request{}, &Error{Kind: KindConfig, zh: "请输入要问的问题", en: "type a question first"}
	}
	base, err := render(lang, "system", promptData{})
	if err != nil {
		return Request{}, err
	}
	histTokens := 0
	for _, m := range in.History {
		histTokens += EstimateTokens(m.Content)
	}
	left := budget - EstimateTokens(base) - EstimateTokens(user) - histTokens
	d.Series = SeriesContext(p, in.Episode, left, lang)
	sys, err := render(lang, "system", d)
	if err != nil {
		return Request{}, err
	}
	temp := spec.temp
	if cfg.Temperature != nil {
		temp = *cfg.Temperature
	}
	r := Request{MaxTokens: reply, Temperature: &temp}
	r.Messages = append(r.Messages, Message{Role: RoleSystem, Content: sys})
	r.Messages = append(r.Messages, in.History...)
	r.Messages = append(r.Messages, Message{Role: RoleUser, Content: user})
	return r, nil
}

func clampSpan(body string, s, e int) (int, int) {
	s = max(0, min(s, len(body)))
	e = max(s, min(e, len(body)))
	for s > 0 && s < len(body) && !utf8.RuneStart(body[s]) {
		s--
	}
	for e < len(body) && !utf8.RuneStart(body[e]) {
		e++
	}
	return s, e
}

// opening is the episode's first scene lines up to ~200 runes.
func opening(body string) string {
	lines := strings.SplitAfter(body, "\n")
	var b strings.Builder
	for _, l := range lines {
		if utf8.RuneCountInString(b.String()) > 200 || (b.Len() > 0 && strings.TrimSpace(l) == "") {
			break
		}
		b.WriteString(l)
	}
	return b.String()
}

// ending is the episode's last lines, ~200 runes.
func ending(body string) string {
	trimmed := strings.TrimRight(body, "\n ")
	lines := strings.SplitAfter(trimmed, "\n")
	n := 0
	i := len(lines)
	for i > 0 && n < 200 {
		i--
		n += utf8.RuneCountInString(lines[i])
	}
	return strings.Join(lines[i:], "")
}

// episodeDigest lists every episode's summary (or excerpt) for series-wide
// tasks.
func episodeDigest(p *script.Project, lang string) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for _, ep := range p.Episodes {
		if s := summaryOrExcerpt(p, ep, lang); s != "" {
			if lang == "zh" {
				fmt.Fprintf(&b, "第%d集：%s\n", ep.Number, s)
			} else {
				fmt.Fprintf(&b, "Ep %d: %s\n", ep.Number, s)
			}
		}
	}
	return b.String()
}

// CleanText removes what models wrap around a script passage: code
// fences, echoed <<< >>> markers, leading/trailing blank lines.
func CleanText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "```") {
		if nl := strings.IndexByte(s, '\n'); nl >= 0 {
			s = s[nl+1:]
		}
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<<<")
	s = strings.TrimSuffix(s, ">>>")
	return strings.Trim(s, "\n")
}

// Generate runs a text task, streaming pieces to onDelta. The writer's
// text is not touched: the caller shows the Result and applies it on
// Accept.
func (c *Client) Generate(ctx context.Context, t Task, in Input, onDelta func(Delta)) (Result, Request, error) {
	return c.runTask(t, in, func(req Request) (Result, error) { return c.Stream(ctx, req, onDelta) })
}

// DefaultSpan is the part of body a task replaces when nothing is
// selected: the opening for a hook, the ending for a cliffhanger, the
// cursor (start == end) otherwise.
func DefaultSpan(t Task, body string, cursor int) (int, int) {
	switch t {
	case TaskHook:
		return 0, len(opening(body))
	case TaskCliffhanger:
		trimmed := strings.TrimRight(body, "\n ")
		return len(trimmed) - len(ending(body)), len(trimmed)
	}
	cursor = max(0, min(cursor, len(body)))
	return cursor, cursor
}

// SelectionSpan finds the byte span of sel in body, preferring the
// occurrence that ends or starts at the cursor (hosts report the selected
// text and the cursor, not the span). ok is false when sel is not in body.
func SelectionSpan(body, sel string, cursor int) (start, end int, ok bool) {
	if sel == "" {
		return 0, 0, false
	}
	if cursor >= len(sel) && cursor <= len(body) && body[cursor-len(sel):cursor] == sel {
		return cursor - len(sel), cursor, true
	}
	if cursor >= 0 && cursor+len(sel) <= len(body) && body[cursor:cursor+len(sel)] == sel {
		return cursor, cursor + len(sel), true
	}
	best, bestDist := -1, 0
	for off := 0; ; {
		i := strings.Index(body[off:], sel)
		if i < 0 {
			break
		}
		at := off + i
		d := at - cursor
		if d < 0 {
			d = -d
		}
		if best < 0 || d < bestDist {
			best, bestDist = at, d
		}
		off = at + 1
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + len(sel), true
}
