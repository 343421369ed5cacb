package subtitle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goValues are signs of a Go value or a library's words leaking into a
// message meant for the user.
var goValues = []string{"map[", "strconv.", "astisub", "%!", "0x", "&{", "invalid syntax"}

func checkUserError(t *testing.T, name string, err error) {
	t.Helper()
	for _, g := range goValues {
		if strings.Contains(err.Error(), g) {
			t.Errorf("%s: error shows Go internals (%s): %v", name, g, err)
		}
	}
}

// pysubs2's test files (real-world quirks) read without error.
func TestReadPysubs2Quirks(t *testing.T) {
	files, _ := filepath.Glob("testdata/thirdparty/pysubs2-*.ass")
	if len(files) < 4 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		res, err := Read(filepath.Base(f), data)
		if err != nil {
			checkUserError(t, f, err)
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(res.Track.Cues) == 0 {
			t.Errorf("%s: no cues", f)
		}
	}
}

// Indented ASS (pysubs2 strips every line and field) reads; a Style line
// with more fields than its Format no longer fails with a map dump.
func TestReadIndentedASS(t *testing.T) {
	src := "  [Script Info]\n\tScriptType: v4.00+\n\n  [V4+ Styles]\n" +
		"    Format: Name, Fontname, Fontsize, Alignment\n" +
		"    Style: Default, Noto Sans SC, 60, 2, 0\n\n" +
		"  [Events]\n" +
		"    Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n" +
		"    Dialogue:  0, 0:00:01.00 , 0:00:02.50,Default,林晚, 0,0,0,,你好，世界\n" +
		"\tDialogue: ,0:00:03,0:00:04.00,Default,,,,,,对不起\n"
	res, err := Read("indented.ass", []byte(src))
	if err != nil {
		checkUserError(t, "indented.ass", err)
		t.Fatal(err)
	}
	if n := len(res.Track.Cues); n != 2 || res.Track.Cues[1].Text() != "对不起" || res.Track.Cues[0].Start != ms(1000) {
		t.Fatalf("cues %+v", res.Track.Cues)
	}
}

// Broken ASS errors name the line and speak of the file, not of Go.
func TestASSErrorsAreForUsers(t *testing.T) {
	for name, src := range map[string]string{
		"style-too-short.ass": "[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default\n\n[Events]\nFormat: Start, End, Style, Text\nDialogue: 0:00:01.00,0:00:02.00,Default,x\n",
		"bad-number.ass":      "[V4+ Styles]\nFormat: Name, Fontsize\nStyle: Default,big\n\n[Events]\nFormat: Start, End, Style, Text\nDialogue: 0:00:01.00,0:00:02.00,Default,x\n",
		"bad-time.ass":        "[Events]\nFormat: Start, End, Text\nDialogue: soon,0:00:02.00,x\n",
	} {
		_, err := Read(name, []byte(src))
		if err == nil {
			continue // read after repair is fine too
		}
		checkUserError(t, name, err)
		if pe, ok := err.(*ParseError); !ok || pe.Line == 0 {
			t.Errorf("%s: no line number: %v", name, err)
		}
	}
}

// Apple's TTML writes bare seconds (begin="19.764") and m:ss.fff clocks.
func TestReadTTMLBareSeconds(t *testing.T) {
	src := `<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="zh"><body dur="3:58.640"><div begin="19.764" end="59.300">
<p begin="19.764" end="21.900"><span begin="19.764" end="20.105">你好</span><span begin="20.105" end="21.900">世界</span></p>
<p begin="1:02.5" end="1:04">再见</p></div></body></tt>`
	res, err := Read("apple.ttml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Track.Cues
	if len(c) != 2 || c[0].Start != ms(19764) || c[0].End != ms(21900) || c[1].Start != ms(62500) || c[1].End != ms(64000) {
		t.Fatalf("cues %+v", c)
	}
	if c[0].Text() != "你好世界" && c[0].Text() != "你好 世界" {
		t.Errorf("text %q", c[0].Text())
	}
}

// Nested spans keep all their text (astisub reads one level only).
func TestReadTTMLNestedSpansKeepText(t *testing.T) {
	for _, depth := range []int{2, 50, 300000} {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml" xml:lang="zh"><body><div><p begin="00:00:01.000" end="00:00:03.000">`)
		for i := 0; i < depth; i++ {
			b.WriteString("<span>字")
		}
		b.WriteString(strings.Repeat("</span>", depth))
		b.WriteString(`</p><p begin="00:00:04.000" end="00:00:05.000">第二句</p></div></body></tt>`)
		res, err := Read("nested.ttml", []byte(b.String()))
		if err != nil {
			checkUserError(t, "nested", err)
			if depth < 1000 {
				t.Errorf("depth %d: %v", depth, err)
			}
			continue // a clear error is allowed for absurd nesting
		}
		if got := strings.Count(res.Track.Cues[0].Text(), "字"); got != depth || res.Track.Cues[1].Text() != "第二句" {
			t.Errorf("depth %d: %d characters kept, cues %d", depth, got, len(res.Track.Cues))
		}
	}
}

// A failed write names the file the user asked for, not our temp file.
func TestWriteFileErrorNamesUserFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "no-such-folder", "第1集.srt")
	tr := &Track{Cues: []Cue{{Start: 0, End: ms(1000), Lines: []string{"你好"}}}}
	err := WriteFile(out, tr, WriteOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "第1集.srt") {
		t.Errorf("error %q", err)
	}
}
