package check

import (
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// WaiverStatus is a stored waiver and whether it still covers a finding.
// A waiver whose text has changed no longer matches: its finding is open
// again and the waiver is listed as stale.
type WaiverStatus struct {
	script.Waiver
	Matched int  `json:"matched"` // findings it covers
	Stale   bool `json:"stale"`
}

// Matches reports whether waiver w covers finding f: same rule, episode
// and excerpt text.
func Matches(w script.Waiver, f Finding) bool {
	return w.Rule == f.Rule && w.Episode == f.Episode && strings.TrimSpace(w.Excerpt) == strings.TrimSpace(f.Excerpt)
}

func applyWaivers(p *script.Project, fs []Finding) ([]Finding, []WaiverStatus) {
	st := make([]WaiverStatus, len(p.Waivers))
	for i, w := range p.Waivers {
		st[i].Waiver = w
	}
	for i := range fs {
		for j := range p.Waivers {
			if Matches(p.Waivers[j], fs[i]) {
				w := p.Waivers[j]
				fs[i].Waiver = &w
				st[j].Matched++
				break
			}
		}
	}
	for i := range st {
		st[i].Stale = st[i].Matched == 0
	}
	return fs, st
}

// Waive records that f was reviewed, with the reason, in the project. It
// replaces an earlier waiver of the same finding.
func Waive(p *script.Project, f Finding, reason, by string, now time.Time) script.Waiver {
	w := script.Waiver{Rule: f.Rule, Episode: f.Episode, Excerpt: f.Excerpt, Reason: strings.TrimSpace(reason), By: by, Time: now}
	Unwaive(p, f)
	p.Waivers = append(p.Waivers, w)
	return w
}

// Unwaive removes every waiver that covers f; it reports whether one did.
func Unwaive(p *script.Project, f Finding) bool {
	kept := p.Waivers[:0]
	removed := false
	for _, w := range p.Waivers {
		if Matches(w, f) {
			removed = true
			continue
		}
		kept = append(kept, w)
	}
	p.Waivers = kept
	return removed
}

// DropStale removes waivers that no longer match any finding of r.
func DropStale(p *script.Project, r *Result) int {
	kept := p.Waivers[:0]
	n := 0
	for _, w := range p.Waivers {
		match := false
		for _, f := range r.Findings {
			if Matches(w, f) {
				match = true
				break
			}
		}
		if match {
			kept = append(kept, w)
		} else {
			n++
		}
	}
	p.Waivers = kept
	return n
}
