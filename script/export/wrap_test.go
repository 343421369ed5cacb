package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// cjkMeasure counts a wide character as 1 and anything else as 0.5.
func cjkMeasure(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

func TestWrapKinsoku(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "你也配站在这里？", 10, []string{"你也配站在这里？"}},
		{"plain", "一二三四五六七八九十", 4, []string{"一二三四", "五六七八", "九十"}},
		{"hang comma", "一二三四，五六", 4, []string{"一二三四，", "五六"}},
		{"hang period and quote", "一二三四。”五六", 4, []string{"一二三四。”", "五六"}},
		{"opening not at end", "一二三“四五六”", 4, []string{"一二三", "“四五六”"}},
		{"newline kept", "一二\n三四", 10, []string{"一二", "三四"}},
		{"latin words", "hello world again", 3, []string{"hello", "world", "again"}},
		{"long word split", "abcdefgh", 2, []string{"abcd", "efgh"}},
		{"mixed", "他说OK了。", 2.5, []string{"他说", "OK了。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.text, tt.width, cjkMeasure)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func checkWrapped(t *testing.T, text string, lines []string) {
	t.Helper()
	joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
	if want := strings.ReplaceAll(strings.ReplaceAll(text, "\n", ""), " ", ""); joined != want {
		t.Fatalf("text lost: %q → %q", want, joined)
	}
	for i, l := range lines {
		if i == 0 || l == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(l)
		if noStart(r) {
			t.Fatalf("line %d starts with %q: %q", i, r, lines)
		}
	}
}

func TestWrapNeverStartsWithClosing(t *testing.T) {
	text := "林晚攥紧拳头，指甲掐进掌心，嘴角却勾起笑。“你也配站在这里？”她说。……门外传来一声：“顾总到——”"
	for w := 2.0; w < 20; w++ {
		checkWrapped(t, text, Wrap(text, w, cjkMeasure))
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("林晚：（冷笑）你也配站在这里？", 5.0)
	f.Add("“一”“二”。。。，，，", 1.0)
	f.Add("hello, world. 你好！", 3.0)
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) || width < 1 || width > 1000 || strings.ContainsAny(text, "\r") {
			return
		}
		lines := Wrap(text, width, cjkMeasure)
		joined := strings.Join(lines, "")
		if strings.Join(strings.Fields(joined), "") != strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", "")), "") {
			t.Fatalf("text changed: %q → %q", text, lines)
		}
	})
}
