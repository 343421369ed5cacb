package subtitle

import (
	"os"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// fixture parses testdata/series.txt, a small series in the Chinese format.
func fixture(t testing.TB) *script.Project {
	t.Helper()
	b, err := os.ReadFile("testdata/series.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := format.ParseChinese(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Episodes) == 0 {
		t.Fatal("fixture has no episodes")
	}
	return p
}

func mustProfile(t testing.TB, lang, prof string) *Profile {
	t.Helper()
	p, err := Resolve(lang, prof)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
