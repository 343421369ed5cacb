package check

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/duanju-studio/duanju/script/hanzi"
)

// normBuf accumulates normalised text with a map back to the original:
// for every byte i of s, start[i] and end[i] are the original byte range of
// the rune that produced it (offsets are absolute in the episode Body or
// the metadata field).
type normBuf struct {
	s     []byte
	start []int
	end   []int
}

func (b *normBuf) reset() { b.s, b.start, b.end = b.s[:0], b.start[:0], b.end[:0] }

func (b *normBuf) addRune(r rune, from, to int) {
	if r < utf8.RuneSelf {
		b.s = append(b.s, byte(r))
		b.start = append(b.start, from)
		b.end = append(b.end, to)
		return
	}
	n := len(b.s)
	b.s = utf8.AppendRune(b.s, r)
	for i := n; i < len(b.s); i++ {
		b.start = append(b.start, from)
		b.end = append(b.end, to)
	}
}

// grow makes room for about n more bytes of text.
func (b *normBuf) grow(n int) {
	if cap(b.s)-len(b.s) < n {
		b.s = append(make([]byte, 0, len(b.s)+n), b.s...)
		b.start = append(make([]int, 0, len(b.start)+n), b.start...)
		b.end = append(make([]int, 0, len(b.end)+n), b.end...)
	}
}

// origRange maps a normalised byte range back to the original text.
func (b *normBuf) origRange(s, e int) (int, int) {
	if s >= len(b.start) || e <= s {
		return 0, 0
	}
	return b.start[s], b.end[e-1]
}

// inserted are symbols spammers put between characters to dodge filters
// (一夜@暴富, 霸*总); they are dropped when Han characters stand on both sides.
func inserted(r rune) bool {
	switch r {
	case '@', '#', '$', '%', '^', '&', '*', '_', '~', '|', '/', '\\', '-', '+', '=', '.', '·', '•', '・', '\'', '"', '`',
		' ', '\t', '\u3000', '\u200b', '\u200c', '\u200d', '\ufeff', '＠', '＃', '＊', '～', '｜', '／', '＿', '－':
		return true
	}
	return false
}

// isHan: CJK extension A and the unified block are Han throughout, so the
// common case skips unicode.Is's table search.
func isHan(r rune) bool {
	switch {
	case r < 0x3400:
		return false
	case r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// fold is the rune-level normalisation shared by terms and text: full width
// to half width, NFKC, lower case, traditional to simplified.
func fold(r rune, out []rune) []rune {
	switch {
	case r < utf8.RuneSelf:
		return append(out, unicode.ToLower(r))
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return append(out, unicode.ToLower(r-0xFEE0))
	case r == '\u3000':
		return append(out, ' ')
	case r >= 0x4E00 && r <= 0x9FFF:
		if inGB2312(r) {
			return append(out, r)
		}
		return append(out, toSimplified(r))
	case r >= 0x3000 && r <= 0x303F: // CJK punctuation stays (。 、 「」 【】)
		return append(out, r)
	case r >= 0x2010 && r <= 0x201F: // dashes and quotes: NFKC keeps them
		return append(out, r)
	}
	return append(out, nfkc(r)...)
}

// nfkc folds the other runes with NFKC and lower case, cached because
// norm allocates.
var (
	nfkcMu    sync.RWMutex
	nfkcCache = map[rune][]rune{}
)

func nfkc(r rune) []rune {
	nfkcMu.RLock()
	out, ok := nfkcCache[r]
	nfkcMu.RUnlock()
	if ok {
		return out
	}
	for _, x := range norm.NFKC.String(string(r)) {
		out = append(out, unicode.ToLower(x))
	}
	nfkcMu.Lock()
	nfkcCache[r] = out
	nfkcMu.Unlock()
	return out
}

// appendNorm normalises text (whose first byte is at absolute offset base)
// onto b.
func appendNorm(b *normBuf, text string, base int) {
	var tmp [4]rune
	prevHan := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= 0x4E00 && r <= 0x9FFF && inGB2312(r) {
			// Most of a script: a simplified ideograph stays as it is.
			b.s = append(b.s, text[i:i+size]...)
			for range size {
				b.start = append(b.start, base+i)
				b.end = append(b.end, base+i+size)
			}
			prevHan = true
			i += size
			continue
		}
		if inserted(r) && prevHan {
			// Skip a run of inserted symbols when a Han character follows.
			j := i
			for j < len(text) {
				q, qs := utf8.DecodeRuneInString(text[j:])
				if !inserted(q) {
					break
				}
				j += qs
			}
			if j < len(text) {
				if q, _ := utf8.DecodeRuneInString(text[j:]); isHan(q) {
					i = j
					continue
				}
			}
		}
		for _, x := range fold(r, tmp[:0]) {
			b.addRune(x, base+i, base+i+size)
		}
		prevHan = isHan(r)
		i += size
	}
}

// normTerm normalises a rule term the same way as text (without the
// offset map, which terms do not need).
func normTerm(s string) string {
	s = strings.TrimSpace(s)
	out := make([]byte, 0, len(s))
	var tmp [4]rune
	prevHan := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if inserted(r) && prevHan {
			j := i
			for j < len(s) {
				q, qs := utf8.DecodeRuneInString(s[j:])
				if !inserted(q) {
					break
				}
				j += qs
			}
			if q, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && isHan(q) {
				i = j
				continue
			}
		}
		for _, x := range fold(r, tmp[:0]) {
			out = utf8.AppendRune(out, x)
		}
		prevHan = isHan(r)
		i += size
	}
	return string(out)
}

// inGB2312 and toSimplified are shared with the culture matcher.
func inGB2312(r rune) bool     { return hanzi.InGB2312(r) }
func toSimplified(r rune) rune { return hanzi.SimplifyRune(r) }
