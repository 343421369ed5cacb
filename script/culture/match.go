package culture

import (
	"sort"
	"strings"
)

// ContextWindow is how many characters either side of a weak term are
// searched for a confirming context word.
const ContextWindow = 40

// Hit is one occurrence of an element in a text.
type Hit struct {
	Element *Element
	Term    string // the dataset term that matched
	Start   int    // byte span in the original text
	End     int
	Weak    bool // matched a weak term, confirmed by context
}

type term struct {
	r    []rune
	text string
	el   *Element
	weak bool
	ctx  [][]rune
	veto [][]rune
}

// Matcher finds elements in text: leftmost-longest, non-overlapping, with
// first-rune buckets (a few thousand terms, so no automaton is needed).
type Matcher struct {
	buckets    map[rune][]*term
	surnames   map[rune]bool
	suffixVeto [][]rune
	skip       map[string]bool // suppressed element ids
}

// NewMatcher builds a matcher over elements. Terms shorter than two
// characters are ignored; two-character names of non-dialect elements and
// terms marked weak need context.
func NewMatcher(elements []*Element, f Filters) *Matcher {
	m := &Matcher{buckets: map[rune][]*term{}, surnames: f.Surnames}
	for _, v := range f.SuffixVeto {
		m.suffixVeto = append(m.suffixVeto, normalizeTerm(v))
	}
	seen := map[string]bool{}
	for _, e := range elements {
		ctx := make([][]rune, 0, len(e.Context))
		for _, c := range e.Context {
			ctx = append(ctx, normalizeTerm(c))
		}
		veto := make([][]rune, 0, len(e.Veto))
		for _, v := range e.Veto {
			veto = append(veto, normalizeTerm(v))
		}
		strong, weak := e.Terms()
		strong = append(strong, derivedAliases(e)...)
		add := func(s string, w bool) {
			r := normalizeTerm(s)
			if len(r) < 2 || seen[e.ID+"\x00"+string(r)] {
				return
			}
			seen[e.ID+"\x00"+string(r)] = true
			t := &term{r: r, text: s, el: e, weak: w, ctx: ctx, veto: veto}
			m.buckets[r[0]] = append(m.buckets[r[0]], t)
		}
		for _, s := range strong {
			add(s, false)
		}
		for _, s := range weak {
			add(s, true)
		}
	}
	for k, b := range m.buckets {
		sort.SliceStable(b, func(i, j int) bool {
			if len(b[i].r) != len(b[j].r) {
				return len(b[i].r) > len(b[j].r)
			}
			return !b[i].weak && b[j].weak // strong first
		})
		m.buckets[k] = b
	}
	return m
}

// genericSuffixes are stripped from 非遗 names to get the everyday form
// ("柳州螺蛳粉制作技艺" → "柳州螺蛳粉").
var genericSuffixes = []string{"制作技艺", "烹饪技艺", "酿造技艺", "酿制技艺", "营造技艺", "织造技艺", "烧制技艺", "制作工艺", "传统技艺", "技艺", "传说"}

func derivedAliases(e *Element) []string {
	if e.Type != TypeICH {
		return nil
	}
	for _, s := range genericSuffixes {
		if rest, ok := strings.CutSuffix(e.Name, s); ok && len([]rune(rest)) >= 3 {
			return []string{rest}
		}
	}
	return nil
}

// Suppress makes the matcher skip the given element ids.
func (m *Matcher) Suppress(ids []string) *Matcher {
	c := *m
	c.skip = map[string]bool{}
	for k, v := range m.skip {
		c.skip[k] = v
	}
	for _, id := range ids {
		if !strings.Contains(id, "@") {
			c.skip[id] = true
		}
	}
	return &c
}

// Find returns the element hits in text. Occurrences of names (characters'
// names) are excluded, so 少林 inside 李少林 never counts.
func (m *Matcher) Find(text string, names []string) []Hit {
	n := normalize(text)
	return m.find(n, names)
}

func (m *Matcher) find(n normText, names []string) []Hit {
	rs := n.r
	blocked := nameMask(rs, names)
	var hits []Hit
	for i := 0; i < len(rs); {
		t := m.matchAt(rs, i, blocked)
		if t == nil {
			i++
			continue
		}
		end := i + len(t.r)
		hits = append(hits, Hit{Element: t.el, Term: t.text, Start: n.off[i], End: n.off[end], Weak: t.weak})
		i = end
	}
	return hits
}

// matchAt returns the longest acceptable term starting at rune i.
func (m *Matcher) matchAt(rs []rune, i int, blocked []bool) *term {
	if blocked != nil && blocked[i] {
		return nil
	}
	for _, t := range m.buckets[rs[i]] {
		end := i + len(t.r)
		if end > len(rs) || !runesEqual(rs[i:end], t.r) || m.skip[t.el.ID] {
			continue
		}
		if blocked != nil && blocked[end-1] {
			continue
		}
		if t.el.Type != TypeDialect && hasPrefixAny(rs[end:], m.suffixVeto) {
			continue // 黄河牌, 黄河路
		}
		if hasPrefixAny(rs[end:], t.veto) {
			continue
		}
		if t.weak {
			if i > 0 && m.surnames[rs[i-1]] && (i < 2 || !isHan(rs[i-2]) || m.surnames[rs[i-2]] || isNameLead(rs[i-2])) {
				continue // 李少林: a person's name
			}
			if !nearAny(rs, i, end, t.ctx) {
				continue
			}
		}
		return t
	}
	return nil
}

// isNameLead reports runes that often stand right before a name (老李少林 is
// rare; 叫李少林, 是李少林 are common).
func isNameLead(r rune) bool {
	return strings.ContainsRune("叫是和与跟给对找把被让向问见说老小阿", r)
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hasPrefixAny(rs []rune, ws [][]rune) bool {
	for _, w := range ws {
		if len(w) <= len(rs) && runesEqual(rs[:len(w)], w) {
			return true
		}
	}
	return false
}

// nearAny reports whether one of ws occurs within ContextWindow runes of
// [i,end), the term itself excluded.
func nearAny(rs []rune, i, end int, ws [][]rune) bool {
	lo, hi := i-ContextWindow, end+ContextWindow
	if lo < 0 {
		lo = 0
	}
	if hi > len(rs) {
		hi = len(rs)
	}
	for _, w := range ws {
		if len(w) == 0 {
			continue
		}
		for k := lo; k+len(w) <= hi; k++ {
			if k+len(w) > i && k < end {
				continue // overlaps the term
			}
			if rs[k] == w[0] && runesEqual(rs[k:k+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// nameMask marks the runes covered by an occurrence of a name.
func nameMask(rs []rune, names []string) []bool {
	var mask []bool
	for _, name := range names {
		w := normalizeTerm(name)
		if len(w) < 2 {
			continue
		}
		for k := 0; k+len(w) <= len(rs); k++ {
			if rs[k] == w[0] && runesEqual(rs[k:k+len(w)], w) {
				if mask == nil {
					mask = make([]bool, len(rs))
				}
				for j := k; j < k+len(w); j++ {
					mask[j] = true
				}
			}
		}
	}
	return mask
}

// Matcher returns the dataset's matcher, built on first use.
func (d *Dataset) Matcher() *Matcher {
	d.mOnce.Do(func() { d.matcher = NewMatcher(d.Elements, d.Filters) })
	return d.matcher
}
