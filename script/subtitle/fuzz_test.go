package subtitle

import (
	"bytes"
	"strings"
	"testing"
)

// Every importer must return a track or an error: no panic, no hang.
func fuzzRead(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	segmenter() // the one-off word-list load must not count as a hung input
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(name, data)
		if err != nil {
			// Errors are for users: no Go values or library internals.
			if goInternals.MatchString(err.Error()) || strings.Contains(err.Error(), "astisub") {
				t.Fatalf("error shows internals: %v", err)
			}
			return
		}
		// Whatever was read can be linted, fixed and written back.
		p, _ := Resolve("zh-Hans", "")
		Lint(res.Track.Cues, p)
		fixed, _ := Fix(res.Track, p, nil)
		var b bytes.Buffer
		_ = Write(&b, fixed, WriteOptions{Format: FormatSRT})
	})
}

func FuzzReadSRT(f *testing.F) {
	fuzzRead(f, "x.srt",
		"1\n00:00:01,000 --> 00:00:02,500\n三年了，\n你终于回来了。\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an8}<i>我</i>回来了\n",
		"1\r\n00:00:01,000 --> 00:00:02,000\r\n第一行\r\n\r\n第二行\r\n",
		"00:00:01,000 --> 00:00:02,000 X1:0\n2025\n")
}

func FuzzReadVTT(f *testing.F) {
	fuzzRead(f, "x.vtt",
		"WEBVTT\n\nintro-1\n00:00:01.000 --> 00:00:02.000 line:10%\n<v 林小雨>你好\n\nNOTE x\n\n00:02.000 --> 00:03.000\n再见\n",
		"WEBVTT\nRegion: id=a width=40%\n\n00:00:01.000 --> 00:00:02.000 region:a\n<c.yellow>黄</c>色\n")
}

func FuzzReadASS(f *testing.F) {
	fuzzRead(f, "x.ass",
		"[Script Info]\nScriptType: v4.00+\nPlayResX: 1080\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, Alignment\nStyle: Default,Noto Sans SC,60,2\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,林小雨,0,0,0,,{\\an8}你好，\\N世界{\\i1}啊\n",
		"[Events]\nFormat: Start, End, Text\nDialogue: 0:00:01.00,0:00:02.00,a,b,c\n",
		"  [V4+ Styles]\n  Format: Name, Fontsize\n  Style: Default, 20, 1\n  [Events]\n\tFormat: Layer, Start, End, Style, Text\n  Dialogue: ,-0:00:01,0:00:02,Default, 你好\n")
}

func FuzzReadTTML(f *testing.F) {
	fuzzRead(f, "x.ttml",
		`<?xml version="1.0"?><tt xml:lang="zh-Hans" xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="00:00:01.000" end="00:00:02.000"><span>你好</span><br/><span>世界</span></p></div></body></tt>`,
		`<tt><body><div><p begin="1s" end="2.5s">x</p></div></body></tt>`,
		`<tt xml:lang="zh"><body dur="3:58.640"><div><p begin="19.764" end="1:21.9"><span>你<span>好<span>世</span></span></span><br/>界</p></div></body></tt>`)
}

func FuzzReadSTL(f *testing.F) {
	var b bytes.Buffer
	tr := &Track{Cues: []Cue{{Start: ms(1000), End: ms(2000), Lines: []string{"Hola", "mundo"}}}}
	if err := Write(&b, tr, WriteOptions{Format: FormatSTL}); err != nil {
		f.Fatal(err)
	}
	fuzzRead(f, "x.stl", b.String())
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("\xff\xfe1\x00\n\x00"))
	f.Add([]byte("\xc4\xe3\xba\xc3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		DecodeText(data)
	})
}
