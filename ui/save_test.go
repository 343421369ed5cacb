package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// An episode edit and a project edit in the same autosave window are both
// saved: SaveProject alone does not write the text of existing episodes.
func TestSaveKeepsEpisodeTextWithProjectEdit(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	u, path := typeInStoredProject(t, "△")
	u.proj.Meta.Tagline = "一声梆子"
	u.projectEdited()
	u.Save()
	u.Close()

	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	q, _ := s2.Load()
	if !strings.HasPrefix(q.Episode(2).Body, "△") || q.Meta.Tagline != "一声梆子" {
		t.Errorf("saved body %q, tagline %q", q.Episode(2).Body, q.Meta.Tagline)
	}
}

// typeInStoredProject opens the fixture from a .duanju file and types text
// at the start of episode 2.
func typeInStoredProject(t *testing.T, text string) (*UI, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.duanju")
	s, err := store.Create(path, fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Load()
	u := New(test.NewTempApp(t))
	u.Load(p, storeFile{s}, path)
	u.OpenEpisode(2)
	u.ed.entry.moveTo(0)
	u.win.Canvas().Focus(u.ed.entry)
	test.Type(u.ed.entry, text)
	return u, path
}
