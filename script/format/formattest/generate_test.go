package formattest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGenerateSeries(t *testing.T) {
	s := GenerateSeries(100, 1500)
	if n := utf8.RuneCountInString(s); n < 140000 || n > 220000 {
		t.Errorf("100×1500 series has %d characters", n)
	}
	if s != GenerateSeries(100, 1500) {
		t.Error("output is not deterministic")
	}
	for _, want := range []string{"第1集", "第100集", "1-1 ", "人物：", "△", "（OS）：", "【付费点】", "【卡点】", "【字幕："} {
		if !strings.Contains(s, want) {
			t.Errorf("series lacks %q", want)
		}
	}
}
