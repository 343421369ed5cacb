package format

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// normalised is the model without what legitimately changes on a canonical
// rewrite: spans, the heading as written and the body text itself.
func normalised(t testing.TB, p *script.Project) string {
	t.Helper()
	q := *p
	q.Episodes = nil
	for _, e := range p.Episodes {
		ec := *e
		ec.Body = ""
		ec.Scenes = nil
		for _, sc := range e.Scenes {
			sc.Span = script.Span{}
			sc.Heading = ""
			lines := make([]script.Line, len(sc.Lines))
			for i, l := range sc.Lines {
				l.Span = script.Span{}
				lines[i] = l
			}
			sc.Lines = lines
			ec.Scenes = append(ec.Scenes, sc)
		}
		q.Episodes = append(q.Episodes, &ec)
	}
	b, err := json.MarshalIndent(&q, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fixtures returns every script fixture in testdata (not malformed/).
func fixtures(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".txt", ".md", ".fountain", ".docx":
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = string(b)
		}
	}
	out["generated.txt"] = formattest.GenerateSeries(12, 600)
	return out
}

func TestRoundTripChinese(t *testing.T) {
	for name, text := range fixtures(t) {
		p1, err := Parse(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p1.SourceStyle != script.StyleChinese {
			continue
		}
		t.Run(name, func(t *testing.T) {
			out := WriteChinese(p1)
			p2, err := ParseChinese(out)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := normalised(t, p1), normalised(t, p2); a != b {
				t.Errorf("parse → write → parse changed the model\n%s", diffLines(a, b))
			}
			if again := WriteChinese(p2); again != out {
				t.Errorf("writer is not stable:\n%s", diffLines(out, again))
			}
		})
	}
}

func TestRoundTripFountain(t *testing.T) {
	for name, text := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			p1, err := Parse(name, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if p1.SourceStyle != script.StyleFountain {
				// A Chinese script exported as Fountain-zh reads back the
				// same, but for what Fountain has no place for.
				p1.Characters, p1.Glossary, p1.Meta = nil, nil, script.Meta{Title: p1.Meta.Title, Language: p1.Meta.Language, Writers: p1.Meta.Writers}
				p1.SourceStyle = script.StyleFountain
			}
			out := WriteFountain(p1)
			p2, err := ParseFountain(out)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := normalised(t, p1), normalised(t, p2); a != b {
				t.Errorf("parse → write → parse changed the model\n%s\n--- written:\n%s", diffLines(a, b), out)
			}
			if again := WriteFountain(p2); again != out {
				t.Errorf("writer is not stable:\n%s", diffLines(out, again))
			}
		})
	}
}

// diffLines shows the first differing lines of two texts.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			lo := max(0, i-3)
			return "first difference at line " + strconv.Itoa(i+1) + ":\n  before: " + strings.Join(al[lo:min(len(al), i+3)], "\n          ") + "\n  after:  " + strings.Join(bl[lo:min(len(bl), i+3)], "\n          ")
		}
	}
	return ""
}
