package ui

import (
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// provTracker keeps the AI provenance of the episode in the editor in step
// with its text on every edit: records move with edits before them, are set
// aside when a person edits inside them, and come back when undo/redo
// brings back a text they belonged to, when a cut or copied passage is
// pasted, and when a history restore brings their text back.
type provTracker struct {
	// states maps a hash of a body the editor has shown to that body's
	// records, so undo and redo restore the records with the text.
	states map[uint64][]script.Provenance
	// dormant holds records set aside by edits in this session, per episode.
	dormant map[*script.Episode][]script.Provenance
	clip    *clipProv // records inside the last cut or copied text
	pending *clipProv // a paste of clip under way
	revive  bool      // the next change is a history restore
}

// clipProv is cut or copied text with the records inside it, their spans
// relative to the start of the text.
type clipProv struct {
	text string
	recs []script.Provenance
}

// maxProvStates bounds the undo memory (hashes and small record slices).
const maxProvStates = 4000

func newProvTracker() *provTracker {
	return &provTracker{states: map[uint64][]script.Provenance{}, dormant: map[*script.Episode][]script.Provenance{}}
}

func bodyHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// episodeRecords returns episode n's records (copies).
func episodeRecords(p *script.Project, n int) []script.Provenance {
	var out []script.Provenance
	for _, r := range p.Provenance {
		if r.Episode == n {
			out = append(out, r)
		}
	}
	return out
}

// setEpisodeRecords replaces episode n's records and reports whether they
// changed.
func setEpisodeRecords(p *script.Project, n int, recs []script.Provenance) bool {
	old := episodeRecords(p, n)
	if slices.Equal(old, recs) {
		return false
	}
	kept := make([]script.Provenance, 0, len(p.Provenance)-len(old)+len(recs))
	for _, r := range p.Provenance {
		if r.Episode != n {
			kept = append(kept, r)
		}
	}
	p.Provenance = append(kept, recs...)
	if len(p.Provenance) == 0 {
		p.Provenance = nil
	}
	return true
}

// reset starts a new editing session for ep (its undo history is gone).
func (t *provTracker) reset(p *script.Project, ep *script.Episode) {
	clear(t.states)
	t.pending = nil
	t.revive = false
	if ep != nil {
		t.remember(p, ep)
	}
}

// remember stores ep's current records under its current text.
func (t *provTracker) remember(p *script.Project, ep *script.Episode) {
	if len(t.states) >= maxProvStates {
		clear(t.states)
	}
	t.states[bodyHash(ep.Body)] = episodeRecords(p, ep.Number)
}

// edited brings ep's records in step with its body changing from old to
// ep.Body and reports whether they changed.
func (t *provTracker) edited(p *script.Project, ep *script.Episode, old string) bool {
	body := ep.Body
	cur := episodeRecords(p, ep.Number)
	var recs []script.Provenance
	if saved, ok := t.states[bodyHash(body)]; ok && valid(body, saved) {
		recs = slices.Clone(saved) // undo or redo back to a known text
		// Records that left with the text go dormant (e.g. undo of an accept
		// then a paste of the same text is not AI text again, but a redo is).
		for _, r := range cur {
			if !slices.Contains(recs, r) {
				t.sleep(ep, r)
			}
		}
	} else {
		start, end, newEnd := changedSpan(old, body)
		for _, r := range cur {
			if nr, ok := follow(body, r, start, end, newEnd); ok {
				recs = append(recs, nr)
			} else {
				t.sleep(ep, r)
			}
		}
		if t.pending != nil && body[start:newEnd] == t.pending.text {
			for _, r := range t.pending.recs {
				r.Episode = ep.Number
				r.Start += start
				r.End += start
				recs = addRecord(recs, r)
			}
		}
		if t.revive {
			for _, r := range t.dormant[ep] {
				if strings.Count(body, r.Text) == 1 {
					i := strings.Index(body, r.Text)
					r.Episode, r.Start, r.End = ep.Number, i, i+len(r.Text)
					recs = addRecord(recs, r)
				}
			}
		}
	}
	t.pending, t.revive = nil, false
	slices.SortStableFunc(recs, func(a, b script.Provenance) int { return a.Start - b.Start })
	changed := setEpisodeRecords(p, ep.Number, recs)
	t.remember(p, ep)
	return changed
}

// sleep sets r aside for ep (once).
func (t *provTracker) sleep(ep *script.Episode, r script.Provenance) {
	for _, d := range t.dormant[ep] {
		if d.Text == r.Text && d.Time.Equal(r.Time) {
			return
		}
	}
	t.dormant[ep] = append(t.dormant[ep], r)
}

// addRecord adds r unless a record already covers the same span.
func addRecord(recs []script.Provenance, r script.Provenance) []script.Provenance {
	for _, x := range recs {
		if x.Start < r.End && r.Start < x.End {
			return recs
		}
	}
	return append(recs, r)
}

// valid reports whether every record's text stands at its span in body.
func valid(body string, recs []script.Provenance) bool {
	for _, r := range recs {
		if !at(body, r) {
			return false
		}
	}
	return true
}

func at(body string, r script.Provenance) bool {
	return r.Start >= 0 && r.Start <= r.End && r.End <= len(body) && body[r.Start:r.End] == r.Text
}

// follow moves r over an edit that replaced old[start:end) with
// new[start:newEnd). A record the edit touches is kept only when its text
// still stands where it was (a panel may have moved it already, e.g. the AI
// dock shifts records before it applies a proposal).
func follow(body string, r script.Provenance, start, end, newEnd int) (script.Provenance, bool) {
	delta := (newEnd - start) - (end - start)
	moved := r
	switch {
	case r.End <= start:
	case r.Start >= end:
		moved.Start += delta
		moved.End += delta
	default:
		moved.Start, moved.End = -1, -1
	}
	if at(body, moved) {
		return moved, true
	}
	if at(body, r) {
		return r, true
	}
	return r, false
}

// changedSpan finds the one region where two texts differ: old[start:end)
// became new[start:newEnd). Bounds fall on rune starts.
func changedSpan(old, new string) (start, end, newEnd int) {
	n := min(len(old), len(new))
	for start < n && old[start] == new[start] {
		start++
	}
	for start > 0 && start < len(new) && !utf8.RuneStart(new[start]) {
		start--
	}
	for start > 0 && start < len(old) && !utf8.RuneStart(old[start]) {
		start--
	}
	s := 0
	for s < n-start && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	end, newEnd = len(old)-s, len(new)-s
	for end < len(old) && newEnd < len(new) && !utf8.RuneStart(old[end]) {
		end++
		newEnd++
	}
	return start, end, newEnd
}

// copied remembers the records inside the selection [start, start+len(text))
// of ep's body, for a later paste.
func (t *provTracker) copied(p *script.Project, ep *script.Episode, start int, text string) {
	t.clip = nil
	if ep == nil || text == "" {
		return
	}
	var recs []script.Provenance
	for _, r := range episodeRecords(p, ep.Number) {
		if r.Start >= start && r.End <= start+len(text) {
			r.Start -= start
			r.End -= start
			recs = append(recs, r)
		}
	}
	if len(recs) > 0 {
		t.clip = &clipProv{text: text, recs: recs}
	}
}

// pasting notes a paste of text: when it is the text cut or copied last, the
// records inside it come with it.
func (t *provTracker) pasting(text string) {
	t.pending = nil
	if t.clip != nil && t.clip.text == text {
		t.pending = t.clip
	}
}

// renumber moves records (and the dormant ones) to the episodes' new
// numbers after episodes were added, removed or reordered; old maps each
// episode to its number before. Records of episodes no longer in p are
// returned and removed.
func renumberProvenance(p *script.Project, old map[*script.Episode]int) (gone []script.Provenance) {
	to := map[int]int{}
	for ep, n := range old {
		to[n] = -1
		for _, e := range p.Episodes {
			if e == ep {
				to[n] = e.Number
			}
		}
	}
	kept := p.Provenance[:0]
	for _, r := range p.Provenance {
		n, ok := to[r.Episode]
		switch {
		case !ok:
			kept = append(kept, r)
		case n < 0:
			gone = append(gone, r)
		default:
			r.Episode = n
			kept = append(kept, r)
		}
	}
	p.Provenance = kept
	if len(p.Provenance) == 0 {
		p.Provenance = nil
	}
	return gone
}
