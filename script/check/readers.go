package check

import (
	"slices"

	"github.com/duanju-studio/duanju/script"
)

// AgreedTag marks a rule or model finding that the AI review raised too:
// the AI's copy is not listed twice, the cited finding says the AI agrees.
const AgreedTag = "AI认同"

// ReaderStatus is how an optional reader (the AI review) ran over a
// check: which episodes it read, how many answers came from its cache and,
// when it failed, why and what to do — in the result's language. A failed
// reader never takes the rule and model findings with it.
type ReaderStatus struct {
	Reader   string `json:"reader"` // ReaderAI
	Model    string `json:"model,omitempty"`
	OK       bool   `json:"ok"`
	Episodes []int  `json:"episodes"`          // the episodes it was asked to read
	Reviewed int    `json:"reviewed"`          // of those, read (asked now or from the cache)
	Cached   int    `json:"cached"`            // of those, answered from the cache
	Failed   []int  `json:"failed,omitempty"`  // episodes without an answer
	Findings int    `json:"findings"`          // findings it added
	Agreed   int    `json:"agreed"`            // rule/model findings it agreed with
	Error    string `json:"error,omitempty"`   // why it failed and what to do
	Stopped  bool   `json:"stopped,omitempty"` // cancelled part way
}

// AddReader merges the findings of an extra reader into r. A finding in
// the same place (episode or field), of the same category, whose span
// overlaps a rule or model finding's is not added: that finding is kept
// and tagged AgreedTag. Findings of the same reader merged before are
// replaced, so merging again is safe. Waivers in p apply to the new
// findings and the summary is counted again.
func (r *Result) AddReader(p *script.Project, st ReaderStatus, fs []Finding) {
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if f.Reader == st.Reader {
			continue
		}
		if i := slices.Index(f.Tags, AgreedTag); i >= 0 && st.Reader == ReaderAI {
			f.Tags = slices.Delete(slices.Clone(f.Tags), i, i+1)
		}
		kept = append(kept, f)
	}
	st.Findings, st.Agreed = 0, 0
	// the rule and model findings by place and category: a merge is one
	// look-up per AI finding, not a pass over the whole list
	type place struct {
		episode         int
		field, category string
	}
	at := map[place][]int{}
	for i, f := range kept {
		k := place{f.Episode, f.Field, f.Category}
		at[k] = append(at[k], i)
	}
	var added []Finding
	for _, a := range fs {
		a.Reader = st.Reader
		if j := agreeing(kept, at[place{a.Episode, a.Field, a.Category}], a); j >= 0 {
			if !slices.Contains(kept[j].Tags, AgreedTag) {
				kept[j].Tags = append(slices.Clone(kept[j].Tags), AgreedTag)
				st.Agreed++
			}
			continue
		}
		a.Waiver = nil
		added = append(added, a)
		st.Findings++
	}
	kept = mergeSorted(kept, added)
	if p != nil {
		for i := range kept {
			kept[i].Waiver = nil
		}
		kept, r.Waivers = applyWaivers(p, kept)
	}
	r.Findings = kept
	r.Summary = summarize(kept)
	r.Readers = slices.DeleteFunc(r.Readers, func(s ReaderStatus) bool { return s.Reader == st.Reader })
	r.Readers = append(r.Readers, st)
}

// agreeing is the index of the rule or model finding among fs[idx] (the
// same place and category as a) whose span a overlaps, or -1.
func agreeing(fs []Finding, idx []int, a Finding) int {
	for _, i := range idx {
		if f := fs[i]; f.Reader != ReaderAI && overlaps(f.Start, f.End, a.Start, a.End) {
			return i
		}
	}
	return -1
}

// overlaps reports whether [s1,e1) and [s2,e2) share text; an empty span
// (a finding on a point) overlaps the span that holds it.
func overlaps(s1, e1, s2, e2 int) bool {
	if s1 == e1 {
		return s2 <= s1 && s1 < max(e2, s2+1)
	}
	if s2 == e2 {
		return s1 <= s2 && s2 < e1
	}
	return s1 < e2 && s2 < e1
}

// Reader returns the status of the named reader, if it ran.
func (r *Result) Reader(name string) (ReaderStatus, bool) {
	for _, s := range r.Readers {
		if s.Reader == name {
			return s, true
		}
	}
	return ReaderStatus{}, false
}

// FailsByRules is Fails counting only the cited rules and the learned
// model: the AI review is advisory and changes no exit code.
func (r *Result) FailsByRules(min Severity) bool {
	for _, f := range r.Findings {
		if f.Reader != ReaderAI && !f.Waived() && f.Severity.AtLeast(min) {
			return true
		}
	}
	return false
}

// mergeSorted puts the new findings into the sorted list in the order of
// sortFindings: a merge rather than a sort of the whole list, which moves
// every (large) finding a few times.
func mergeSorted(sorted, added []Finding) []Finding {
	less := func(a, b Finding) int {
		if findingLess(&a, &b) {
			return -1
		}
		if findingLess(&b, &a) {
			return 1
		}
		return 0
	}
	if !slices.IsSortedFunc(sorted, less) {
		out := append(sorted, added...)
		sortFindings(out)
		return out
	}
	slices.SortStableFunc(added, less)
	out := make([]Finding, 0, len(sorted)+len(added))
	i, j := 0, 0
	for i < len(sorted) && j < len(added) {
		if findingLess(&added[j], &sorted[i]) {
			out = append(out, added[j])
			j++
		} else {
			out = append(out, sorted[i])
			i++
		}
	}
	out = append(out, sorted[i:]...)
	return append(out, added[j:]...)
}
