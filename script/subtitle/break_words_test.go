package subtitle

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script/format"
)

// badCuts are cuts inside words (or before a particle) that the issue
// found in generated and fixed tracks.
var badCuts = []string{"战争世|界", "对不|起", "头|发", "医院|里", "战|争", "世|界", "医|院", "对|不起"}

func checkCuts(t *testing.T, where string, lines []string) {
	t.Helper()
	for i := 1; i < len(lines); i++ {
		a, b := []rune(lines[i-1]), []rune(lines[i])
		if len(b) > 0 && isClosing(b[0]) {
			t.Errorf("%s: line starts with closing punctuation: %q", where, lines)
		}
		if strings.Trim(lines[i], "-– ") == "" || strings.Trim(lines[i-1], "-– ") == "" {
			t.Errorf("%s: a line of only a dash: %q", where, lines)
		}
		for _, bad := range badCuts {
			l, r, _ := strings.Cut(bad, "|")
			if strings.HasSuffix(string(a), l) && strings.HasPrefix(string(b), r) {
				t.Errorf("%s: cut inside a word (%s): %q", where, bad, lines)
			}
		}
	}
}

// Chinese lines are cut at punctuation first, then between words, never
// inside a word or before a particle (the 战争世|界 对不|起 头|发 医院|里).
func TestBreakChineseAtWordBoundaries(t *testing.T) {
	texts := []string{
		"这是一场毁灭整个战争世界的阴谋",
		"我真的非常非常对不起你们全家人",
		"她把自己的头发全都剪掉了还笑着说没事",
		"你爸爸现在还躺在医院里等着你回去看他",
		"你知道吗对不起这三个字我等了整整十年",
	}
	for _, id := range []string{"zh-Hans", "zh-Hans+vertical"} {
		layer := ""
		if strings.HasSuffix(id, "+vertical") {
			layer = "vertical"
		}
		p, err := Resolve("zh-Hans", layer)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			checkCuts(t, id+" Break", Break(s, p, nil))
			for _, piece := range splitText(s, func(x string) bool { return cueFits(x, p, nil) }, nil) {
				checkCuts(t, id+" split", Break(piece, p, nil))
			}
		}
	}
}

// subs fix re-breaks and splits cues the same way, and never leaves a line
// that is only the dialogue dash.
func TestFixChineseKeepsWordsWhole(t *testing.T) {
	p, _ := Resolve("zh-Hans", "vertical")
	tr := &Track{Lang: "zh-Hans"}
	for i, s := range []string{
		"这是一场毁灭整个战争世界的阴谋，你们谁也逃不掉",
		"-对不起，我来晚了\n-你爸爸还躺在医院里等你",
		"她把自己的头发全都剪掉了还笑着说没事",
	} {
		tr.Cues = append(tr.Cues, Cue{Start: time.Duration(i*10) * time.Second, End: time.Duration(i*10+8) * time.Second, Lines: strings.Split(s, "\n")})
	}
	fixed, _ := Fix(tr, p, nil)
	for i, c := range fixed.Cues {
		checkCuts(t, "fix cue "+c.Text(), c.Lines)
		if i > 0 && len(c.Lines) > 0 && isClosing([]rune(c.Lines[0])[0]) {
			t.Errorf("cue starts with closing punctuation: %q", c.Lines)
		}
	}
}

func BenchmarkBreak100Episodes(b *testing.B) {
	p, _ := Resolve("zh-Hans", "vertical")
	lines := []string{
		"这是一场毁灭整个战争世界的阴谋，你们谁也逃不掉",
		"我真的非常非常对不起你们全家人",
		"你爸爸现在还躺在医院里等着你回去看他",
	}
	segmenter() // the one-off load is measured by BenchmarkSegmenterLoad
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// 100 episodes × 60 lines.
		for k := 0; k < 100*60; k++ {
			Break(lines[k%len(lines)], p, nil)
		}
	}
}

// A dialogue dash is never a line of its own, never ends a line, and two
// speakers who do not fit one cue get one cue each.
func TestDialogueDashStaysWithItsWords(t *testing.T) {
	for _, layer := range []string{"", "vertical"} {
		for _, lang := range []string{"zh-Hans", "en"} {
			p, _ := Resolve(lang, layer)
			for _, s := range []string{
				"-对不起\n-你爸爸还躺在医院里等着你回去看他呢，快走吧",
				"- 对不起，我来晚了\n- 你爸爸还躺在医院里等着你回去看他呢",
				"- Sorry I am late, the traffic was terrible today\n- Never mind",
			} {
				checkDash := func(where string, lines []string) {
					for _, l := range lines {
						if tl := strings.TrimSpace(l); strings.Trim(tl, "-－– ") == "" || strings.HasSuffix(tl, " -") {
							t.Errorf("%s %s %s: dash alone or at a line end: %q", lang, layer, where, lines)
						}
					}
				}
				checkDash("Break", Break(strings.ReplaceAll(s, "\n", " "), p, nil))
				tr := &Track{Cues: []Cue{{Start: 0, End: 6 * time.Second, Lines: strings.Split(s, "\n")}}}
				fixed, _ := Fix(tr, p, nil)
				for _, c := range fixed.Cues {
					checkDash("Fix", c.Lines)
					if len(c.Lines) > p.MaxLines {
						t.Errorf("%s %s: %d lines (max %d): %q", lang, layer, len(c.Lines), p.MaxLines, c.Lines)
					}
					for i, l := range c.Lines {
						if i > 0 && strings.Contains(l, "-") && !strings.HasPrefix(l, "-") {
							t.Errorf("%s %s: speakers run together: %q", lang, layer, c.Lines)
						}
					}
				}
			}
		}
	}
	// Break of a Chinese line that starts with the dash: "-" must not be cut off.
	p, _ := Resolve("zh-Hans", "vertical")
	for _, l := range Break("-我不管你们家里到底发生了什么事情", p, nil) {
		if strings.Trim(l, "-") == "" {
			t.Errorf("line of only a dash: %q", l)
		}
	}
}

// BenchmarkSegmenterLoad is the one-off cost of loading the word list.
func BenchmarkSegmenterLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		segOnce = sync.Once{}
		segZh = nil
		if segmenter() == nil {
			b.Fatal("no segmenter")
		}
	}
}

// The generator lays out a script's lines the same way: no word cut, no
// line of only a dash or starting with closing punctuation.
func TestGenerateChineseKeepsWordsWhole(t *testing.T) {
	src := "第1集\n1-1 夜 内 医院病房\n人物：林晚、林母\n" +
		"林晚：这是一场毁灭整个战争世界的阴谋，你们谁也逃不掉\n" +
		"林母：我真的非常非常对不起你们全家人\n" +
		"林晚：她把自己的头发全都剪掉了还笑着说没事\n" +
		"林母：你爸爸现在还躺在医院里等着你回去看他\n"
	p, err := format.ParseChinese(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, layer := range []string{"", "vertical", "vertical-app"} {
		pr, _ := Resolve("zh-Hans", layer)
		for _, c := range Generate(p, p.Episodes[0], pr).Cues {
			checkCuts(t, "generate "+layer, c.Lines)
		}
	}
}
