package subtitle

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

var benchLines = []string{"陆远？三年了，", "你终于回来了。", "我在车站等了你一整夜！", "这次，我不走了。", "“文旅集团”的副总"}

func bigSRT(n int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		s := ms(i * 3000)
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n%s\n\n", i+1, srtClock(s), srtClock(s+ms(2500)), benchLines[i%5], benchLines[(i+1)%5])
	}
	return b.Bytes()
}

func srtClock(d interface{ Milliseconds() int64 }) string {
	m := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d,%03d", m/3600000, m/60000%60, m/1000%60, m%1000)
}

// BenchmarkConvertSRTToASS: read a 10,000-cue SRT and write ASS (target ≤ 150 ms).
func BenchmarkConvertSRTToASS(b *testing.B) {
	data := bigSRT(10000)
	for b.Loop() {
		res, err := Read("big.srt", data)
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := Write(&out, res.Track, WriteOptions{Format: FormatASS}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLint10k: lint 10,000 cues (target ≤ 30 ms).
func BenchmarkLint10k(b *testing.B) {
	res, err := Read("big.srt", bigSRT(10000))
	if err != nil {
		b.Fatal(err)
	}
	p := mustProfile(b, "zh-Hans", "")
	for b.Loop() {
		Lint(res.Track.Cues, p)
	}
}

// series100 is a 100-episode series made by repeating the demo's episodes.
func series100(b testing.TB) *script.Project {
	src := assets.DemoScript()
	p, err := format.ParseChinese(src)
	if err != nil || len(p.Episodes) == 0 {
		b.Fatal(err)
	}
	base := p.Episodes
	p.Episodes = nil
	for i := 0; i < 100; i++ {
		e := *base[i%len(base)]
		e.Number = i + 1
		p.Episodes = append(p.Episodes, &e)
	}
	return p
}

// BenchmarkGenerate100: generate a 100-episode series (target ≤ 100 ms).
func BenchmarkGenerate100(b *testing.B) {
	p := series100(b)
	prof := mustProfile(b, "zh-Hans", "")
	for b.Loop() {
		GenerateAll(p, prof)
	}
}

// BenchmarkAlign60: align a recognised 60-cue episode (target ≤ 50 ms).
func BenchmarkAlign60(b *testing.B) {
	p := series100(b)
	prof := mustProfile(b, "zh-Hans", "")
	var lines []ScriptLine
	var cues []Cue
	for _, ep := range p.Episodes {
		lines = append(lines, ScriptLines(ep)...)
		cues = append(cues, Generate(p, ep, prof).Cues...)
		if len(cues) >= 60 {
			break
		}
	}
	cues = cues[:60]
	for i := range cues {
		cues[i].Lines = []string{strings.Map(func(r rune) rune {
			if isClause(r) || isSentence(r) {
				return -1
			}
			return r
		}, cues[i].Text())}
	}
	tr := &Track{Cues: cues}
	for b.Loop() {
		if _, err := Align(tr, lines, prof); err != nil {
			b.Fatal(err)
		}
	}
}
