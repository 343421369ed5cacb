package diff

import (
	"fmt"
	"strings"
	"testing"
)

func episodeText(n int, edit bool) string {
	var b strings.Builder
	for s := 1; s <= 12; s++ {
		fmt.Fprintf(&b, "%d-%d 日 内 客厅\n人物：林晚、顾言\n", n, s)
		for l := range 8 {
			if edit && l == 3 && s%3 == 0 {
				b.WriteString("林晚：（冷笑）你凭什么？这是外婆的铺子。\n")
				continue
			}
			fmt.Fprintf(&b, "△第%d场第%d行，林晚推门进来，屋里一片狼藉。\n", s, l)
		}
	}
	return b.String()
}

// BenchmarkLinesEpisode: a 1,500-character episode with a few edited lines.
func BenchmarkLinesEpisode(b *testing.B) {
	old, new := episodeText(1, false), episodeText(1, true)
	for b.Loop() {
		Lines(old, new)
	}
}

// BenchmarkLinesDisjoint: the worst case, two long texts with nothing in common.
func BenchmarkLinesDisjoint(b *testing.B) {
	var x, y strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&x, "甲%d\n", i)
		fmt.Fprintf(&y, "乙%d\n", i)
	}
	for b.Loop() {
		Lines(x.String(), y.String())
	}
}
