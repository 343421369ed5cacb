package subtitle

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// ScriptLine is a subtitled line of an episode, the unit alignment matches.
type ScriptLine struct {
	Text    string
	Speaker string
	Span    script.Span
	Caption bool
}

// ScriptLines lists an episode's spoken lines and captions in order.
func ScriptLines(ep *script.Episode) []ScriptLine {
	var out []ScriptLine
	for _, sc := range ep.Scenes {
		for _, l := range sc.Lines {
			if t, caption := spokenText(l); t != "" {
				out = append(out, ScriptLine{Text: t, Speaker: l.Speaker, Span: l.Span, Caption: caption})
			}
		}
	}
	return out
}

// AlignResult is a timed track matched to the script.
type AlignResult struct {
	Track          *Track
	Matched        int           // cues that took the script's text
	UnmatchedCues  []int         // 0-based indexes of cues left as they were
	UnmatchedLines []ScriptLine  // lines no cue (or less than half of any) matched
	Missing        []MissingText // uncovered pieces of lines that matched
	Confidence     []float64     // per cue, 0..1
}

// token is one letter or digit of a text with its sound keys.
type token struct {
	r      rune
	s, f   int32 // syllable and fuzzy syllable (Han only)
	unit   int   // script line or cue index
	off    int   // byte offset of the rune in its text
	offEnd int
}

func tokenize(text string, unit int, out []token) []token {
	for i, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			continue
		}
		s, f := sound(r)
		out = append(out, token{r: unicode.ToLower(r), s: s, f: f, unit: unit, off: i, offEnd: i + utf8.RuneLen(r)})
	}
	return out
}

// Alignment scores: a homophone counts as a match, a near-homophone almost.
const (
	scoreSame  = 3
	scoreFuzzy = 2
	scoreSub   = -2
	scoreGap   = -1
)

func score(a, b *token) int32 {
	switch {
	case a.r == b.r:
		return scoreSame
	case a.s != 0 && a.s == b.s:
		return scoreSame
	case a.f != 0 && a.f == b.f:
		return scoreFuzzy
	}
	return scoreSub
}

// Align matches a timed track (from the editor or speech recognition) to an
// episode's script lines by text similarity: a global alignment of the two
// texts character by character, where homophones and near-homophones
// match, so recognition errors, missing punctuation and lines split or
// merged differently all line up. Confident cues take the script's exact
// text, speaker and span; the others are kept and reported, as are script
// lines no cue matched.
func Align(timed *Track, lines []ScriptLine, p *Profile) (*AlignResult, error) {
	out := timed.Clone()
	res := &AlignResult{Track: out, Confidence: make([]float64, len(out.Cues))}
	var st, ct []token
	for i, l := range lines {
		st = tokenize(l.Text, i, st)
	}
	for i, c := range out.Cues {
		ct = tokenize(c.Text(), i, ct)
	}
	if len(ct)*len(st) > maxAlignCells {
		return nil, fmt.Errorf("the timed file (%d characters) and the script (%d characters) are too long to align at once: align one episode at a time", len(ct), len(st))
	}
	pair := alignTokens(ct, st) // pair[j] = script token index for cue token j, or -1

	// Each cue's matched script tokens.
	spans := make([]alignSpan, len(out.Cues))
	for i := range spans {
		spans[i] = alignSpan{a: -1, b: -1}
	}
	for j, t := range ct {
		sp := &spans[t.unit]
		sp.n++
		k := pair[j]
		if k < 0 || score(&ct[j], &st[k]) <= 0 {
			continue
		}
		sp.hits++
		if sp.a < 0 {
			sp.a = k
		}
		sp.b = k
	}
	for i := range spans {
		sp := &spans[i]
		if sp.a < 0 {
			continue
		}
		width := max(sp.n, sp.b-sp.a+1)
		conf := float64(sp.hits) / float64(width)
		res.Confidence[i] = conf
		sp.ok = sp.hits >= 2 && conf >= 0.5 || sp.n == 1 && sp.hits == 1
	}

	// Settle the boundaries between consecutive confident cues: uncovered
	// script text between them goes to the cue on the side of the nearest
	// punctuation; at the edges of a line, a short uncovered head or tail
	// joins the cue.
	prev := -1
	for i := range spans {
		if !spans[i].ok {
			continue
		}
		cur := &spans[i]
		if prev >= 0 && spans[prev].b >= cur.a {
			cur.a = spans[prev].b + 1
			if cur.a > cur.b {
				cur.ok = false
				continue
			}
		}
		if prev >= 0 && st[spans[prev].b].unit == st[cur.a].unit {
			pos := cutBetween(st, lines, spans[prev].b, cur.a)
			spans[prev].b, cur.a = pos-1, pos
		} else {
			if prev >= 0 {
				spans[prev].b = extendTail(st, spans[prev])
			}
			cur.a = extendHead(st, cur.a, cur.b)
		}
		prev = i
	}
	if prev >= 0 {
		spans[prev].b = extendTail(st, spans[prev])
	}

	covered := make([]int, len(lines))
	tokCovered := make([]bool, len(st))
	for i, sp := range spans {
		if !sp.ok {
			res.UnmatchedCues = append(res.UnmatchedCues, i)
			continue
		}
		res.Matched++
		c := &out.Cues[i]
		ua, ub := st[sp.a].unit, st[sp.b].unit
		var pieces []string
		for u := ua; u <= ub; u++ {
			text := lines[u].Text
			from, to := 0, len(text)
			if u == ua {
				from = headOffset(text, st[sp.a].off)
			}
			if u == ub {
				to = tailOffset(text, st[sp.b].offEnd)
			}
			if s := strings.TrimSpace(text[from:to]); s != "" {
				pieces = append(pieces, s)
			}
		}
		for k := sp.a; k <= sp.b; k++ {
			covered[st[k].unit]++
			tokCovered[k] = true
		}
		switch {
		case len(pieces) == 1 && p != nil:
			c.Lines = Break(pieces[0], p, nil)
		case p != nil && p.DialogueDash != "" && lines[ua].Speaker != lines[ub].Speaker:
			// Two speakers in one cue: one dashed line each.
			for k := range pieces {
				pieces[k] = p.DialogueDash + pieces[k]
			}
			c.Lines = pieces
		default:
			c.Lines = pieces
		}
		c.Speaker = lines[ua].Speaker
		span := lines[ua].Span
		c.Source = &span
		c.Status = StatusTimed
		if lines[ua].Caption {
			c.Position = 8
		}
	}
	unitLen := make([]int, len(lines))
	for _, t := range st {
		unitLen[t.unit]++
	}
	unmatched := make([]bool, len(lines))
	for u, l := range lines {
		if unitLen[u] > 0 && float64(covered[u]) < 0.5*float64(unitLen[u]) {
			res.UnmatchedLines = append(res.UnmatchedLines, l)
			unmatched[u] = true
		}
	}
	// Runs of script text no cue covers, inside lines that did match: a
	// cue the recogniser (or the editor) lost.
	for k := 0; k < len(st); {
		if tokCovered[k] || unmatched[st[k].unit] {
			k++
			continue
		}
		j := k
		for j+1 < len(st) && !tokCovered[j+1] && st[j+1].unit == st[k].unit {
			j++
		}
		if j-k+1 >= 2 {
			text := lines[st[k].unit].Text
			res.Missing = append(res.Missing, MissingText{Line: lines[st[k].unit], Text: text[headOffset(text, st[k].off):tailOffset(text, st[j].offEnd)]})
		}
		k = j + 1
	}
	return res, nil
}

// MissingText is script text no cue covers, in a line that otherwise
// matched.
type MissingText struct {
	Line ScriptLine
	Text string
}

// maxAlignCells bounds the alignment matrix (one byte per cell): an
// episode is about a thousand characters a side; a whole series in one
// file against one episode would take gigabytes.
const maxAlignCells = 1 << 26

// alignSpan is the script token range [a, b] a cue matched: hits of its n
// tokens matched; ok when confident.
type alignSpan struct {
	a, b, hits, n int
	ok            bool
}

// cutBetween picks where script text between two cues of one line is cut
// (the first token of the later cue): after the last sentence or clause
// punctuation in the uncovered stretch, else right after the earlier cue's
// last matched token.
func cutBetween(st []token, lines []ScriptLine, prevB, curA int) int {
	best := prevB + 1
	text := lines[st[prevB].unit].Text
	for k := prevB + 1; k <= curA; k++ {
		between := text[st[k-1].offEnd:st[k].off]
		for _, r := range between {
			if isSentence(r) || isClause(r) {
				best = k
			}
		}
	}
	return best
}

// slack is how much uncovered line head or tail a cue absorbs: recognisers
// drop a word or two, but a whole dropped cue must stay unmatched.
func slack(cueLen int) int { return max(2, cueLen/4) }

func extendHead(st []token, a, b int) int {
	u := st[a].unit
	k := a
	for k > 0 && st[k-1].unit == u {
		k--
	}
	if a-k <= slack(b-a+1) {
		return k
	}
	return a
}

func extendTail(st []token, sp alignSpan) int {
	u := st[sp.b].unit
	k := sp.b
	for k+1 < len(st) && st[k+1].unit == u {
		k++
	}
	if k-sp.b <= slack(sp.b-sp.a+1) {
		return k
	}
	return sp.b
}

// headOffset moves a cut back over opening quotes and brackets.
func headOffset(text string, off int) int {
	for off > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:off])
		if !isOpening(r) {
			break
		}
		off -= n
	}
	return off
}

// tailOffset moves a cut forward over punctuation that ends the piece (not
// over an opening quote, which belongs to the next piece).
func tailOffset(text string, off int) int {
	for off < len(text) {
		r, n := utf8.DecodeRuneInString(text[off:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || isOpening(r) {
			break
		}
		off += n
	}
	return off
}

// alignTokens is a Needleman–Wunsch global alignment of cue tokens a
// against script tokens b; it returns for each a the matched b, or -1.
func alignTokens(a, b []token) []int {
	n, m := len(a), len(b)
	pair := make([]int, n)
	for i := range pair {
		pair[i] = -1
	}
	if n == 0 || m == 0 {
		return pair
	}
	// Traceback: 0 diagonal, 1 up (gap in b), 2 left (gap in a).
	tb := make([]byte, (n+1)*(m+1))
	prevRow := make([]int32, m+1)
	row := make([]int32, m+1)
	for j := 1; j <= m; j++ {
		prevRow[j] = int32(j) * scoreGap
		tb[j] = 2
	}
	for i := 1; i <= n; i++ {
		row[0] = int32(i) * scoreGap
		tb[i*(m+1)] = 1
		ai := &a[i-1]
		base := i * (m + 1)
		for j := 1; j <= m; j++ {
			d := prevRow[j-1] + score(ai, &b[j-1])
			u := prevRow[j] + scoreGap
			l := row[j-1] + scoreGap
			best, dir := d, byte(0)
			if u > best {
				best, dir = u, 1
			}
			if l > best {
				best, dir = l, 2
			}
			row[j] = best
			tb[base+j] = dir
		}
		prevRow, row = row, prevRow
	}
	i, j := n, m
	for i > 0 && j > 0 {
		switch tb[i*(m+1)+j] {
		case 0:
			pair[i-1] = j - 1
			i, j = i-1, j-1
		case 1:
			i--
		default:
			j--
		}
	}
	return pair
}
