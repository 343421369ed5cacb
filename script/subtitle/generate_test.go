package subtitle

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

func TestGenerateFixturePassesLint(t *testing.T) {
	p := fixture(t)
	for _, prof := range []string{"", "vertical", "vertical-app"} {
		pr := mustProfile(t, "zh-Hans", prof)
		for _, tr := range GenerateAll(p, pr) {
			if len(tr.Cues) == 0 {
				t.Fatalf("episode %d: no cues", tr.Episode)
			}
			for _, pb := range Lint(tr.Cues, pr) {
				if pb.Severity.Rank() >= SevMedium.Rank() {
					t.Errorf("%s ep %d cue %d %v: %s %s", pr.ID, tr.Episode, pb.Cue, tr.Cues[pb.Cue-1].Lines, pb.Kind, pb.Message)
				}
			}
		}
	}
}

func TestGenerateKeepsWordsAndSpans(t *testing.T) {
	p := fixture(t)
	pr := mustProfile(t, "zh-Hans", "")
	ep := p.Episodes[0]
	tr := Generate(p, ep, pr)
	// Every spoken line's words appear, in order, in the cues from its span.
	var want, got strings.Builder
	for _, sc := range ep.Scenes {
		for _, l := range sc.Lines {
			if s, _ := spokenText(l); s != "" {
				want.WriteString(wordsOnly(s))
			}
		}
	}
	for _, c := range tr.Cues {
		got.WriteString(wordsOnly(c.Text()))
		if c.Source == nil || c.Status != StatusEstimated {
			t.Fatalf("cue %s has no source or wrong status", c.ID)
		}
		src := ep.Body[c.Source.Start:c.Source.End]
		if !strings.Contains(wordsOnly(src), wordsOnly(c.Text())) {
			t.Errorf("cue %q not inside its source line %q", c.Text(), src)
		}
	}
	if want.String() != got.String() {
		t.Errorf("words changed:\nwant %s\n got %s", want.String(), got.String())
	}
	if tr.Cues[0].Position != 8 || tr.Cues[0].Text() != "河南·开封" {
		t.Errorf("caption cue: %+v", tr.Cues[0])
	}
}

func TestBreakChinese(t *testing.T) {
	pr := mustProfile(t, "zh-Hans", "")
	cases := []struct{ in, want string }{
		{"三年了，你终于回来了。", "三年了，你终于回来了。"},
		{"当年你走的时候，连一句再见都没有说，", "当年你走的时候，|连一句再见都没有说，"},
		{"你知道我在车站等了你多久吗？整整一个晚上！", "你知道我在车站等了你多久吗？|整整一个晚上！"},
		{"他现在是什么“文旅集团”的副总，专门来谈", "他现在是什么“文旅集团”的副总，|专门来谈"},
		{"一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十|一二三四五六七八九十"},
	}
	for _, c := range cases {
		got := strings.Join(Break(c.in, pr, nil), "|")
		if got != c.want {
			t.Errorf("Break(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, l := range strings.Split(got, "|") {
			if strings.ContainsAny(l[:3], "，。！？、；：”）》") {
				t.Errorf("line starts with closing punctuation: %q", l)
			}
		}
	}
	// Names are not cut.
	got := Break("一二三四五六七八九十一二三四五林小雨你好", pr, []string{"林小雨"})
	for _, l := range got {
		if strings.HasSuffix(l, "林") || strings.HasSuffix(l, "林小") {
			t.Errorf("name cut: %q", got)
		}
	}
}

func TestBreakEnglish(t *testing.T) {
	pr := mustProfile(t, "en", "")
	got := Break("I waited for you at the station all night, and you never came back.", pr, nil)
	if len(got) != 2 || got[0] != "I waited for you at the station all night," {
		t.Errorf("got %q", got)
	}
	for _, l := range got {
		if pr.Width(l) > pr.CPL || strings.HasSuffix(l, " the") {
			t.Errorf("bad line %q", l)
		}
	}
}

func TestFileName(t *testing.T) {
	p := &script.Project{Meta: script.Meta{Title: "黄河/人家"}}
	if got := FileName(p, 3, "zh-Hans", "srt"); got != "黄河_人家 - 第3集.zh-Hans.srt" {
		t.Error(got)
	}
}

// The demo series' generated subtitles pass the zh-Hans lint (and the 9:16
// layouts') with no errors and no warnings.
func TestDemoPassesLint(t *testing.T) {
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	for _, layer := range []string{"", "vertical", "vertical-app"} {
		pr := mustProfile(t, "zh-Hans", layer)
		cues := 0
		for _, tr := range GenerateAll(p, pr) {
			cues += len(tr.Cues)
			for _, pb := range Lint(tr.Cues, pr) {
				t.Errorf("%s ep %d cue %d %q: %s %s %s", pr.ID, tr.Episode, pb.Cue, tr.Cues[pb.Cue-1].Lines, pb.Severity, pb.Kind, pb.Message)
			}
		}
		if cues < 100 {
			t.Errorf("%s: only %d cues for the demo", pr.ID, cues)
		}
	}
}
