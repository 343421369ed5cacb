package subtitle

import (
	"strings"
	"testing"
)

func TestFixClearsProblemsKeepsWords(t *testing.T) {
	p := mustProfile(t, "zh-Hans", "")
	in := &Track{Lang: "zh-Hans", Cues: []Cue{
		{ID: "1", Start: ms(0), End: ms(400), Lines: []string{"嗯。"}},                                         // too short
		{ID: "2", Start: ms(1000), End: ms(1000), Lines: []string{" "}},                                      // empty
		{ID: "3", Start: ms(1000), End: ms(4000), Lines: []string{"三年了", "，你终于回来了。"}},                        // line starts with ，
		{ID: "4", Start: ms(3900), End: ms(9000), Lines: []string{"当年你走的时候连一句再见都没有说，你知道我在车站等了你多久吗？整整一个晚上！"}}, // overlap, too long
		{ID: "5", Start: ms(9020), End: ms(9500), Lines: []string{"对不起。"}},                                   // gap, short
		{ID: "6", Start: ms(12000), End: ms(21000), Lines: []string{"我有我的难处。"}},                              // too long on screen
	}}
	out, changes := Fix(in, p, nil)
	if len(changes) == 0 {
		t.Fatal("no changes")
	}
	for _, pb := range Lint(out.Cues, p) {
		if pb.Severity.Rank() >= SevMedium.Rank() {
			t.Errorf("after fix: cue %d %q: %s %s", pb.Cue, out.Cues[pb.Cue-1].Lines, pb.Kind, pb.Message)
		}
	}
	var before, after strings.Builder
	for _, c := range in.Cues {
		before.WriteString(wordsOnly(c.Text()))
	}
	for _, c := range out.Cues {
		after.WriteString(wordsOnly(c.Text()))
		for _, l := range c.Lines {
			if strings.Contains(l, " ") {
				t.Errorf("space added in Chinese: %q", l)
			}
		}
	}
	if before.String() != after.String() {
		t.Errorf("words changed:\n%s\n%s", before.String(), after.String())
	}
	kinds := map[string]bool{}
	for _, c := range changes {
		kinds[c.Kind] = true
	}
	for _, k := range []string{"drop", "rebreak", "split", "trim"} {
		if !kinds[k] {
			t.Errorf("no %s change in %+v", k, changes)
		}
	}
	if in.Cues[2].Lines[1] != "，你终于回来了。" {
		t.Error("Fix modified its input")
	}
}

func TestFixMergesWhenNoRoom(t *testing.T) {
	p := mustProfile(t, "zh-Hans", "")
	in := &Track{Cues: []Cue{
		{ID: "1", Start: ms(1000), End: ms(1400), Lines: []string{"你好"}},
		{ID: "2", Start: ms(1480), End: ms(2500), Lines: []string{"再见"}},
		{ID: "3", Start: ms(2583), End: ms(4000), Lines: []string{"走吧"}},
	}}
	in.Cues[0].Start = 0
	out, ch := Fix(in, p, nil)
	for _, pb := range Lint(out.Cues, p) {
		if pb.Severity == SevHigh {
			t.Errorf("after fix: %+v (%+v)", pb, ch)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"00:01:02.345": 62345, "01:02,5": 62500, "62.3": 62300, "1:02:03,040": 3723040} {
		got, err := ParseClock(in)
		if err != nil || got != ms(want) {
			t.Errorf("ParseClock(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "a", "1:2:3:4", "-1", "1e3"} {
		if _, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
}

func TestLintHalfWidthPunctuation(t *testing.T) {
	p := mustProfile(t, "zh-Hans", "")
	cues := []Cue{
		{Start: ms(0), End: ms(2000), Lines: []string{"你好,我是林秋禾."}},
		{Start: ms(3000), End: ms(5000), Lines: []string{"下午3.5点，10:30见"}},
	}
	ps := Lint(cues, p)
	if len(ps) != 1 || ps[0].Cue != 1 || ps[0].Kind != KindPunctuation || ps[0].Severity != SevLow {
		t.Errorf("got %+v", ps)
	}
	if ps := Lint(cues[:1], mustProfile(t, "en", "")); len(ps) != 0 {
		t.Errorf("English profile: %+v", ps)
	}
}

func TestFixKeepsTwoSpeakerLines(t *testing.T) {
	p := mustProfile(t, "zh-Hans", "")
	in := &Track{Cues: []Cue{{Start: ms(0), End: ms(2000), Lines: []string{"-你来了？", "-嗯。"}}}}
	out, ch := Fix(in, p, nil)
	if len(ch) != 0 || strings.Join(out.Cues[0].Lines, "|") != "-你来了？|-嗯。" {
		t.Errorf("dialogue cue changed: %q %+v", out.Cues[0].Lines, ch)
	}
}
