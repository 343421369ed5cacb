package stats

import (
	"math"
	"reflect"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSpoken(t *testing.T) {
	set := script.Settings{}.Effective()
	tests := []struct {
		text   string
		chars  int
		pauses float64
	}{
		{"", 0, 0},
		{"你好", 2, 0},
		{"你好，世界。", 4, set.CommaPause + set.PauseSeconds},
		{"你也配？", 3, set.PauseSeconds},
		{"等等……", 2, 2 * set.PauseSeconds},
		{"OK", 2, 0},          // a Latin word takes about two characters' time
		{"OK 123 go", 6, 0},   // three words
		{"我用iPhone打电话", 7, 0}, // 5 Han + one word
		{"「好」", 1, 0},         // quotes take no time
		{"こんにちは", 5, 0},
		{"a、b；c", 6, set.CommaPause + set.PauseSeconds},
	}
	for _, tt := range tests {
		c, p := Spoken(tt.text, set)
		if c != tt.chars || !near(p, tt.pauses) {
			t.Errorf("Spoken(%q) = %d, %.2f; want %d, %.2f", tt.text, c, p, tt.chars, tt.pauses)
		}
	}
}

func parse(t *testing.T, text string) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestForEpisode(t *testing.T) {
	p := parse(t, `第1集：替嫁
1-1 日 内 客厅
人物：林晚、林母
△林晚攥紧拳头。
林母：（冷笑）你也配站在这里？
林晚（OS）：三年了，我回来了。
林晚：走。
【字幕：三年后】
【卡点】门开了。
1-2 夜 外 街道
【反转】
`)
	set := p.Settings.Effective()
	got := ForEpisode(p.Episodes[0], set)
	if got.Number != 1 || got.Title != "替嫁" || got.Scenes != 2 {
		t.Errorf("header: %+v", got)
	}
	// 林母 7, 林晚 7 + 1.
	if got.DialogueChars != 15 {
		t.Errorf("dialogue chars %d, want 15", got.DialogueChars)
	}
	// △ 6 + marker text 3.
	if got.ActionChars != 9 {
		t.Errorf("action chars %d, want 9", got.ActionChars)
	}
	want := []Speaker{{Name: "林晚", Lines: 2, Chars: 8, Share: 0.533}, {Name: "林母", Lines: 1, Chars: 7, Share: 0.467}}
	if !reflect.DeepEqual(got.Speakers, want) {
		t.Errorf("speakers %+v, want %+v", got.Speakers, want)
	}
	if !reflect.DeepEqual(got.Markers, []string{"卡点", "反转"}) {
		t.Errorf("markers %v", got.Markers)
	}
	// Dialogue: 15/4.5 + pauses (？, ，, 。, 。) + 3 beats; action 6/3.5 + beat;
	// marker 3/3.5; subtitle 字幕 3/3.5.
	secs := 15/4.5 + 3*0.4 + 0.15 + 3*0.6 + 6/3.5 + 0.6 + 3/3.5 + 3/3.5
	if math.Abs(got.Seconds-secs) > 0.051 {
		t.Errorf("seconds %.2f, want %.2f", got.Seconds, secs)
	}
}

func TestSpeechRateSetting(t *testing.T) {
	p := parse(t, "第1集\n1-1 日 内 客厅\n林晚：一二三四五六七八九十\n")
	slow := ForEpisode(p.Episodes[0], script.Settings{SpeechRate: 2}.Effective())
	fast := ForEpisode(p.Episodes[0], script.Settings{SpeechRate: 10}.Effective())
	if !(slow.Seconds > fast.Seconds) || !near(slow.Seconds, 5.6) || !near(fast.Seconds, 1.6) {
		t.Errorf("slow %.2f fast %.2f", slow.Seconds, fast.Seconds)
	}
}

func TestEmptyAndTextOnly(t *testing.T) {
	got := ForEpisode(&script.Episode{Number: 3}, script.Settings{}.Effective())
	if got.Scenes != 0 || got.Seconds != 0 || got.Speakers == nil || got.Markers == nil {
		t.Errorf("empty episode: %+v (slices must be non-nil for JSON)", got)
	}
	p := parse(t, "△只有动作，没有场景标题。\n")
	if s := ForEpisode(p.Episodes[0], p.Settings.Effective()); s.Scenes != 0 || s.ActionChars != 10 {
		t.Errorf("text-only: %+v", s)
	}
}

func TestCompute(t *testing.T) {
	p := parse(t, formattest.GenerateSeries(10, 600))
	s := Compute(p)
	if s.Title != "归来之夜" || s.Totals.Episodes != 10 || len(s.Episodes) != 10 {
		t.Fatalf("totals %+v", s.Totals)
	}
	scenes, chars, secs := 0, 0, 0.0
	for i, e := range s.Episodes {
		if e.Number != i+1 || e.Seconds <= 0 || e.Scenes == 0 || len(e.Speakers) == 0 || len(e.Markers) == 0 {
			t.Errorf("episode %d: %+v", i+1, e)
		}
		share := 0.0
		for j, sp := range e.Speakers {
			share += sp.Share
			if j > 0 && sp.Chars > e.Speakers[j-1].Chars {
				t.Errorf("episode %d speakers not sorted by characters", e.Number)
			}
		}
		if math.Abs(share-1) > 0.01 {
			t.Errorf("episode %d shares sum to %.3f", e.Number, share)
		}
		scenes += e.Scenes
		chars += e.DialogueChars + e.ActionChars
		secs += e.Seconds
	}
	if s.Totals.Scenes != scenes || s.Totals.Characters != chars || math.Abs(s.Totals.Seconds-secs) > 0.1 {
		t.Errorf("totals %+v, sums %d %d %.1f", s.Totals, scenes, chars, secs)
	}
	paywall := false
	for _, m := range s.Episodes[9].Markers {
		paywall = paywall || m == string(script.MarkerPaywall)
	}
	if !paywall {
		t.Errorf("episode 10 markers %v lack 付费点", s.Episodes[9].Markers)
	}
}

func BenchmarkStats(b *testing.B) {
	p, err := format.ParseChinese(formattest.GenerateSeries(100, 1500))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Compute(p)
	}
}
