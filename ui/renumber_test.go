package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
)

func headings(ep *script.Episode) string {
	var out []string
	for _, sc := range ep.Scenes {
		if sc.Number != "" {
			out = append(out, sc.Number)
		}
	}
	return strings.Join(out, ",")
}

func allHeadings(u *UI) string {
	var out []string
	for _, e := range u.proj.Episodes {
		out = append(out, headings(e))
	}
	return strings.Join(out, " | ")
}

// Inserting an episode mid-series renumbers the scene headings of the
// episodes after it, with their AI records and waivers; one undo puts all back.
func TestInsertEpisodeRenumbersSceneHeadings(t *testing.T) {
	u := newTestUI(t)
	ep2 := u.proj.Episode(2)
	text := "你就是林家班的人？"
	start := strings.Index(ep2.Body, text)
	ai.RecordAccepted(u.proj, 2, start, text, "tiny", "rewrite", time.Now())
	u.proj.Waivers = append(u.proj.Waivers, script.Waiver{Rule: "CRAFT-HOOK", Episode: 3, Reason: "开锣即开场"})
	before := allHeadings(u)
	if before != "1-1,1-2 | 2-1 | 3-1" {
		t.Fatalf("fixture headings %q", before)
	}
	u.OpenEpisode(1)
	u.addEpisode()
	if got := allHeadings(u); got != "1-1,1-2 | 2-1 | 3-1 | 4-1" {
		t.Fatalf("after inserting episode 2: %q", got)
	}
	if !strings.HasPrefix(u.proj.Episode(3).Body, "3-1 日 外 朱仙镇") {
		t.Errorf("old episode 2 text: %q", u.proj.Episode(3).Body)
	}
	r := ai.AIRanges(u.proj, 3)
	if len(r) != 1 || u.proj.Episode(3).Body[r[0].Start:r[0].End] != text {
		t.Errorf("AI record did not follow its episode: %+v", u.proj.Provenance)
	}
	if u.proj.Waivers[0].Episode != 4 {
		t.Errorf("waiver on episode %d, want 4", u.proj.Waivers[0].Episode)
	}
	// One undo: the new episode goes, numbers, headings and records come back.
	u.undoDelete()
	if got := allHeadings(u); got != before || len(u.proj.Episodes) != 3 {
		t.Fatalf("after undo: %q", got)
	}
	if r := ai.AIRanges(u.proj, 2); len(r) != 1 || u.proj.Waivers[0].Episode != 3 {
		t.Errorf("after undo: provenance %+v, waivers %+v", u.proj.Provenance, u.proj.Waivers)
	}

	// Moving and deleting renumber too; the editor shows the new headings.
	u.OpenEpisode(3)
	u.moveEpisodeTo(2, 0)
	if got := allHeadings(u); got != "1-1 | 2-1,2-2 | 3-1" {
		t.Fatalf("after moving 3 to the front: %q", got)
	}
	if !strings.HasPrefix(u.ed.entry.Text, "1-1 夜 内 戏台") {
		t.Errorf("editor shows %q", u.ed.entry.Text)
	}
	u.undoDelete()
	if got := allHeadings(u); got != before {
		t.Fatalf("after undoing the move: %q", got)
	}
	u.OpenEpisode(1)
	u.deleteEpisode()
	if got := allHeadings(u); got != "1-1 | 2-1" {
		t.Fatalf("after deleting episode 1: %q", got)
	}
	if r := ai.AIRanges(u.proj, 1); len(r) != 1 {
		t.Errorf("AI record after delete: %+v", u.proj.Provenance)
	}
	u.undoDelete()
	if got := allHeadings(u); got != before {
		t.Fatalf("after undoing the delete: %q", got)
	}
	// A duplicate's headings take its own number; the source keeps its record.
	u.OpenEpisode(2)
	u.duplicateEpisode()
	if got := allHeadings(u); got != "1-1,1-2 | 2-1 | 3-1 | 4-1" {
		t.Fatalf("after duplicating episode 2: %q", got)
	}
	if len(ai.AIRanges(u.proj, 2)) != 1 || len(ai.AIRanges(u.proj, 3)) != 0 {
		t.Errorf("duplicate and provenance: %+v", u.proj.Provenance)
	}
}

// The renumbered texts reach the file (SaveProject alone keeps old texts).
func TestRenumberedHeadingsAreSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.duanju")
	s, err := store.Create(path, fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Load()
	u := New(test.NewTempApp(t))
	u.Load(p, storeFile{s}, path)
	u.OpenEpisode(1)
	u.addEpisode()
	u.Close()
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	q, _ := s2.Load()
	if len(q.Episodes) != 4 || !strings.HasPrefix(q.Episodes[2].Body, "3-1 ") || !strings.HasPrefix(q.Episodes[3].Body, "4-1 ") {
		t.Fatalf("saved: %d episodes, %q, %q", len(q.Episodes), q.Episodes[2].Body, q.Episodes[3].Body)
	}
}

func TestRenumberedHeadingsKeepTheirForm(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"4-1 日 内 客厅\n△他坐下。\n4-2 夜 外 街\n", "5-1 日 内 客厅\n△他坐下。\n5-2 夜 外 街\n"},
		{"４－１ 日 内 客厅\n", "５－１ 日 内 客厅\n"},
		{"场次：4-1 日 内 客厅\n", "场次：5-1 日 内 客厅\n"},
		{"3-1 日 内 客厅\n", "3-1 日 内 客厅\n"}, // another episode's number is left as written
	} {
		ep := &script.Episode{Number: 5, Body: tt.in}
		p := &script.Project{Episodes: []*script.Episode{ep}}
		parseEpisode(p, ep, nil)
		got, _ := renumberedHeadings(ep.Body, ep.Scenes, 4, 5)
		if got != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got, tt.want)
		}
	}
}
