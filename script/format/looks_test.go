package format

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script/format/formattest"
)

// TestAnyLineSameAsWholeText: testing line by line finds what the
// regexps find on the whole text.
func TestAnyLineSameAsWholeText(t *testing.T) {
	texts := []string{"", "\n", "INT. HOUSE", "  int. house\nx", "x\n\tEXT ROAD", "I/E CAR", "EST. CITY", "INT./EXT. CAR",
		"INTERIOR", ".1-1 日 内", "..x", "@林晚", "@ x", "a\n.b", "\n\n @x\r\n", "x.INT. y", formattest.GenerateSeries(3, 300)}
	for name, text := range fixtures(t) {
		texts = append(texts, name, text)
	}
	for _, text := range texts {
		if got, want := anyLine(text, reLooksIntExt, "IiEe"), reLooksIntExt.MatchString(text); got != want {
			t.Errorf("INT/EXT in %q: %v, whole text %v", headLine(text), got, want)
		}
		if got, want := anyLine(text, reLooksForced, ".@"), reLooksForced.MatchString(text); got != want {
			t.Errorf("forced element in %q: %v, whole text %v", headLine(text), got, want)
		}
	}
}

func headLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func FuzzAnyLine(f *testing.F) {
	f.Add("INT. HOUSE\n@林晚\n.1-1")
	f.Fuzz(func(t *testing.T, text string) {
		if anyLine(text, reLooksIntExt, "IiEe") != reLooksIntExt.MatchString(text) {
			t.Errorf("INT/EXT differs on %q", text)
		}
		if anyLine(text, reLooksForced, ".@") != reLooksForced.MatchString(text) {
			t.Errorf("forced differs on %q", text)
		}
	})
}
