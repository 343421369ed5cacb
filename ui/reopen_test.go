package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// Opening the same script twice opens the project imported the first time;
// a script changed since then is imported again, never overwriting.
func TestOpenScriptAgainReopensEarlierImport(t *testing.T) {
	i18n.SetLang(i18n.En)
	dir := t.TempDir()
	script := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(script, []byte(assets.DemoScript()), 0o644); err != nil {
		t.Fatal(err)
	}
	open := func() {
		u := New(test.NewTempApp(t))
		if !u.OpenPath(script) {
			t.Fatal("open failed")
		}
		u.Close()
	}
	open()
	open()
	if _, err := os.Stat(filepath.Join(dir, "a-2.duanju")); err == nil {
		t.Fatal("opening the script again imported a second copy")
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(script, later, later); err != nil {
		t.Fatal(err)
	}
	open()
	if _, err := os.Stat(filepath.Join(dir, "a-2.duanju")); err != nil {
		t.Fatal("a script changed since the import was not imported again")
	}
}
