package format

import (
	"fmt"
	"os"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// dump prints a compact view of a project (go test -run Dump -v -args file).
func dump(p *script.Project) string {
	s := fmt.Sprintf("meta=%+v\nchars=%+v\nglossary=%+v\n", p.Meta, p.Characters, p.Glossary)
	for _, e := range p.Episodes {
		s += fmt.Sprintf("EP %d %q\n", e.Number, e.Title)
		for _, sc := range e.Scenes {
			s += fmt.Sprintf("  SC num=%q t=%q ie=%q loc=%q cast=%v\n", sc.Number, sc.Time, sc.IntExt, sc.Location, sc.Cast)
			for _, l := range sc.Lines {
				s += fmt.Sprintf("    %-10s sp=%q p=%q v=%q cue=%q mk=%q lv=%d dual=%v %q\n", l.Kind, l.Speaker, l.Paren, l.Voice, l.Cue, l.Marker, l.Level, l.Dual, l.Text)
			}
		}
	}
	return s
}

func TestDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip("set DUMP=file")
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(f, b)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dump(p))
}
