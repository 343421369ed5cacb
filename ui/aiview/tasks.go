package aiview

import (
	"context"
	"fmt"
	"strings"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// promptLang is the language of the prompts: the script's, not the UI's.
func promptLang(p *panel) string {
	if proj := p.h.Project(); proj != nil && strings.HasPrefix(strings.ToLower(proj.Meta.Language), "en") {
		return "en"
	}
	return "zh"
}

// target is the episode and span a task acts on: the selection, else the
// task's default span (cursor, opening or ending).
func (p *panel) target(t ai.Task) (ep, start, end int, ok bool) {
	cur := p.h.Current()
	if cur == nil {
		p.showNotice(i18n.T("ai.noEpisode"))
		return 0, 0, 0, false
	}
	body := cur.Body
	cursor := p.h.Cursor()
	s, e, found := ai.SelectionSpan(body, p.h.SelectedText(), cursor)
	switch {
	case t == ai.TaskContinue && found:
		s = e // continue after the selection
	case t == ai.TaskContinue || !found:
		if t == ai.TaskRewrite || t == ai.TaskWeave {
			p.showNotice(i18n.T("ai.needSelection"))
			return 0, 0, 0, false
		}
		s, e = ai.DefaultSpan(t, body, cursor)
	}
	return cur.Number, s, e, true
}

func (p *panel) styleID() string {
	i := p.style.SelectedIndex()
	if st := ai.Styles(); i >= 0 && i < len(st) {
		return st[i].ID
	}
	return ""
}

// runText runs a streamed text task on the selection or the cursor.
func (p *panel) runText(t ai.Task) {
	ep, s, e, ok := p.target(t)
	if !ok {
		return
	}
	in := ai.Input{Project: p.h.Snapshot(), Episode: ep, Start: s, End: e, Style: p.styleID(), Lang: promptLang(p)}
	if t == ai.TaskWeave {
		i := p.element.SelectedIndex()
		if i < 0 || i >= len(p.elements) {
			p.showNotice(i18n.T("ai.element") + "?")
			return
		}
		in.Element = p.elements[i]
	}
	body := p.h.Project().Episode(ep).Body
	if _, err := ai.BuildRequest(t, in, p.sess.Config("")); err != nil {
		p.showError(err) // e.g. no selection: say so before any call
		return
	}
	j := &job{task: t, ep: ep, start: s, end: e, original: body[s:e]}
	var built ai.Request
	p.start(j, func(ctx context.Context, c *ai.Client, onDelta func(ai.Delta)) (ai.Result, error) {
		res, req, err := c.Generate(ctx, t, in, onDelta)
		built = req
		return res, err
	}, func(ai.Result, error) { j.req = built })
}

// runFix proposes a replacement for a finding's span.
func (p *panel) runFix(f ai.Finding) {
	proj := p.h.Project()
	ep := proj.Episode(f.Episode)
	if ep == nil || f.End > len(ep.Body) || f.Start >= f.End {
		p.showNotice(i18n.T("ai.textChanged"))
		return
	}
	in := ai.Input{Project: p.h.Snapshot(), Episode: f.Episode, Start: f.Start, End: f.End, Finding: f, Lang: promptLang(p)}
	j := &job{task: ai.TaskFix, ep: f.Episode, start: f.Start, end: f.End, original: ep.Body[f.Start:f.End]}
	var fix ai.FixReply
	p.start(j, func(ctx context.Context, c *ai.Client, _ func(ai.Delta)) (ai.Result, error) {
		out, res, err := c.Fix(ctx, in)
		fix = out
		res.Text = out.Replacement
		return res, err
	}, func(_ ai.Result, err error) {
		if err == nil && fix.Explanation != "" {
			p.showNotice(fix.Explanation)
		}
	})
}

// runSynopsis writes the filing synopsis and tagline; Accept puts them in
// the project metadata.
func (p *panel) runSynopsis() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	var out ai.SynopsisReply
	snap := p.h.Snapshot()
	j := &job{task: ai.TaskSynopsis}
	j.accept = func() {
		proj.Meta.Synopsis, proj.Meta.Tagline = out.Synopsis, out.Tagline
		p.h.Changed()
	}
	p.start(j, func(ctx context.Context, c *ai.Client, _ func(ai.Delta)) (ai.Result, error) {
		o, res, err := c.Synopsis(ctx, ai.Input{Project: snap, Lang: promptLang(p)})
		out = o
		res.Text = o.Tagline + "\n\n" + o.Synopsis
		return res, err
	}, nil)
}

// runReview asks for the AI's second opinion on the current episode.
func (p *panel) runReview() {
	cur := p.h.Current()
	if cur == nil {
		p.showNotice(i18n.T("ai.noEpisode"))
		return
	}
	n := cur.Number
	snap := p.h.Snapshot()
	var found []ai.Finding
	j := &job{task: ai.TaskReview, ep: n}
	p.start(j, func(ctx context.Context, c *ai.Client, _ func(ai.Delta)) (ai.Result, error) {
		fs, res, err := c.Review(ctx, ai.Input{Project: snap, Episode: n, Lang: promptLang(p)})
		found = fs
		res.Text = ""
		return res, err
	}, func(_ ai.Result, err error) {
		if err != nil {
			return
		}
		p.findings.set(n, found)
		p.tabs.SelectIndex(2)
		p.h.SetBadge("ai", n, badge(len(found)))
	})
}

func badge(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("AI %d", n)
}

// runSummaries fills the episode summaries the prompts use as "story so
// far" (cached in the project by body hash).
func (p *panel) runSummaries() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	snap := p.h.Snapshot()
	lang := promptLang(p)
	missing := ai.MissingSummaries(snap, 0)
	done := 0
	j := &job{task: ai.TaskSummary}
	p.start(j, func(ctx context.Context, c *ai.Client, onDelta func(ai.Delta)) (ai.Result, error) {
		var res ai.Result
		for _, n := range missing {
			s, err := c.Summarize(ctx, ai.Input{Project: snap, Episode: n, Lang: lang})
			if err != nil {
				return res, err
			}
			done++
			onDelta(ai.Delta{Text: fmt.Sprintf("%d: %s\n", n, s)})
		}
		return res, nil
	}, func(_ ai.Result, err error) {
		mergeSummaries(proj, snap) // what finished before a failure is kept
		p.job.text = ""
		p.output.SetText(i18n.Tf("ai.summarized", done))
		if done > 0 {
			p.h.Changed()
		}
	})
}

// mergeSummaries copies new summaries from the worker's snapshot; each
// keeps the hash of the text it summarised, so one made from an older
// body is simply not current.
func mergeSummaries(proj, snap *script.Project) {
	for _, s := range snap.Summaries {
		found := false
		for i := range proj.Summaries {
			if proj.Summaries[i].Episode == s.Episode {
				proj.Summaries[i] = s
				found = true
			}
		}
		if !found {
			proj.Summaries = append(proj.Summaries, s)
		}
	}
}

// runDraft writes the open episode from the outline in its notes; Accept
// inserts it at the cursor (an empty episode simply gets it).
func (p *panel) runDraft() {
	cur := p.h.Current()
	if cur == nil {
		p.showNotice(i18n.T("ai.noEpisode"))
		return
	}
	in, err := ai.DraftInput(p.h.Snapshot(), cur.Number, promptLang(p))
	if err != nil {
		p.showError(err)
		return
	}
	at := max(0, min(p.h.Cursor(), len(cur.Body)))
	j := &job{task: ai.TaskDraft, ep: cur.Number, start: at, end: at}
	var built ai.Request
	p.start(j, func(ctx context.Context, c *ai.Client, onDelta func(ai.Delta)) (ai.Result, error) {
		res, req, err := c.Generate(ctx, ai.TaskDraft, in, onDelta)
		built = req
		return res, err
	}, func(ai.Result, error) { j.req = built })
}
