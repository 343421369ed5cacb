package check

import (
	"strconv"
	"strings"
	"time"
)

// metaFields are the metadata texts checked like script text.
func (cx *projectCtx) metaFields() []struct {
	field string
	scope Scope
	text  string
} {
	m := cx.p.Meta
	return []struct {
		field string
		scope Scope
		text  string
	}{
		{"title", ScopeTitle, m.Title},
		{"synopsis", ScopeSynopsis, m.Synopsis},
		{"tagline", ScopeSynopsis, m.Tagline},
		{"logline", ScopeSynopsis, m.Logline},
	}
}

func (e *Engine) assemble(cx *projectCtx, eps []EpisodeResult) *Result {
	res := &Result{Project: cx.p.Meta.Title, Lang: cx.lang, Date: cx.date.Format(time.DateOnly)}
	var found, agg []Finding
	for _, er := range eps {
		found = append(found, er.Findings...)
		agg = append(agg, er.agg...)
	}
	for _, mf := range cx.metaFields() {
		f, a := e.checkMeta(cx, mf.field, mf.scope, mf.text)
		f = append(f, e.modelMeta(cx, mf.field, mf.scope, mf.text, append(f, a...))...)
		found = append(found, f...)
		agg = append(agg, a...)
	}
	found = append(found, e.aggregate(cx, agg)...)
	for _, r := range e.checks {
		if s := structural[r.Check]; s.project != nil && r.Effective(cx.date) {
			found = append(found, s.project(e, cx, r, found)...)
		}
	}
	if cx.o.Readers == ReadModel {
		found = onlyReader(found, ReaderModel)
	}
	sortFindings(found)
	res.Findings, res.Waivers = applyWaivers(cx.p, found)
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	res.Summary = summarize(res.Findings)
	res.Tier = ComputeTier(cx.p, cx.o)
	res.Filing = FilingChecklist(cx.p, cx.o)
	return res
}

// aggregate turns hits of aggregate rules (special subjects) into one
// finding per rule when they are frequent or in the title/synopsis, unless
// the project already declares the subject.
func (e *Engine) aggregate(cx *projectCtx, agg []Finding) []Finding {
	type acc struct {
		first    Finding
		hits     int
		episodes map[int]bool
		meta     int  // hits in the synopsis, tagline and logline
		title    bool // a hit in the title
	}
	by := map[string]*acc{}
	var order []string
	for _, f := range agg {
		a := by[f.Rule]
		if a == nil {
			a = &acc{first: f, episodes: map[int]bool{}}
			by[f.Rule] = a
			order = append(order, f.Rule)
		}
		a.hits++
		if f.Episode > 0 {
			a.episodes[f.Episode] = true
		} else {
			a.meta++
			a.title = a.title || f.Field == "title"
			if a.first.Episode > 0 {
				a.first = f // point at the title/synopsis
			}
		}
	}
	var out []Finding
	for _, id := range order {
		a, r := by[id], e.byID[id]
		if declared(cx, r) {
			continue
		}
		// The title, or two mentions in the synopsis, say what the series is
		// about; in the episodes the subject must recur.
		if !a.title && a.meta < 2 && (a.hits < max(r.MinHits, 1) || len(a.episodes) < max(r.MinEpisodes, 1)) {
			continue
		}
		f := a.first
		vars := map[string]string{"term": f.Term, "count": strconv.Itoa(a.hits), "episodes": strconv.Itoa(len(a.episodes))}
		f.Message = expand(r.Message(cx.lang), vars)
		f.Suggestion = expand(r.Suggestion(cx.lang), vars)
		out = append(out, f)
	}
	return out
}

// declared reports whether the project's special subjects already include
// the subject a rule is tagged with ("subject:公安").
func declared(cx *projectCtx, r *Rule) bool {
	for _, t := range r.Tags {
		if s, ok := strings.CutPrefix(t, "subject:"); ok {
			for _, d := range cx.p.Meta.SpecialSubjects {
				if strings.TrimSpace(d) == s {
					return true
				}
			}
		}
	}
	return false
}

func onlyReader(fs []Finding, reader string) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Reader == reader {
			out = append(out, f)
		}
	}
	return out
}
