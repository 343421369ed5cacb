package format

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/duanju-studio/duanju/script"
)

var update = flag.Bool("update", false, "rewrite golden files and testdata/malformed")

// malformed lists every file in testdata/malformed and what Parse must say;
// nil means the content is acceptable and gives a valid project.
var malformed = map[string]error{
	"binary.png":                 ErrNotText,
	"nul-bytes.txt":              ErrNotText,
	"control-chars.txt":          ErrNotText,
	"empty.txt":                  ErrEmpty,
	"whitespace.txt":             ErrEmpty,
	"shift-jis.txt":              ErrEncoding,
	"latin1.txt":                 ErrEncoding,
	"invalid-utf16.txt":          ErrEncoding,
	"odd-utf16.txt":              ErrEncoding,
	"truncated.docx":             ErrCorrupt,
	"no-document.docx":           ErrCorrupt,
	"not-a-zip.docx":             ErrCorrupt,
	"deep-nesting.docx":          ErrCorrupt,
	"bad-xml.docx":               ErrCorrupt,
	"zip-bomb.docx":              ErrTooLarge,
	"empty-body.docx":            ErrEmpty,
	"old-word.doc":               ErrUnsupported,
	"scan.pdf":                   ErrUnsupported,
	"letter.rtf":                 ErrUnsupported,
	"archive.zip":                ErrUnsupported,
	"only-headings.txt":          nil,
	"only-episode-marks.txt":     nil,
	"no-markers.txt":             nil,
	"unclosed-boneyard.fountain": nil,
}

// malformedData builds the malformed inputs (go test -run Malformed -update).
func malformedData(t *testing.T) map[string][]byte {
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte("こんにちは、これは日本語のテキストです。ありがとうございました。\n"))
	good := simpleDOCX(t, "第1集", "1-1 日 内 客厅", "△雨。")
	return map[string][]byte{
		"binary.png":                 append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), bytes.Repeat([]byte{0, 0xFF, 0x10, 0x80}, 64)...),
		"nul-bytes.txt":              []byte("第1集\x00\x00\x00\n\x00林晚\x00：你好\x00\x00\x00\n"),
		"control-chars.txt":          []byte("第1集\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\n"),
		"empty.txt":                  {},
		"whitespace.txt":             []byte("  \n\t\r\n　　\n\n"),
		"shift-jis.txt":              sjis,
		"latin1.txt":                 []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve r\xe9sum\xe9.\n"),
		"invalid-utf16.txt":          append(utf16Bytes("第1集\n", false, true), 0x00, 0xD8, 0x41, 0x00),
		"odd-utf16.txt":              append(utf16Bytes("第1集\n△雨。\n", true, true), 0x41),
		"truncated.docx":             good[:len(good)*2/3],
		"no-document.docx":           docxFile(t, map[string]string{"[Content_Types].xml": "<Types/>"}),
		"not-a-zip.docx":             []byte("This is plain text saved with a .docx name.\n"),
		"deep-nesting.docx":          docxFile(t, map[string]string{"word/document.xml": "<w:document xmlns:w=\"x\"><w:body>" + strings.Repeat("<w:p>", 50000) + "</w:body></w:document>"}),
		"bad-xml.docx":               docxFile(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p><w:t>第1集</w:t></w:p"}),
		"zip-bomb.docx":              zipBomb(t, MaxDOCXText+(1<<20), false),
		"empty-body.docx":            docxFile(t, map[string]string{"word/document.xml": wordDoc(para(run("  ")))}),
		"old-word.doc":               append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
		"scan.pdf":                   []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
		"letter.rtf":                 []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0 Hello}`),
		"archive.zip":                docxFile(t, map[string]string{"[Content_Types].xml": "<Types/>"}),
		"only-headings.txt":          []byte("第1集\n1-1 日 内 客厅\n1-2 夜 外 街道\n第2集\n2-1 日 内 书房\n"),
		"only-episode-marks.txt":     []byte("第1集\n第2集\n第3集\n"),
		"no-markers.txt":             []byte("林晚推开门，屋里没有人。\n她在桌上发现一封信。\n"),
		"unclosed-boneyard.fountain": []byte("INT. HOUSE - DAY\n\n/* never closed\n\nBOB\nHi.\n"),
	}
}

func TestParseMalformed(t *testing.T) {
	dir := filepath.Join("testdata", "malformed")
	if *update {
		os.MkdirAll(dir, 0o755)
		for name, data := range malformedData(t) {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Errorf("only %d malformed inputs", len(files))
	}
	for _, f := range files {
		want, ok := malformed[f.Name()]
		if !ok {
			t.Errorf("%s: not in the malformed table", f.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(f.Name(), data)
		checkParseResult(t, f.Name(), p, err, want)
	}
}

func checkParseResult(t *testing.T, name string, p *script.Project, err error, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("%s: %v, want a project", name, err)
		} else if len(p.Episodes) == 0 {
			t.Errorf("%s: no episodes", name)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Errorf("%s: err = %v, want %v", name, err, want)
		return
	}
	if msg := err.Error(); !strings.HasPrefix(msg, name+": ") || len(msg) < len(name)+20 {
		t.Errorf("%s: message %q should name the file and explain", name, msg)
	}
}

func TestParseGeneratedLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	// 50 MB of text: refused before any decoding.
	big := bytes.Repeat([]byte("△林晚推开门，屋里没有人。\n"), 50<<20/40)
	_, err := Parse("big.txt", big)
	checkParseResult(t, "big.txt", nil, err, ErrTooLarge)
	// One 8 MB line with no newline: a valid, if odd, script.
	line := bytes.Repeat([]byte("林晚推开门，"), 8<<20/18)
	p, err := Parse("line.txt", line)
	checkParseResult(t, "line.txt", p, err, nil)
}

func TestParseByType(t *testing.T) {
	zh := "第1集\n1-1 日 内 客厅\n林晚：你好。\n"
	fountain := "INT. HOUSE - DAY\n\nBOB\nHi.\n"
	tests := []struct {
		name  string
		data  []byte
		style script.Style
	}{
		{"a.txt", []byte(zh), script.StyleChinese},
		{"a.md", []byte("**第1集**\n\n1-1 日 内 客厅\n\n林晚：你好。\n"), script.StyleChinese},
		{"b.md", []byte("# 第1集\n\n## 1-1 日 内 客厅\n\n林晚：你好。\n"), script.StyleChinese},
		{"a.txt", []byte(fountain), script.StyleFountain},
		{"a.fountain", []byte(fountain), script.StyleFountain},
		{"a.fountain", []byte("# 第1集\n\n.1-1 日 内 客厅\n\n林晚：你好。\n"), script.StyleFountain},
		{"a.docx", simpleDOCX(t, "第1集", "1-1 日 内 客厅", "林晚：你好。"), script.StyleChinese},
		{"a.wps", simpleDOCX(t, "第1集", "1-1 日 内 客厅", "林晚：你好。"), script.StyleChinese},
		{"noext", []byte(zh), script.StyleChinese},
		{"a.script", simpleDOCX(t, "第1集", "△雨。"), script.StyleChinese},
		{"a.txt", utf16Bytes(zh, false, true), script.StyleChinese},
	}
	for _, tt := range tests {
		p, err := Parse(tt.name, tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if p.SourceStyle != tt.style || len(p.Episodes) != 1 || len(p.Episodes[0].Scenes) == 0 {
			t.Errorf("%s: style %q, episodes %+v", tt.name, p.SourceStyle, p.Episodes)
		}
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		in, golden string
		write      func(*script.Project) string
	}{
		{"variants.txt", "variants.chinese.golden", WriteChinese},
		{"variants.txt", "variants.fountain.golden", WriteFountain},
		{"brick.fountain", "brick.fountain.golden", WriteFountain},
		{"brick.fountain", "brick.chinese.golden", WriteChinese},
		{"demo.txt", "demo.chinese.golden", WriteChinese},
		{"draft.md", "draft.chinese.golden", WriteChinese},
		{"variants.docx", "variants.chinese.golden", WriteChinese},
	}
	if *update {
		// The .docx fixture is the variants script as Word paragraphs.
		text, err := os.ReadFile(filepath.Join("testdata", "variants.txt"))
		if err != nil {
			t.Fatal(err)
		}
		doc := simpleDOCX(t, strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")...)
		if err := os.WriteFile(filepath.Join("testdata", "variants.docx"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", c.in))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(c.in, data)
		if err != nil {
			t.Fatal(err)
		}
		got := c.write(p)
		path := filepath.Join("testdata", c.golden)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", c.in, c.golden, diffLines(string(want), got))
		}
	}
}

func TestMalformedTableComplete(t *testing.T) {
	var names []string
	for n := range malformed {
		names = append(names, n)
	}
	sort.Strings(names)
	data := malformedData(t)
	for _, n := range names {
		if _, ok := data[n]; !ok {
			t.Errorf("%s has no generator", n)
		}
	}
}
