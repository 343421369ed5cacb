package ai

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// Ladder is the resumable state of the series ladder (Dramatron-style):
// premise → logline → bible → season arc → outlines in batches → drafts.
// Each level is stored when done; running again continues from the first
// missing level or batch, so an interruption never pays twice.
type Ladder struct {
	Premise  string            `json:"premise"`
	Episodes int               `json:"episodes"`
	Batch    int               `json:"batch,omitempty"` // outlines per call (default 10)
	Lang     string            `json:"lang,omitempty"`
	Core     *CoreReply        `json:"core,omitempty"`
	Bible    *BibleReply       `json:"bible,omitempty"`
	Arc      *ArcReply         `json:"arc,omitempty"`
	Outlines []EpisodeOutline  `json:"outlines,omitempty"`
	Drafts   map[string]string `json:"drafts,omitempty"` // episode number → text
}

// CoreReply is the first level.
type CoreReply struct {
	Audience      string   `json:"audience"`
	Genres        []string `json:"genres"`
	Logline       string   `json:"logline"`
	SellingPoints []string `json:"selling_points"`
	Title         string   `json:"title"`
}

// BibleReply is the cast and world.
type BibleReply struct {
	Characters []struct {
		Age    int    `json:"age"`
		Bio    string `json:"bio"`
		Gender string `json:"gender"`
		Name   string `json:"name"`
		Role   string `json:"role"`
	} `json:"characters"`
	Locations []struct {
		Name  string `json:"name"`
		Notes string `json:"notes"`
	} `json:"locations"`
	Rules []string `json:"rules"`
}

// ArcReply is the season plan.
type ArcReply struct {
	Acts []struct {
		From    int    `json:"from"`
		Name    string `json:"name"`
		Summary string `json:"summary"`
		To      int    `json:"to"`
	} `json:"acts"`
	Foreshadowing []struct {
		Payoff  int    `json:"payoff"`
		Planted int    `json:"planted"`
		What    string `json:"what"`
	} `json:"foreshadowing"`
	Paywall   int `json:"paywall" description:"episode of the first paywall"`
	Reversals []struct {
		Episode int    `json:"episode"`
		What    string `json:"what"`
	} `json:"reversals"`
}

// EpisodeOutline is one episode's outline.
type EpisodeOutline struct {
	Beats       []string `json:"beats"`
	Cliffhanger string   `json:"cliffhanger"`
	Hook        string   `json:"hook"`
	Number      int      `json:"number"`
	Reversal    string   `json:"reversal"`
	Title       string   `json:"title"`
}

type outlinesReply struct {
	Episodes []EpisodeOutline `json:"episodes"`
}

// Text renders an outline for prompts and episode notes.
func (o EpisodeOutline) Text(lang string) string {
	var b strings.Builder
	if lang == "en" {
		fmt.Fprintf(&b, "Ep %d %s\nHook: %s\n", o.Number, o.Title, o.Hook)
		for _, x := range o.Beats {
			b.WriteString("- " + x + "\n")
		}
		if o.Reversal != "" {
			b.WriteString("Reversal: " + o.Reversal + "\n")
		}
		b.WriteString("Cliffhanger: " + o.Cliffhanger)
		return b.String()
	}
	fmt.Fprintf(&b, "第%d集 %s\n钩子：%s\n", o.Number, o.Title, o.Hook)
	for _, x := range o.Beats {
		b.WriteString("- " + x + "\n")
	}
	if o.Reversal != "" {
		b.WriteString("反转：" + o.Reversal + "\n")
	}
	b.WriteString("卡点：" + o.Cliffhanger)
	return b.String()
}

// Next names the next level to run: logline, bible, arc, outlines or done.
func (l *Ladder) Next() string {
	switch {
	case l.Core == nil:
		return "logline"
	case l.Bible == nil:
		return "bible"
	case l.Arc == nil:
		return "arc"
	case len(l.Outlines) < l.Episodes:
		return "outlines"
	}
	return "done"
}

func (l *Ladder) outline(n int) *EpisodeOutline {
	for i := range l.Outlines {
		if l.Outlines[i].Number == n {
			return &l.Outlines[i]
		}
	}
	return nil
}

// firstMissing is the first episode without an outline.
func (l *Ladder) firstMissing() int {
	for n := 1; n <= l.Episodes; n++ {
		if l.outline(n) == nil {
			return n
		}
	}
	return 0
}

func (l *Ladder) arcText() string {
	if l.Arc == nil {
		return ""
	}
	var b strings.Builder
	for _, a := range l.Arc.Acts {
		fmt.Fprintf(&b, "%s (%d–%d): %s\n", a.Name, a.From, a.To, a.Summary)
	}
	if l.Arc.Paywall > 0 {
		fmt.Fprintf(&b, "付费卡点 paywall: %d\n", l.Arc.Paywall)
	}
	for _, r := range l.Arc.Reversals {
		fmt.Fprintf(&b, "反转 reversal %d: %s\n", r.Episode, r.What)
	}
	for _, f := range l.Arc.Foreshadowing {
		fmt.Fprintf(&b, "伏笔 setup %d→%d: %s\n", f.Planted, f.Payoff, f.What)
	}
	return b.String()
}

// Step runs the next level (one call; for outlines, one batch) and applies
// its result to p (metadata, cast, locations, episode notes), never
// touching an episode's Body. It returns the level it ran.
func (c *Client) Step(ctx context.Context, l *Ladder, p *script.Project) (string, error) {
	if l.Episodes <= 0 {
		l.Episodes = max(p.Meta.TargetEpisodes, 60)
	}
	if l.Batch <= 0 {
		l.Batch = 10
	}
	in := Input{Project: p, Lang: l.Lang, Premise: l.Premise}
	if l.Core != nil {
		in.Logline = l.Core.Logline
	}
	step := l.Next()
	switch step {
	case "logline":
		if strings.TrimSpace(l.Premise) == "" && p.Meta.Logline == "" {
			return step, &Error{Kind: KindConfig, zh: "请先写下创意（一两句话说明故事）", en: "write the idea first (a sentence or two about the story)"}
		}
		if l.Premise == "" {
			in.Premise = p.Meta.Logline
		}
		var out CoreReply
		if err := c.structured(ctx, TaskLogline, in, &out); err != nil {
			return step, err
		}
		l.Core = &out
	case "bible":
		var out BibleReply
		if err := c.structured(ctx, TaskBible, in, &out); err != nil {
			return step, err
		}
		l.Bible = &out
	case "arc":
		var out ArcReply
		if err := c.structured(ctx, TaskArc, in, &out); err != nil {
			return step, err
		}
		l.Arc = &out
	case "outlines":
		from := l.firstMissing()
		to := min(from+l.Batch-1, l.Episodes)
		for n := from + 1; n <= to; n++ { // a gap left by a cut batch: fill just the gap
			if l.outline(n) != nil {
				to = n - 1
				break
			}
		}
		in.From, in.To, in.Arc = from, to, l.arcText()
		var prev []string
		for n := max(1, from-3); n < from; n++ {
			if o := l.outline(n); o != nil {
				prev = append(prev, o.Text(in.lang()))
			}
		}
		in.Previous = strings.Join(prev, "\n\n")
		var out outlinesReply
		if err := c.structured(ctx, TaskOutlines, in, &out); err != nil {
			return step, err
		}
		got := 0
		for _, o := range out.Episodes {
			// gateways may cut a batch and still say "stop": keep only the
			// asked-for numbers; the next run asks for what is missing
			if o.Number >= from && o.Number <= to && l.outline(o.Number) == nil {
				l.Outlines = append(l.Outlines, o)
				got++
			}
		}
		sort.Slice(l.Outlines, func(i, j int) bool { return l.Outlines[i].Number < l.Outlines[j].Number })
		if got == 0 {
			return step, &Error{Kind: KindInvalid, zh: fmt.Sprintf("AI 没有返回第%d–%d集的大纲：请重试或换用更强的模型", from, to),
				en: fmt.Sprintf("the AI returned no outline for episodes %d–%d: retry or use a stronger model", from, to)}
		}
	case "done":
		return step, nil
	}
	l.Apply(p)
	return step, nil
}

func (c *Client) structured(ctx context.Context, t Task, in Input, out any) error {
	_, _, err := c.runTask(t, in, func(req Request) (Result, error) { return c.JSON(ctx, req, string(t), nil, out) })
	return err
}

// Draft writes episode n from its outline, streaming to onDelta. The text
// is stored in the ladder, not in the project: the writer accepts it.
func (c *Client) Draft(ctx context.Context, l *Ladder, p *script.Project, n int, onDelta func(Delta)) (Result, error) {
	o := l.outline(n)
	if o == nil {
		return Result{}, &Error{Kind: KindConfig, zh: fmt.Sprintf("第%d集还没有大纲：先生成大纲", n),
			en: fmt.Sprintf("episode %d has no outline yet: generate outlines first", n)}
	}
	lang := Input{Lang: l.Lang}.lang()
	in := Input{Project: p, Episode: n, Lang: l.Lang, Outline: o.Text(lang)}
	if prev := p.Episode(n - 1); prev != nil && strings.TrimSpace(prev.Body) != "" {
		in.Previous = ending(prev.Body)
	} else if po := l.outline(n - 1); po != nil {
		in.Previous = po.Cliffhanger
	}
	if no := l.outline(n + 1); no != nil {
		in.Next = no.Text(lang)
	}
	res, _, err := c.Generate(ctx, TaskDraft, in, onDelta)
	if err != nil {
		return res, err
	}
	if l.Drafts == nil {
		l.Drafts = map[string]string{}
	}
	l.Drafts[fmt.Sprint(n)] = CleanText(res.Text)
	return res, nil
}

// Apply copies the ladder into the project: empty metadata fields, cast
// and locations that are not there yet, and episodes with the outline in
// Notes. Existing text is never overwritten.
func (l *Ladder) Apply(p *script.Project) {
	lang := Input{Lang: l.Lang}.lang()
	if c := l.Core; c != nil {
		if p.Meta.Title == "" {
			p.Meta.Title = c.Title
		}
		if p.Meta.Logline == "" {
			p.Meta.Logline = c.Logline
		}
		if len(p.Meta.Genres) == 0 {
			p.Meta.Genres = c.Genres
		}
		if p.Meta.Audience == "" {
			p.Meta.Audience = c.Audience
		}
	}
	if p.Meta.TargetEpisodes == 0 {
		p.Meta.TargetEpisodes = l.Episodes
	}
	if b := l.Bible; b != nil {
		for _, ch := range b.Characters {
			if ch.Name != "" && p.Character(ch.Name) == nil {
				p.Characters = append(p.Characters, script.Character{Name: ch.Name, Age: ch.Age, Gender: ch.Gender, Role: ch.Role, Bio: ch.Bio})
			}
		}
		for _, loc := range b.Locations {
			dup := false
			for _, x := range p.Locations {
				dup = dup || x.Name == loc.Name
			}
			if !dup && loc.Name != "" {
				p.Locations = append(p.Locations, script.Location{Name: loc.Name, Notes: loc.Notes})
			}
		}
	}
	for _, o := range l.Outlines {
		ep := p.Episode(o.Number)
		if ep == nil {
			ep = &script.Episode{Number: o.Number, Status: script.StatusDraft}
			p.Episodes = append(p.Episodes, ep)
		}
		if ep.Title == "" {
			ep.Title = o.Title
		}
		if strings.TrimSpace(ep.Notes) == "" {
			ep.Notes = o.Text(lang)
		}
	}
	sort.SliceStable(p.Episodes, func(i, j int) bool { return p.Episodes[i].Number < p.Episodes[j].Number })
}

// DraftInput is the input for drafting episode n from the outline in its
// Notes (where Ladder.Apply puts it), with the previous episode's ending
// and the next one's outline for continuity.
func DraftInput(p *script.Project, n int, lang string) (Input, error) {
	ep := p.Episode(n)
	if ep == nil || strings.TrimSpace(ep.Notes) == "" {
		return Input{}, &Error{Kind: KindConfig,
			zh: fmt.Sprintf("第%d集的备注里没有大纲：先写大纲（或运行 duanju-cli ai outline）", n),
			en: fmt.Sprintf("episode %d has no outline in its notes: write one first (or run duanju-cli ai outline)", n)}
	}
	in := Input{Project: p, Episode: n, Lang: lang, Outline: ep.Notes}
	if prev := p.Episode(n - 1); prev != nil {
		if strings.TrimSpace(prev.Body) != "" {
			in.Previous = ending(prev.Body)
		} else {
			in.Previous = prev.Notes
		}
	}
	if next := p.Episode(n + 1); next != nil {
		in.Next = next.Notes
	}
	return in, nil
}

// LoadLadder reads the ladder state kept in the project (an empty ladder
// when there is none).
func LoadLadder(p *script.Project) (*Ladder, error) {
	l := &Ladder{}
	if len(p.AIPlan) == 0 {
		return l, nil
	}
	if err := json.Unmarshal(p.AIPlan, l); err != nil {
		return &Ladder{}, fmt.Errorf("the project's AI plan is unreadable (%v); starting a new one", err)
	}
	return l, nil
}

// SaveLadder stores the ladder state in the project.
func SaveLadder(p *script.Project, l *Ladder) {
	b, err := json.Marshal(l)
	if err == nil {
		p.AIPlan = b
	}
}
