package checkview

import (
	"slices"
	"strings"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// labelTag marks the AI-content labelling rules: an AI rewrite is still AI
// text, so only a person (or turning labelling on) fixes those.
const labelTag = "AI标识"

// canFixWithAI: only findings in an episode's text have a span to rewrite
// (metadata findings are fixed in the Bible).
func canFixWithAI(p *script.Project, f *check.Finding) bool {
	if f == nil || f.Episode == 0 || p == nil || slices.Contains(f.Tags, labelTag) {
		return false
	}
	ep := p.Episode(f.Episode)
	return ep != nil && f.Start >= 0 && f.End <= len(ep.Body) && f.Start <= f.End
}

// aiFinding turns a rule finding into the AI's form. A finding without a
// span (a whole line or scene) gets the line it starts on, so the AI has
// text to rewrite.
func aiFinding(body string, f check.Finding) ai.Finding {
	start, end := f.Start, f.End
	if start >= end {
		start, end = lineAround(body, start)
	}
	msg := f.Message
	if f.Term != "" && !strings.Contains(msg, f.Term) {
		msg += "（" + f.Term + "）"
	}
	return ai.Finding{
		Rule: f.Rule, Category: f.Category, Severity: string(f.Severity),
		Episode: f.Episode, Start: start, End: end, Excerpt: body[start:end],
		Message: msg, Suggestion: f.Suggestion, Source: f.Source.Name,
	}
}

// lineAround returns the line holding byte at, without its newline.
func lineAround(body string, at int) (int, int) {
	at = min(max(at, 0), len(body))
	start := strings.LastIndexByte(body[:at], '\n') + 1
	end := len(body)
	if i := strings.IndexByte(body[at:], '\n'); i >= 0 {
		end = at + i
	}
	return start, end
}

// fixFinding asks the AI panel for a fix of f: it proposes a replacement
// for the span, which the writer accepts there as one undo step.
func (p *panel) fixFinding(f *check.Finding) {
	proj := p.h.Project()
	if !canFixWithAI(proj, f) {
		return
	}
	af := aiFinding(proj.Episode(f.Episode).Body, *f)
	if af.Start >= af.End {
		p.h.Status(i18n.T("check.ai.nospan"))
		return
	}
	if !p.h.Request(dock.FixWithAI{Finding: af}) {
		p.h.Status(i18n.T("check.ai.none"))
		return
	}
	p.h.Status(i18n.T("check.ai.asked"))
}
