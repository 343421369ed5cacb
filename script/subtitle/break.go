package subtitle

import (
	"math"
	"strings"
	"unicode"
)

// Penalties for where a line or cue is broken: lower is more natural.
const (
	costSentence = 0.0  // after 。！？
	costClause   = 1.0  // after ，、；：
	costSpace    = 3.0  // between words (Latin)
	costFunction = 8.0  // after an article or preposition (the|a|of…)
	costInside   = 10.0 // between words of a CJK run without punctuation
	costInWord   = 50.0 // inside a Chinese word or before a particle: split the cue instead
)

// functionWords should not end a line (Netflix: don't split article+noun,
// preposition+object, pronoun+verb…).
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "and": true, "or": true, "but": true, "my": true, "your": true,
	"his": true, "her": true, "our": true, "their": true, "i": true, "you": true, "we": true,
	"he": true, "she": true, "they": true, "is": true, "are": true, "was": true, "not": true,
	"el": true, "la": true, "los": true, "las": true, "de": true, "o": true, "os": true, "as": true,
	"un": true, "una": true, "um": true, "uma": true, "y": true, "e": true, "que": true, "di": true,
	"yang": true, "dan": true, "ke": true, "dari": true,
}

// breakPoint is a place between runes where text may be cut. Text before
// rune index at (and after skip more runes, the space eaten by the cut) goes
// on separate lines.
type breakPoint struct {
	at, skip int
	cost     float64
}

// breakPoints lists where runes may be broken: at spaces, or between CJK
// characters, never before closing punctuation, after opening punctuation,
// inside a Latin word or number, or inside a protected term.
func breakPoints(rs []rune, protect []string) []breakPoint {
	var blocked []bool
	if len(protect) > 0 {
		s := string(rs)
		for _, term := range protect {
			if term == "" {
				continue
			}
			for off := 0; ; {
				i := strings.Index(s[off:], term)
				if i < 0 {
					break
				}
				if blocked == nil {
					blocked = make([]bool, len(rs)+1)
				}
				start := len([]rune(s[:off+i]))
				n := len([]rune(term))
				for k := start + 1; k < start+n && k <= len(rs); k++ {
					blocked[k] = true
				}
				off += i + len(term)
			}
		}
	}
	cuts := wordCuts(rs) // nil: no word information, every CJK cut allowed
	var bps []breakPoint
	depth := 0 // inside “…” 《…》 （…）: cutting there reads badly
	for i := 1; i < len(rs); i++ {
		switch {
		case isOpening(rs[i-1]):
			depth++
		case depth > 0 && isClosing(rs[i-1]) && strings.ContainsRune("”’）》」』】〕〉)]}", rs[i-1]):
			depth--
		}
		if blocked != nil && blocked[i] {
			continue
		}
		prev, cur := rs[i-1], rs[i]
		switch {
		case cur == ' ':
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if j >= len(rs) || isClosing(rs[j]) || isOpening(prev) || isDash(prev) && (i == 1 || rs[i-2] == ' ') {
				continue // a speaker's dash stays with the words it introduces
			}
			c := costSpace
			if isDash(rs[j]) && j+1 < len(rs) && (rs[j+1] == ' ' || IsCJK(rs[j+1])) {
				c = costSentence // before the next speaker's dash
			} else if isSentence(prev) {
				c = costSentence
			} else if isClause(prev) {
				c = costClause
			} else if functionWords[strings.ToLower(lastWord(rs[:i]))] {
				c = costFunction
			}
			bps = append(bps, breakPoint{at: i, skip: j - i, cost: c})
		case prev == ' ':
			continue // handled at the space
		case isClosing(cur) || isOpening(prev):
			continue
		case isDash(prev) && (i == 1 || rs[i-2] == ' '):
			continue // "-对不起": never a line of only "-"
		case !IsCJK(prev) && !IsCJK(cur):
			continue // inside a Latin word or number
		default:
			c := costInside
			if isSentence(prev) {
				c = costSentence
			} else if isClause(prev) {
				c = costClause
			} else if isClosing(prev) && i >= 2 && (isSentence(rs[i-2]) || isClause(rs[i-2])) {
				c = costSentence // after 。” or ！）
			} else if cuts != nil && !cuts[i] {
				c = costInWord
			}
			if depth > 0 {
				c += costInside / 2
			}
			bps = append(bps, breakPoint{at: i, cost: c})
		}
	}
	return bps
}

// isDash is a dialogue dash (one speaker's line in a two-speaker cue).
func isDash(r rune) bool { return r == '-' || r == '－' || r == '–' }

func lastWord(rs []rune) string {
	end := len(rs)
	for end > 0 && !unicode.IsLetter(rs[end-1]) {
		end--
	}
	start := end
	for start > 0 && unicode.IsLetter(rs[start-1]) {
		start--
	}
	return string(rs[start:end])
}

// Break lays text out in as few balanced lines as the profile allows,
// breaking at the most natural places. Chinese gets no spaces added and no
// line starts with closing punctuation. protect lists terms (names) that
// must not be cut. A text that cannot fit still comes back broken as well as
// possible; lint reports it.
func Break(text string, p *Profile, protect []string) []string {
	lines, _ := breakCost(text, p, protect)
	return lines
}

// breakCost is Break that also returns the worst penalty of its cuts.
func breakCost(text string, p *Profile, protect []string) ([]string, float64) {
	text = cleanLine(text)
	if text == "" {
		return nil, 0
	}
	w := p.Width(text)
	if w <= p.CPL {
		return []string{text}, 0
	}
	n := int(math.Ceil(w / p.CPL))
	if n < 2 {
		n = 2
	}
	rs := []rune(text)
	worst := 0.0
	lines := breakInto(rs, n, p, breakPoints(rs, protect), &worst)
	return lines, worst
}

// hasInnerPunct reports punctuation inside text (not at its end) where a
// cue could be split instead of cutting a line mid-phrase.
func hasInnerPunct(text string) bool {
	rs := []rune(strings.TrimSpace(text))
	for i := 0; i < len(rs)-1; i++ {
		if isSentence(rs[i]) || isClause(rs[i]) {
			return true
		}
	}
	return false
}

// cueFits reports whether text fits one cue with natural line breaks: a
// line is cut mid-phrase only when the text has no punctuation to split at,
// and never inside a word (the cue is split instead).
func cueFits(text string, p *Profile, protect []string) bool {
	lines, worst := breakCost(text, p, protect)
	if !linesFit(lines, p) || worst >= costInWord {
		return false
	}
	return worst < costInside || !hasInnerPunct(text)
}

// breakInto cuts rs into n lines, choosing each cut by closeness to an even
// share plus the naturalness penalty.
func breakInto(rs []rune, n int, p *Profile, bps []breakPoint, worst *float64) []string {
	if n <= 1 || len(bps) == 0 {
		return []string{strings.TrimSpace(string(rs))}
	}
	prefix := make([]float64, len(rs)+1) // width of rs[:i]
	for i, r := range rs {
		prefix[i+1] = prefix[i] + runeWidth(r, p.HalfWidth)
	}
	total := prefix[len(rs)]
	target := total / float64(n)
	best, bestCost := -1, math.Inf(1)
	for k, bp := range bps {
		w1 := prefix[bp.at]
		w2 := total - w1 - float64(bp.skip)
		cost := bp.cost + 5*math.Abs(w1-target)/p.CPL
		if w1 > p.CPL {
			cost += 100 + (w1 - p.CPL)
		}
		if w2 > p.CPL*float64(n-1) {
			cost += 100 + (w2 - p.CPL*float64(n-1))
		}
		if n == 2 && w1 > w2 {
			cost += 0.25 // prefer a bottom-heavy pyramid
		}
		if cost < bestCost {
			best, bestCost = k, cost
		}
	}
	bp := bps[best]
	*worst = math.Max(*worst, bp.cost)
	first := strings.TrimSpace(string(rs[:bp.at]))
	restRunes := rs[bp.at+bp.skip:]
	var rest []breakPoint
	shift := bp.at + bp.skip
	for _, q := range bps[best+1:] {
		q.at -= shift
		if q.at > 0 {
			rest = append(rest, q)
		}
	}
	return append([]string{first}, breakInto(restRunes, n-1, p, rest, worst)...)
}

// linesFit reports whether lines respect the profile's line count and length.
func linesFit(lines []string, p *Profile) bool {
	if len(lines) > p.MaxLines {
		return false
	}
	for _, l := range lines {
		if p.Width(l) > p.CPL {
			return false
		}
	}
	return true
}

// splitText cuts text into pieces that each fit in one cue (fits decides),
// at the most natural places: sentence ends, then clauses, then words, then
// anywhere allowed. Pieces are then packed greedily back together while they
// still fit, so short sentences share a cue.
func splitText(text string, fits func(string) bool, protect []string) []string {
	text = cleanLine(text)
	if text == "" {
		return nil
	}
	pieces := splitRec([]rune(text), fits, protect, 0)
	var out []string
	for _, pc := range pieces {
		if n := len(out); n > 0 {
			merged := JoinLines([]string{out[n-1], pc})
			if fits(merged) {
				out[n-1] = merged
				continue
			}
		}
		out = append(out, pc)
	}
	return out
}

func splitRec(rs []rune, fits func(string) bool, protect []string, depth int) []string {
	s := strings.TrimSpace(string(rs))
	if s == "" {
		return nil
	}
	if depth > 40 || fits(s) {
		return []string{s}
	}
	bps := breakPoints(rs, protect)
	if len(bps) == 0 {
		return []string{s}
	}
	// The best cut: the most natural class present, nearest the middle.
	minCost := math.Inf(1)
	for _, bp := range bps {
		minCost = math.Min(minCost, bp.cost)
	}
	mid := float64(len(rs)) / 2
	best, bestD := bps[0], math.Inf(1)
	for _, bp := range bps {
		if bp.cost > minCost+0.5 {
			continue
		}
		if d := math.Abs(float64(bp.at) - mid); d < bestD {
			best, bestD = bp, d
		}
	}
	left := splitRec(rs[:best.at], fits, protect, depth+1)
	right := splitRec(rs[best.at+best.skip:], fits, protect, depth+1)
	return append(left, right...)
}
