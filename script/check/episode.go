package check

import (
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// lineText returns the part of a line's source span that holds its text
// (without △ or the speaker) and its offset in body.
func lineText(body string, l script.Line) (string, int) {
	if l.Span.End > len(body) || l.Span.Start < 0 || l.Span.Start > l.Span.End {
		return "", 0
	}
	src := body[l.Span.Start:l.Span.End]
	if l.Kind == script.LineDialogue || l.Kind == script.LineCue {
		// The speaker and the parenthetical belong to the context: a line
		// spoken by 林黛玉 or acted （举杯） says as much as its words; a
		// cue's name (【AI生成】) is as visible as its text.
		return src, l.Span.Start
	}
	if l.Text != "" {
		if i := strings.LastIndex(src, l.Text); i >= 0 {
			// A parenthetical (（黑化）, （举杯）) is part of what is acted.
			if l.Paren != "" {
				if j := strings.Index(src, l.Paren); j >= 0 && j < i {
					return src[j : i+len(l.Text)], l.Span.Start + j
				}
			}
			return l.Text, l.Span.Start + i
		}
	}
	return src, l.Span.Start
}

// lineScope is the scope of a script line; notes and transitions have none.
func lineScope(l script.Line) Scope {
	switch l.Kind {
	case script.LineDialogue:
		return ScopeDialogue
	case script.LineAction, script.LineMarker, script.LineCentered, script.LineLyric:
		return ScopeAction
	case script.LineNote:
		return ScopeNote
	case script.LineCue:
		if l.Text != "" {
			return ScopeAction // 【字幕：…】 and 【闪回】 with text are seen on screen
		}
	}
	return ""
}

func (e *Engine) checkEpisode(cx *projectCtx, ep *script.Episode) EpisodeResult {
	res := EpisodeResult{Episode: ep.Number, Body: ep.Body}
	buf := e.bufPool.Get().(*normBuf)
	defer e.bufPool.Put(buf)
	buf.reset()
	buf.grow(len(ep.Body) + 64)
	var units []unit
	for si := range ep.Scenes {
		sc := &ep.Scenes[si]
		first := len(units)
		for _, l := range sc.Lines {
			scope := lineScope(l)
			if scope == "" {
				continue
			}
			text, base := lineText(ep.Body, l)
			if text == "" {
				continue
			}
			u := unit{scope: scope, scene: sc.Number, line: l.Span.Line, start: l.Span.Start, end: l.Span.End, speaker: l.Speaker}
			u.n0 = len(buf.s)
			appendNorm(buf, text, base)
			u.n1 = len(buf.s)
			buf.addRune('\n', base+len(text), base+len(text))
			units = append(units, u)
		}
		if len(units) > first {
			s0, s1 := units[first].n0, units[len(units)-1].n1
			for i := first; i < len(units); i++ {
				units[i].s0, units[i].s1 = s0, s1
			}
		}
	}
	for _, h := range e.scan(cx, buf, units) {
		f := e.newFinding(cx, h.rule, map[string]string{"term": h.term})
		f.Episode, f.Scene, f.Line = ep.Number, h.u.scene, h.u.line
		f.Term = h.term
		f.Start, f.End = buf.origRange(h.ms, h.me)
		f.Match = ep.Body[f.Start:f.End]
		f.Excerpt = excerpt(ep.Body, 0, h.u.start, h.u.end, f.Start, f.End)
		if h.rule.Aggregate {
			res.agg = append(res.agg, f)
		} else {
			res.Findings = append(res.Findings, f)
		}
	}
	for _, r := range e.checks {
		if s := structural[r.Check]; s.episode != nil && r.Effective(cx.date) {
			res.Findings = append(res.Findings, s.episode(e, cx, r, ep)...)
		}
	}
	var vetoes []sceneVeto
	add := e.modelEpisode(cx, ep, res.Findings, &vetoes)
	res.Findings = append(applyVetoes(res.Findings, vetoes, cx.lang), add...)
	return res
}

// checkMeta runs the text rules over one metadata field.
func (e *Engine) checkMeta(cx *projectCtx, field string, scope Scope, text string) (out, agg []Finding) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	buf := e.bufPool.Get().(*normBuf)
	defer e.bufPool.Put(buf)
	buf.reset()
	appendNorm(buf, text, 0)
	units := []unit{{scope: scope, field: field, start: 0, end: len(text), n0: 0, n1: len(buf.s), s0: 0, s1: len(buf.s)}}
	for _, h := range e.scan(cx, buf, units) {
		f := e.newFinding(cx, h.rule, map[string]string{"term": h.term})
		f.Field, f.Term = field, h.term
		f.Start, f.End = buf.origRange(h.ms, h.me)
		f.Match = text[f.Start:f.End]
		f.Excerpt = excerpt(text, 0, 0, len(text), f.Start, f.End)
		if h.rule.Aggregate {
			agg = append(agg, f)
		} else {
			out = append(out, f)
		}
	}
	return out, agg
}
