package ai

import (
	"sort"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// RecordAccepted notes that text, written by model for task, now stands at
// [start, start+len(text)) of episode n. Call it after the edit is applied.
func RecordAccepted(p *script.Project, n, start int, text, model, task string, now time.Time) {
	if text == "" {
		return
	}
	p.Provenance = append(p.Provenance, script.Provenance{Episode: n, Start: start, End: start + len(text),
		Model: model, Task: task, Time: now.UTC(), Text: text})
}

// ShiftForEdit keeps records in step with an edit of episode n that
// replaced [start,end) with newLen bytes: records after the edit move,
// records the edit touches are dropped (a person changed that text).
// It returns how many were dropped. Call it before RecordAccepted for the
// same edit.
func ShiftForEdit(p *script.Project, n, start, end, newLen int) int {
	delta := newLen - (end - start)
	kept := p.Provenance[:0]
	dropped := 0
	for _, r := range p.Provenance {
		if r.Episode != n {
			kept = append(kept, r)
			continue
		}
		switch {
		case r.End <= start:
			kept = append(kept, r) // before the edit
		case r.Start >= end:
			r.Start += delta
			r.End += delta
			kept = append(kept, r)
		default:
			dropped++
		}
	}
	p.Provenance = kept
	return dropped
}

// Reconcile checks every record against its episode's Body: a record
// whose text moved (edits elsewhere) is re-anchored when the text occurs
// exactly once; one whose text is gone or changed is dropped. It returns
// how many records were dropped. The editor and the check call it.
func Reconcile(p *script.Project) int {
	kept := p.Provenance[:0]
	dropped := 0
	for _, r := range p.Provenance {
		ep := p.Episode(r.Episode)
		if ep == nil || r.Text == "" {
			dropped++
			continue
		}
		b := ep.Body
		if r.Start >= 0 && r.End <= len(b) && r.Start <= r.End && b[r.Start:r.End] == r.Text {
			kept = append(kept, r)
			continue
		}
		if i := strings.Index(b, r.Text); i >= 0 && strings.Count(b, r.Text) == 1 {
			r.Start, r.End = i, i+len(r.Text)
			kept = append(kept, r)
			continue
		}
		dropped++
	}
	p.Provenance = kept
	return dropped
}

// AIRanges returns episode n's current AI-written spans in order.
func AIRanges(p *script.Project, n int) []script.Provenance {
	var out []script.Provenance
	for _, r := range p.Provenance {
		if r.Episode == n {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// AIShare is the fraction of episode n's Body bytes written by the AI and
// not edited since (0..1), for labels and the check's `ai` category.
func AIShare(p *script.Project, n int) float64 {
	ep := p.Episode(n)
	if ep == nil || len(ep.Body) == 0 {
		return 0
	}
	total := 0
	for _, r := range AIRanges(p, n) {
		total += r.End - r.Start
	}
	return min(1, float64(total)/float64(len(ep.Body)))
}

// Accept applies an accepted AI text to episode n in the model: it
// replaces [start,end) of the Body with text, keeps provenance in step and
// records the new text. Hosts with an editor apply the edit through their
// undo stack instead and call ShiftForEdit and RecordAccepted themselves.
func Accept(p *script.Project, n, start, end int, text, model, task string, now time.Time) bool {
	ep := p.Episode(n)
	if ep == nil {
		return false
	}
	start, end = clampSpan(ep.Body, start, end)
	ShiftForEdit(p, n, start, end, len(text))
	ep.Body = ep.Body[:start] + text + ep.Body[end:]
	RecordAccepted(p, n, start, text, model, task, now)
	return true
}

// EpisodeAI summarises the current AI-written text of one episode, for
// the check's `ai` category, reports and export labels.
type EpisodeAI struct {
	Episode  int      `json:"episode"`
	Passages int      `json:"passages"`
	Bytes    int      `json:"bytes"`
	Share    float64  `json:"share"` // of the episode's Body
	Models   []string `json:"models"`
}

// AISummary lists episodes with AI text (after Reconcile), in order.
func AISummary(p *script.Project) []EpisodeAI {
	by := map[int]*EpisodeAI{}
	var order []int
	for _, r := range p.Provenance {
		e := by[r.Episode]
		if e == nil {
			e = &EpisodeAI{Episode: r.Episode}
			by[r.Episode] = e
			order = append(order, r.Episode)
		}
		e.Passages++
		e.Bytes += r.End - r.Start
		seen := false
		for _, m := range e.Models {
			seen = seen || m == r.Model
		}
		if !seen && r.Model != "" {
			e.Models = append(e.Models, r.Model)
		}
	}
	sort.Ints(order)
	out := make([]EpisodeAI, 0, len(order))
	for _, n := range order {
		e := by[n]
		e.Share = AIShare(p, n)
		out = append(out, *e)
	}
	return out
}

// Unlabelled reports AI text that exports would not label: the project
// has provenance records but neither labels AI content nor is filed as an
// AI micro-drama.
func Unlabelled(p *script.Project) bool {
	return len(p.Provenance) > 0 && !p.Settings.LabelAIContent && !p.Meta.AIMade
}
