// Package hanzi holds the Chinese-text helpers that the self-check and the
// culture matcher share: which ideographs are in GB 2312 (text made only of
// them is simplified, so OpenCC need not load), and traditional → simplified
// conversion with OpenCC, loaded once on first use (its dictionaries cost
// tens of milliseconds).
package hanzi

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

//go:generate go test -run ^TestGB2312Table$ -update .

// InGB2312 reports whether r is a CJK unified ideograph in GB 2312. The
// set is a generated bitset (gb2312.go): building it from the GB 2312
// encoder took 3–4 ms in every process that checks a script.
func InGB2312(r rune) bool {
	if r < 0x4E00 || r > 0x9FFF {
		return false
	}
	i := r - 0x4E00
	return gb2312Bits[i/8]&(1<<(i%8)) != 0
}

var (
	ccOnce sync.Once
	cc     *opencc.OpenCC
	ccMu   sync.Mutex
	cache  = map[rune]rune{}
)

func converter() *opencc.OpenCC {
	ccOnce.Do(func() { cc, _ = opencc.New("t2s") })
	return cc
}

// SimplifyRune converts one traditional character to simplified; a
// character with no one-character simplified form is returned as is.
func SimplifyRune(r rune) rune {
	ccMu.Lock()
	defer ccMu.Unlock()
	if s, ok := cache[r]; ok {
		return s
	}
	out := r
	if c := converter(); c != nil {
		if s, err := c.Convert(string(r)); err == nil {
			if sr := []rune(s); len(sr) == 1 {
				out = sr[0]
			}
		}
	}
	cache[r] = out
	return out
}

// Simplify converts traditional text rune for rune, so offsets still map:
// phrase conversion when it keeps the rune count, else character by character.
func Simplify(rs []rune) []rune {
	c := converter()
	if c == nil {
		return rs
	}
	if s, err := c.Convert(string(rs)); err == nil {
		if o := []rune(s); len(o) == len(rs) {
			return o
		}
	}
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = r
		if r >= 0x4E00 && r <= 0x9FFF && !InGB2312(r) {
			out[i] = SimplifyRune(r)
		}
	}
	return out
}
