package format

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

func seedTexts(f *testing.F) {
	for _, text := range fixtures(f) {
		f.Add(text)
	}
	for _, s := range []string{
		"", "第1集", "【第1集】替嫁\n1-1 日 内 客厅\n林晚：（冷笑）你好", "8-1\n场景：夜 内 堂屋\n", "林晚（OS）：（咬牙）忍住。",
		"【字幕：三年后】\n【闪回】\n【卡点】", "人物：\n人物：林晚", "1.5米高的墙", "　　△全角", "\r\n第2集\r\n",
		"INT. HOUSE - DAY\n\nBOB\n(beat)\nHi.\n\nSTEEL ^\nHo.\n", "Title: x\n\n# 第1集\n\n.1-1 日 内 客厅\n\n@林晚（OS）\n你好\n",
		"/* a\n\n[[b\n", "> x <\n~y\n===\n= syn\n## sec\n", "BOB\n  \n", "!△x\n",
	} {
		f.Add(s)
	}
	f.Add(formattest.GenerateSeries(2, 300))
}

// checkSpans verifies that every span lies in the body and covers the line.
func checkSpans(t *testing.T, p *script.Project) {
	for _, e := range p.Episodes {
		for _, sc := range e.Scenes {
			if sc.Span.Start < 0 || sc.Span.End > len(e.Body) || sc.Span.Start > sc.Span.End {
				t.Fatalf("scene span %+v outside body of %d bytes", sc.Span, len(e.Body))
			}
			for _, l := range sc.Lines {
				if l.Span.Start < 0 || l.Span.End > len(e.Body) || l.Span.Start > l.Span.End {
					t.Fatalf("line span %+v outside body of %d bytes", l.Span, len(e.Body))
				}
			}
		}
	}
}

func FuzzParseChinese(f *testing.F) {
	seedTexts(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // DecodeText guarantees UTF-8 before any parser runs
		}
		p, err := ParseChinese(text)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, p)
		out := WriteChinese(p)
		p2, err := ParseChinese(out)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := normalised(t, p), normalised(t, p2); a != b {
			t.Fatalf("parse → write → parse changed the model\n%s\n--- written:\n%s", diffLines(a, b), out)
		}
	})
}

func FuzzParseFountain(f *testing.F) {
	seedTexts(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		p, err := ParseFountain(text)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, p)
		out := WriteFountain(p)
		p2, err := ParseFountain(out)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := normalised(t, p), normalised(t, p2); a != b {
			t.Fatalf("parse → write → parse changed the model\n%s\n--- written:\n%s", diffLines(a, b), out)
		}
	})
}

func FuzzParseDOCX(f *testing.F) {
	f.Add(simpleDOCX(f, "第1集", "1-1 日 内 客厅", "林晚：你好。"))
	f.Add(simpleDOCX(f, "INT. HOUSE - DAY", "", "BOB", "Hi."))
	f.Add(docxFile(f, map[string]string{"word/document.xml": wordDoc(para(run("a"), `<w:del><w:r><w:delText>b</w:delText></w:r></w:del>`, `<w:r><w:br/><w:tab/></w:r>`))}))
	files, _ := filepath.Glob(filepath.Join("testdata", "malformed", "*.docx"))
	for _, fn := range files {
		if b, err := os.ReadFile(fn); err == nil && len(b) < 4096 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseDOCX(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		checkSpans(t, p)
	})
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte(zhSample))
	f.Add(utf16Bytes(zhSample, false, true))
	f.Add(utf16Bytes(zhSample, true, false))
	f.Add([]byte{0xEF, 0xBB, 0xBF, 'a'})
	f.Add([]byte{0xC1, 0xD6, 0xCD, 0xED}) // 林晚 in GBK
	f.Add([]byte{0xAA, 0x4C, 0xB1, 0xDF}) // 林晚 in Big5
	f.Add([]byte("\x00\x01\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := DecodeText(data)
		if err != nil {
			if !errors.Is(err, ErrNotText) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("%s decoding gave invalid UTF-8", enc)
		}
		if strings.ContainsRune(text, '\r') || strings.HasPrefix(text, "\ufeff") {
			t.Fatalf("%s decoding left CR or a BOM: %q", enc, text)
		}
		if _, err := Parse("fuzz.txt", data); err != nil && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Parse after a clean decode: %v", err)
		}
	})
}
