package check

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// unit is one piece of text a rule can look at: a script line or a
// metadata field, with its place in the shared normalised buffer.
type unit struct {
	scope      Scope
	field      string // metadata field, "" for script lines
	scene      string // scene number
	line       int    // 1-based line in Body
	start, end int    // the whole line in the original text
	speaker    string
	n0, n1     int // normalised range
	s0, s1     int // normalised range of the unit's scene
}

// hit is a rule's match in a unit.
type hit struct {
	rule   *Rule
	u      *unit
	ms, me int // normalised range
	term   string
}

// scan finds every rule hit in units (already normalised into buf).
func (e *Engine) scan(cx *projectCtx, buf *normBuf, units []unit) []hit {
	if len(units) == 0 {
		return nil
	}
	type raw struct {
		pat, ms, me, ui int
	}
	var terms []raw
	var allows [][2]int
	ui := 0
	e.terms.each(buf.s, func(pat, ms, me int) {
		for ui > 0 && ms < units[ui].n0 {
			ui-- // overlapping matches come in end order, starts may step back
		}
		for ui < len(units)-1 && ms >= units[ui].n1 {
			ui++
		}
		u := &units[ui]
		if ms < u.n0 || me > u.n1 {
			return // across the separator
		}
		isTerm := false
		for _, ref := range e.refs[pat] {
			if ref.allow {
				allows = append(allows, [2]int{ms, me})
			} else {
				isTerm = true
			}
		}
		if isTerm {
			terms = append(terms, raw{pat, ms, me, ui})
		}
	})
	var out []hit
	seen := map[[2]int]int{} // (rule, unit) → index in out
	report := func(r *Rule, ui int, ms, me int, term string) {
		k := [2]int{r.idx, ui}
		if i, ok := seen[k]; ok && !r.Aggregate { // aggregate rules count every hit
			// One finding per rule and line; it names every term.
			if !strings.Contains(out[i].term, term) && !strings.Contains(term, out[i].term) {
				out[i].term += "、" + term
			}
			return
		}
		seen[k] = len(out)
		out = append(out, hit{rule: r, u: &units[ui], ms: ms, me: me, term: term})
	}
	for _, t := range terms {
		covered := false
		for _, a := range allows {
			if a[0] <= t.ms && t.me <= a[1] && a[1]-a[0] > t.me-t.ms {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		u := &units[t.ui]
		for _, ref := range e.refs[t.pat] {
			r := ref.rule
			if ref.allow || !r.InScope(u.scope) || !r.Effective(cx.date) {
				continue
			}
			if e.contextOK(cx, r, buf, u, t.ms, t.me) {
				report(r, t.ui, t.ms, t.me, ref.term)
			}
		}
	}
	for _, r := range e.text {
		if !r.Effective(cx.date) {
			continue
		}
		for i := range units {
			u := &units[i]
			if !r.InScope(u.scope) {
				continue
			}
			txt := buf.s[u.n0:u.n1]
			for _, re := range r.patterns {
				if loc := re.FindIndex(txt); loc != nil {
					ms, me := u.n0+loc[0], u.n0+loc[1]
					if e.contextOK(cx, r, buf, u, ms, me) {
						report(r, i, ms, me, string(buf.s[ms:me]))
					}
					break
				}
			}
		}
	}
	return dropNested(out)
}

// dropNested keeps, among hits of one category in one unit, only those not
// inside a longer (or equally long and more severe) hit: "霸道总裁" is one
// finding, not also "总裁".
func dropNested(hs []hit) []hit {
	out := make([]hit, 0, len(hs))
	for i, h := range hs {
		inside := false
		for j, o := range hs {
			if i == j || o.u != h.u || o.rule.Category != h.rule.Category || o.rule.Aggregate || h.rule.Aggregate {
				continue
			}
			if o.ms <= h.ms && h.me <= o.me {
				longer := o.me-o.ms > h.me-h.ms
				same := o.me-o.ms == h.me-h.ms
				if longer || same && (o.rule.Severity.Rank() > h.rule.Severity.Rank() || o.rule.Severity == h.rule.Severity && j < i) {
					inside = true
					break
				}
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// contextOK applies near-words, unless-words, negation and need.
func (e *Engine) contextOK(cx *projectCtx, r *Rule, buf *normBuf, u *unit, ms, me int) bool {
	l := r.lists()
	if len(l.near) > 0 {
		a, b := window(buf, u, ms, me, r.NearIn)
		if !containsAny(buf.s[a:b], l.near, ms-a, me-a) {
			return false
		}
	}
	if r.nearRe != nil {
		a, b := window(buf, u, ms, me, r.NearIn)
		if !r.nearRe.Match(buf.s[a:b]) {
			return false
		}
	}
	if len(r.nearAll) > 0 {
		// Each class must be present apart from the hit itself: a term is
		// not its own context (剁 is a harm verb, not also the target).
		a, b := window(buf, u, ms, me, r.NearIn)
		for _, re := range r.nearAll {
			if !matchOutside(re, buf.s[a:b], ms-a, me-a) {
				return false
			}
		}
	}
	if len(l.unless) > 0 {
		a, b := window(buf, u, ms, me, r.UnlessIn)
		if containsAny(buf.s[a:b], l.unless, -1, -1) {
			return false
		}
	}
	if r.Negatable && negated(buf.s[u.n0:ms]) {
		return false
	}
	if r.Need == "ai_unlabelled" {
		return !cx.p.Settings.LabelAIContent
	}
	if r.Need != "" {
		ca, cb := window(buf, u, ms, me, WinClause)
		sa, sb := window(buf, u, ms, me, WinSentence)
		clause, sentence := string(buf.s[ca:cb]), string(buf.s[sa:sb])
		if r.Need == "minor" && !cx.minorIn(clause, sentence, u.speaker) || r.Need == "minor_any" && !cx.minorNear(sentence, u.speaker) {
			return false
		}
	}
	return true
}

// containsAny reports whether any word occurs in s; an occurrence that is
// exactly the hit itself [hs,he) does not count (a term is not its own
// context).
func containsAny(s []byte, words []string, hs, he int) bool {
	for _, w := range words {
		from := 0
		for {
			i := bytes.Index(s[from:], []byte(w)) // short words: the copy stays on the stack
			if i < 0 {
				break
			}
			i += from
			if !(i >= hs && i+len(w) <= he) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// matchOutside reports whether re matches s somewhere other than exactly
// the hit [hs,he).
func matchOutside(re *regexp.Regexp, s []byte, hs, he int) bool {
	for _, loc := range re.FindAllIndex(s, -1) {
		if loc[0] >= hs && loc[1] <= he {
			continue
		}
		return true
	}
	return false
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '?', ';', '\n', '…':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool {
	switch r {
	case ',', '、', ':', '，', '；', '—':
		return true
	}
	return isSentenceEnd(r)
}

// window returns the normalised range of the context of [ms,me) in u.
func window(buf *normBuf, u *unit, ms, me int, w Window) (int, int) {
	switch w {
	case WinLine:
		return u.n0, u.n1
	case WinScene:
		return u.s0, u.s1
	}
	stop := isSentenceEnd
	if w == WinClause {
		stop = isClauseEnd
	}
	a := ms
	for a > u.n0 {
		r, size := utf8.DecodeLastRune(buf.s[u.n0:a])
		if stop(r) {
			break
		}
		a -= size
	}
	b := me
	for b < u.n1 {
		r, size := utf8.DecodeRune(buf.s[b:u.n1])
		if stop(r) {
			break
		}
		b += size
	}
	return a, b
}

// negators directly before a term cancel it: 不许抽烟, 没有早恋, 别喝酒.
var negators = []string{"不", "没", "别", "未", "勿", "莫", "禁止", "拒绝", "戒"}

// negated looks at the last three runes before a term, within its clause.
func negated(before []byte) bool {
	n := 0
	i := len(before)
	for i > 0 && n < 3 {
		r, size := utf8.DecodeLastRune(before[:i])
		if isClauseEnd(r) {
			break
		}
		i -= size
		n++
	}
	tail := string(before[i:])
	for _, w := range negators {
		if strings.Contains(tail, w) {
			return true
		}
	}
	return false
}

// excerpt cuts the original text [start,end) of a unit to at most max
// runes around the hit [hs,he).
func excerpt(text string, base, start, end, hs, he int) string {
	const max = 120
	s := text[start-base : end-base]
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	hs -= start
	he -= start
	// Keep 40 runes before the hit and fill up after it.
	a := hs
	for n := 0; a > 0 && n < 40; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:a])
		a -= size
	}
	b := a
	for n := 0; b < len(s) && (n < max || b < he); n++ {
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
	}
	out := s[a:b]
	if a > 0 {
		out = "…" + out
	}
	if b < len(s) {
		out += "…"
	}
	return out
}
