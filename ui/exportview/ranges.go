package exportview

import (
	"fmt"
	"strconv"
	"strings"
)

// parseEpisodes reads "1-3,5" into episode numbers in order, without
// duplicates.
func parseEpisodes(s string) ([]int, error) {
	var out []int
	seen := map[int]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
		part = strings.ReplaceAll(part, "–", "-")
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil || a <= 0 {
			return nil, fmt.Errorf("%q", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a || b-a > 10000 {
				return nil, fmt.Errorf("%q", part)
			}
		}
		for n := a; n <= b; n++ {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q", s)
	}
	return out, nil
}
