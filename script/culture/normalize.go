package culture

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/duanju-studio/duanju/script/hanzi"
)

// normText is text folded for matching: NFKC, lower case, traditional →
// simplified, middle dots unified, spaces between Han characters dropped.
// off[i] is the byte offset in the original of rune i; off[len] is the end.
type normText struct {
	r   []rune
	off []int
}

// appendFold appends the folded form of r (NFKC, lower case, one middle
// dot) to dst without allocating for the common runes.
func appendFold(dst []rune, r rune) []rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, r)
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified: NFKC leaves them alone
		return append(dst, r)
	case r == '·' || r == '•' || r == '・' || r == '‧' || r == '･':
		return append(dst, '·')
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFKC.Properties(buf[:n]).Decomposition()
	if d == nil {
		return append(dst, unicode.ToLower(r))
	}
	for len(d) > 0 {
		x, size := utf8.DecodeRune(d)
		dst = append(dst, unicode.ToLower(x))
		d = d[size:]
	}
	return dst
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// normalize folds s and keeps the offset map back to s.
func normalize(s string) normText {
	n := normText{r: make([]rune, 0, len(s)/2), off: make([]int, 0, len(s)/2+1)}
	maybeTrad := false
	for i, r := range s {
		if (r == ' ' || r == '\u3000' || r == '\t') && len(n.r) > 0 && isHan(n.r[len(n.r)-1]) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); isHan(next) {
				continue // 少 林 寺 → 少林寺
			}
		}
		k := len(n.r)
		n.r = appendFold(n.r, r)
		for _, x := range n.r[k:] {
			n.off = append(n.off, i)
			if !maybeTrad && x >= 0x4E00 && x <= 0x9FFF && !inGB2312(x) {
				maybeTrad = true
			}
		}
	}
	n.off = append(n.off, len(s))
	if maybeTrad {
		n.r = toSimplified(n.r)
	}
	return n
}

// normalizeTerm folds a dataset term the same way as text.
func normalizeTerm(s string) []rune { return normalize(s).r }

// inGB2312 and toSimplified are shared with the self-check.
func inGB2312(r rune) bool          { return hanzi.InGB2312(r) }
func toSimplified(rs []rune) []rune { return hanzi.Simplify(rs) }
