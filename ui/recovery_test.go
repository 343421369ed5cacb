package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// TestCrashHelper is the "app" that crashes: run by TestReopenAfterCrash in
// a child process, it opens the project, types into episode 2, lets the
// autosave happen and exits without closing anything.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv("DUANJU_CRASH_PROJECT")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t))
	u.Load(p, storeFile{s}, path)
	u.OpenEpisode(2)
	u.ed.entry.moveTo(0)
	u.win.Canvas().Focus(u.ed.entry)
	test.Type(u.ed.entry, "△崩溃前的最后一句。\n")
	u.Save()   // what the 1 s autosave does
	os.Exit(3) // crash: no Close, no clean-shutdown mark
}

func TestReopenAfterCrash(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	path := filepath.Join(t.TempDir(), "crash.duanju")
	s, err := store.Create(path, fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
	cmd.Env = append(os.Environ(), "DUANJU_CRASH_PROJECT="+path)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("helper: %v\n%s", err, out)
	}

	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLastProject, path)
	a.Preferences().SetInt(prefLastEpisode, 2)
	u := New(a)
	u.Start()
	defer u.Close()
	if u.path != path || u.cur == nil || u.cur.Number != 2 {
		t.Fatalf("reopened %q at %v, want episode 2 of %s", u.path, u.cur, path)
	}
	if !strings.HasPrefix(u.ed.entry.Text, "△崩溃前的最后一句。\n2-1") {
		t.Errorf("text after the crash: %q", u.ed.entry.Text)
	}
	if !noticeShown(u, i18n.T("notice.recovered")) {
		t.Error("no recovery notice")
	}
}

func noticeShown(u *UI, text string) bool {
	for _, o := range u.notice.Objects {
		row := o.(*fyne.Container)
		for _, c := range row.Objects {
			if l, ok := c.(*widget.Label); ok && l.Text == text {
				return true
			}
		}
	}
	return false
}

func TestStartCreatesDemoOnFirstRun(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := New(test.NewTempApp(t))
	u.Start()
	defer u.Close()
	if u.path == "" || !strings.HasSuffix(u.path, ".duanju") || len(u.proj.Episodes) < 12 {
		t.Fatalf("first run opened %q with %d episodes", u.path, len(u.proj.Episodes))
	}
	if u.cur == nil || u.cur.Number != 1 {
		t.Error("first episode not shown")
	}
}
