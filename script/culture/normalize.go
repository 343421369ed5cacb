package culture

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
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

// gb2312 marks the CJK unified ideographs in GB 2312: a text whose Han
// characters all lie there is simplified and skips the OpenCC pass, whose
// dictionaries cost tens of milliseconds to load.
var (
	gbOnce sync.Once
	gbSet  []uint64
)

func inGB2312(r rune) bool {
	gbOnce.Do(func() {
		gbSet = make([]uint64, (0x9FFF-0x4E00)/64+1)
		enc := simplifiedchinese.HZGB2312.NewEncoder()
		var buf [8]byte
		for c := rune(0x4E00); c <= 0x9FFF; c++ {
			n := utf8.EncodeRune(buf[:], c)
			if _, err := enc.Bytes(buf[:n]); err == nil {
				i := c - 0x4E00
				gbSet[i/64] |= 1 << (i % 64)
			}
		}
	})
	i := r - 0x4E00
	return gbSet[i/64]&(1<<(i%64)) != 0
}

var (
	ccOnce sync.Once
	cc     *opencc.OpenCC
)

// toSimplified converts traditional characters with OpenCC t2s. Phrase
// conversion is used when it keeps the rune count (so offsets still map);
// otherwise characters are converted one by one.
func toSimplified(rs []rune) []rune {
	ccOnce.Do(func() { cc, _ = opencc.New("t2s") })
	if cc == nil {
		return rs
	}
	if out, err := cc.Convert(string(rs)); err == nil {
		if o := []rune(out); len(o) == len(rs) {
			return o
		}
	}
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = r
		if r >= 0x4E00 && r <= 0x9FFF && !inGB2312(r) {
			if c, err := cc.Convert(string(r)); err == nil {
				if cr := []rune(c); len(cr) == 1 {
					out[i] = cr[0]
				}
			}
		}
	}
	return out
}
