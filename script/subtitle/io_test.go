package subtitle

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// sample is a track that exercises every writer's known pitfalls: two-line
// Chinese cues (ASS \N), a number-only line (read as an index by naive SRT
// readers), < and &, a caption at the top, speakers and translations.
func sample() *Track {
	return &Track{Lang: "zh-Hans", TransLang: "en", Episode: 1, Title: "黄河人家 - 第1集", Cues: []Cue{
		{ID: "1", Start: ms(0), End: ms(1500), Lines: []string{"河南·开封"}, Position: 8, Translation: []string{"Kaifeng, Henan"}},
		{ID: "2", Start: ms(2000), End: ms(5250), Lines: []string{"陆远？三年了，", "你终于回来了。"}, Speaker: "林小雨", Translation: []string{"Lu Yuan? Three years…", "You're finally back."}},
		{ID: "3", Start: ms(5330), End: ms(7000), Lines: []string{"2025"}, Speaker: "陆远", Translation: []string{"2025"}},
		{ID: "4", Start: ms(7100), End: ms(9990), Lines: []string{"“文旅集团”<副总> & 我"}, Speaker: "王婶", Translation: []string{`"Culture & Tourism" <VP>`}},
	}}
}

func TestRoundTripChinese(t *testing.T) {
	for _, f := range []string{FormatSRT, FormatVTT, FormatASS, FormatTTML} {
		t.Run(f, func(t *testing.T) {
			in := sample()
			var buf bytes.Buffer
			if err := Write(&buf, in, WriteOptions{Format: f, Speakers: true}); err != nil {
				t.Fatal(err)
			}
			res, err := Read("x."+f, buf.Bytes())
			if err != nil {
				t.Fatalf("%v\n%s", err, buf.String())
			}
			if res.Format != f {
				t.Errorf("format %s, want %s", res.Format, f)
			}
			out := res.Track
			if len(out.Cues) != len(in.Cues) {
				t.Fatalf("%d cues, want %d\n%s", len(out.Cues), len(in.Cues), buf.String())
			}
			for i, c := range in.Cues {
				o := out.Cues[i]
				if strings.Join(o.Lines, "|") != strings.Join(c.Lines, "|") {
					t.Errorf("cue %d lines %q, want %q", i+1, o.Lines, c.Lines)
				}
				if o.Start != c.Start || o.End != c.End {
					t.Errorf("cue %d time %v-%v, want %v-%v", i+1, o.Start, o.End, c.Start, c.End)
				}
				if (f == FormatASS || f == FormatVTT) && o.Speaker != c.Speaker {
					t.Errorf("cue %d speaker %q, want %q", i+1, o.Speaker, c.Speaker)
				}
				if f != FormatTTML && o.Position != c.Position {
					t.Errorf("cue %d position %d, want %d", i+1, o.Position, c.Position)
				}
			}
			if f == FormatTTML && out.Lang != "zh-Hans" {
				t.Errorf("TTML xml:lang %q", out.Lang)
			}
		})
	}
}

func TestRoundTripSTLLatin(t *testing.T) {
	in := &Track{Lang: "es", Cues: []Cue{
		{Start: ms(1000), End: ms(3000), Lines: []string{"¿Tres años?", "Por fin has vuelto."}},
		{Start: ms(3200), End: ms(5000), Lines: []string{"Ya no me iré."}},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, in, WriteOptions{Format: FormatSTL}); err != nil {
		t.Fatal(err)
	}
	res, err := Read("x.stl", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Track.Cues) != 2 || res.Track.Cues[0].Text() != "¿Tres años? Por fin has vuelto." {
		t.Errorf("got %+v", res.Track.Cues)
	}
	if err := Write(&buf, sample(), WriteOptions{Format: FormatSTL}); err == nil || !strings.Contains(err.Error(), "EBU-STL cannot carry") {
		t.Errorf("STL with Chinese: %v", err)
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden:\n%s", name, got)
	}
}

func TestGoldenWriters(t *testing.T) {
	vertical := mustProfile(t, "zh-Hans", "vertical")
	cases := []struct {
		name string
		opt  WriteOptions
	}{
		{"sample.srt", WriteOptions{Format: FormatSRT}},
		{"sample-crlf-bom.srt", WriteOptions{Format: FormatSRT, CRLF: true, BOM: true}},
		{"sample.vtt", WriteOptions{Format: FormatVTT, Speakers: true}},
		{"sample.ass", WriteOptions{Format: FormatASS}},
		{"sample-vertical.ass", WriteOptions{Format: FormatASS, Profile: vertical}},
		{"sample-bilingual.ass", WriteOptions{Format: FormatASS, Bilingual: true}},
		{"sample-bilingual.srt", WriteOptions{Format: FormatSRT, Bilingual: true}},
		{"sample.ttml", WriteOptions{Format: FormatTTML}},
	}
	stl := &Track{Lang: "en", Title: "The Clapper", Cues: []Cue{
		{Start: ms(1000), End: ms(3000), Lines: []string{"Three years...", "You're finally back."}},
		{Start: ms(3200), End: ms(5000), Lines: []string{"I'm not leaving again."}},
	}}
	var sb bytes.Buffer
	if err := Write(&sb, stl, WriteOptions{Format: FormatSTL, Created: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.stl", sb.Bytes())
	for _, c := range cases {
		var buf bytes.Buffer
		if err := Write(&buf, sample(), c.opt); err != nil {
			t.Fatal(c.name, err)
		}
		golden(t, c.name, buf.Bytes())
	}
}

func TestASSBreaksAndHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample(), WriteOptions{Format: FormatASS, Profile: mustProfile(t, "zh-Hans", "vertical")}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{`陆远？三年了，\N你终于回来了。`, "PlayResX: 1080\n", "PlayResY: 1920\n", "ScaledBorderAndShadow: yes\n", "ScriptType: v4.00+\n", "," + FontName + ",", ",120,192,680,1\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("ASS lacks %q", want)
		}
	}
	if strings.Contains(s, `\n`) || strings.Contains(s, "三年了， 你") {
		t.Error("ASS has a soft \\n break or a joining space")
	}
}

func encodeWith(t *testing.T, enc encoding.Encoding, s string) []byte {
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	zh := "1\n00:00:01,000 --> 00:00:02,500\n三年了，你终于回来了。\n\n2\n00:00:03,000 --> 00:00:04,000\n我回来了，这次不走了。\n"
	hant := "1\n00:00:01,000 --> 00:00:02,500\n三年了，你終於回來了。\n\n2\n00:00:03,000 --> 00:00:04,000\n這次我們說好了，不走了。\n"
	bom := func(b []byte) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, b...) }
	cases := []struct {
		name, enc, text string
		data            []byte
	}{
		{"utf8", "UTF-8", zh, []byte(zh)},
		{"utf8-bom", "UTF-8 BOM", zh, bom([]byte(zh))},
		{"utf8-crlf", "UTF-8", zh, []byte(strings.ReplaceAll(zh, "\n", "\r\n"))},
		{"gb18030", "GB18030", zh, encodeWith(t, simplifiedchinese.GB18030, zh)},
		{"gbk", "GB18030", zh, encodeWith(t, simplifiedchinese.GBK, zh)},
		{"big5", "Big5", hant, encodeWith(t, traditionalchinese.Big5, hant)},
		{"utf16le-bom", "UTF-16LE", zh, encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), zh)},
		{"utf16be-bom", "UTF-16BE", zh, encodeWith(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), zh)},
		{"utf16le", "UTF-16LE", zh, encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), zh)},
	}
	for _, c := range cases {
		res, err := Read("x.srt", c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if res.Encoding != c.enc {
			t.Errorf("%s: encoding %s, want %s", c.name, res.Encoding, c.enc)
		}
		want := strings.Split(c.text, "\n")[2]
		if got := res.Track.Cues[0].Text(); got != want {
			t.Errorf("%s: text %q, want %q", c.name, got, want)
		}
	}
}

func TestMalformedHasLineNumber(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
	}{
		{"x.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:03,000 -> 00:00:04,000\n再见\n\n3\n00:00:0x,000 --> 00:00:05,000\n坏\n", 10},
		{"x.srt", "这不是字幕文件\n只是普通文字\n", 1},
		{"x.ass", "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,你好\nDialogue: 0,0:00:0x.00,0:00:03.00,Default,,0,0,0,,坏\n", 7},
		{"x.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n你好\n\n00:00:03.000 --> \n坏\n", 6},
		{"x.ttml", "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body><div><p begin=\"00:00:01.000\" end=\"00:00:02.000\">你好</p>\n</div></bod>\n</tt>\n", 4},
	}
	for _, c := range cases {
		_, err := Read(c.name, []byte(c.text))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %v, want a ParseError", c.name, err)
			continue
		}
		if pe.Line != c.line {
			t.Errorf("%s: line %d, want %d (%v)", c.name, pe.Line, c.line, err)
		}
	}
}

func TestSRTBlankLineInsideText(t *testing.T) {
	srt := "1\n00:00:01,000 --> 00:00:02,000\n第一行\n\n第二行\n\n2\n00:00:03,000 --> 00:00:04,000\n下一条\n"
	res, err := Read("x.srt", []byte(srt))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Track.Cues) != 2 || res.Track.Cues[0].Text() != "第一行第二行" {
		t.Errorf("got %+v", res.Track.Cues)
	}
	// A newline inside a line never reaches the file as a blank line.
	tr := &Track{Cues: []Cue{{Start: ms(0), End: ms(1000), Lines: []string{"上\n\n下"}}}}
	var buf bytes.Buffer
	if err := Write(&buf, tr, WriteOptions{Format: FormatSRT}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\n\n下") {
		t.Errorf("blank line written inside text:\n%s", buf.String())
	}
}

func TestASSReadJoinsStyledPiecesWithoutSpaces(t *testing.T) {
	ass := "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,林小雨,0,0,0,,{\\an8}{\\fs60}你好，\\N世界{\\i1}啊{\\i0}\\h！\n"
	res, err := Read("x.ass", []byte(ass))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Track.Cues[0]
	if strings.Join(c.Lines, "|") != "你好，|世界啊 ！" || c.Position != 8 || c.Speaker != "林小雨" {
		t.Errorf("got %q pos %d speaker %q", c.Lines, c.Position, c.Speaker)
	}
}

func TestWriteFileLeavesNoEmptyFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.xml", "b.srt", "c.bogus"} {
		path := filepath.Join(dir, name)
		err := WriteFile(path, &Track{}, WriteOptions{})
		if err == nil {
			t.Errorf("%s: no error for an empty track", name)
		}
		if _, serr := os.Stat(path); !os.IsNotExist(serr) {
			t.Errorf("%s: a file was left behind", name)
		}
	}
	path := filepath.Join(dir, "ok.dfxp")
	if err := WriteFile(path, sample(), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.Contains(b, []byte(`xml:lang="zh-Hans"`)) {
		t.Errorf("dfxp written without xml:lang:\n%s", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left: %v", entries)
	}
}
