package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

func TestCreateLoadRoundTrip(t *testing.T) {
	// Given a project with every field filled in Chinese
	path := tempProject(t)
	want := fullProject()
	// When it is created and loaded back in another session
	s := mustCreate(t, path, want)
	for _, ep := range want.Episodes {
		if ep.ID == "" {
			t.Fatalf("episode %d got no ID", ep.Number)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := mustOpen(t, path)
	got := mustLoad(t, s2)
	s2.Close()
	// Then it is the same project
	wj, _ := json.MarshalIndent(want, "", " ")
	gj, _ := json.MarshalIndent(got, "", " ")
	if string(wj) != string(gj) {
		t.Fatalf("round trip differs:\nwant %s\ngot  %s", wj, gj)
	}
	// And the file stands alone: no -wal left after Close
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Errorf("-wal file left after Close")
	}
	if _, err := os.Stat(lockPath(path)); err == nil {
		t.Errorf("lock file left after Close")
	}
}

func TestCreateEmptyProject(t *testing.T) {
	s := mustCreate(t, tempProject(t), nil)
	p := mustLoad(t, s)
	if p.Episodes == nil || len(p.Episodes) != 0 {
		t.Fatalf("want empty non-nil episodes, got %#v", p.Episodes)
	}
}

func TestCreateRefusesToOverwrite(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	for _, name := range []string{"script.txt", "old.duanju"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("第1集\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Create(path, fullProject())
		if !errors.Is(err, ErrExists) {
			t.Fatalf("%s: want ErrExists, got %v", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "第1集\n" {
			t.Fatalf("%s was touched: %q", name, b)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestSaveEpisode(t *testing.T) {
	path := tempProject(t)
	p := fullProject()
	s := mustCreate(t, path, p)

	// Given an edited episode
	ep := *p.Episodes[1]
	ep.Body += "林晚：（抬头）外婆，我回来了。\n"
	ep.Title = "绣坊（改）"
	ep.Status = script.StatusRevised
	ep.Notes = "加一句台词"
	if err := s.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	// And a new episode with no ID
	nu := &script.Episode{Number: 4, Title: "新的一集", Body: "4-1 日 外 街道\n△雨。\n"}
	if err := s.SaveEpisode(nu); err != nil {
		t.Fatal(err)
	}
	if nu.ID == "" {
		t.Fatal("new episode got no ID")
	}
	// Then a reload has both, in order
	got := mustLoad(t, s)
	if len(got.Episodes) != 4 {
		t.Fatalf("want 4 episodes, got %d", len(got.Episodes))
	}
	if e := got.Episodes[1]; e.Body != ep.Body || e.Title != ep.Title || e.Status != ep.Status || e.Notes != ep.Notes {
		t.Fatalf("episode 2 not saved: %+v", e)
	}
	if e := got.Episodes[3]; e.ID != nu.ID || e.Body != nu.Body {
		t.Fatalf("new episode not appended: %+v", e)
	}
	// And saving unchanged text is a no-op that still succeeds
	if err := s.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
}

func TestSaveProjectReorderInsertDelete(t *testing.T) {
	path := tempProject(t)
	p := series(5, 200)
	s := mustCreate(t, path, p)
	ids := func(eps []*script.Episode) []string {
		var out []string
		for _, e := range eps {
			out = append(out, e.ID)
		}
		return out
	}
	e1, e2, e3, e4, e5 := p.Episodes[0], p.Episodes[1], p.Episodes[2], p.Episodes[3], p.Episodes[4]
	bodyBefore := e3.Body

	// When episodes are reordered, one inserted in the middle, one deleted,
	// the metadata changed, and a body edited without SaveEpisode
	ins := &script.Episode{Title: "插入", Body: "插入的一集\n"}
	p.Episodes = []*script.Episode{e2, e1, ins, e3, e5}
	p.Renumber()
	p.Meta.Title = "新片名"
	p.Characters = nil
	e3.Body = "SaveProject must not write this"
	if err := s.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, s)
	// Then the order, numbers and insert are stored, the deletion is kept in history
	if want := ids(p.Episodes); !reflect.DeepEqual(ids(got.Episodes), want) {
		t.Fatalf("order: want %v, got %v", want, ids(got.Episodes))
	}
	for i, e := range got.Episodes {
		if e.Number != i+1 {
			t.Errorf("episode at %d has number %d", i, e.Number)
		}
	}
	if got.Episodes[2].Body != "插入的一集\n" {
		t.Errorf("inserted body: %q", got.Episodes[2].Body)
	}
	if got.Episodes[3].Body != bodyBefore {
		t.Errorf("SaveProject wrote a body of an existing episode")
	}
	if got.Meta.Title != "新片名" || len(got.Characters) != 0 {
		t.Errorf("metadata not saved: %q %v", got.Meta.Title, got.Characters)
	}
	del, err := s.DeletedEpisodes()
	if err != nil || len(del) != 1 || del[0].EpisodeID != e4.ID || del[0].Kind != KindDeleted {
		t.Fatalf("deleted episodes: %+v %v", del, err)
	}

	// When SaveAll runs, bodies are written too, in one transaction
	if err := s.SaveAll(p); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, s); got.Episodes[3].Body != e3.Body {
		t.Errorf("SaveAll did not write the body")
	}
}

func TestSaveProjectDuplicateEpisodeGetsOwnID(t *testing.T) {
	p := series(2, 100)
	s := mustCreate(t, tempProject(t), p)
	dup := *p.Episodes[0]
	p.Episodes = append(p.Episodes, &dup)
	if err := s.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	if dup.ID == p.Episodes[0].ID || dup.ID == "" {
		t.Fatalf("duplicate kept id %q", dup.ID)
	}
	if got := mustLoad(t, s); len(got.Episodes) != 3 {
		t.Fatalf("want 3 episodes, got %d", len(got.Episodes))
	}
}

func TestUnknownSectionsSurvive(t *testing.T) {
	// A newer build of the same schema may add project fields; an older
	// build must keep them when it saves.
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	if _, err := s.db.Exec(`INSERT INTO project(key, value) VALUES('future_field', '{"x":1}')`); err != nil {
		t.Fatal(err)
	}
	p := mustLoad(t, s)
	p.Meta.Title = "改"
	if err := s.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := s.db.QueryRow(`SELECT value FROM project WHERE key = 'future_field'`).Scan(&v); err != nil || v != `{"x":1}` {
		t.Fatalf("future field lost: %q %v", v, err)
	}
}

func TestSaveAs(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.duanju")
	p := fullProject()
	s := mustCreate(t, path, p)
	if _, err := s.Snapshot(p.Episodes[0].ID, "初稿"); err != nil {
		t.Fatal(err)
	}
	// When saved under a new name with a change
	p.Meta.Title = "另存"
	other := filepath.Join(dir, "b.duanju")
	if err := s.SaveAs(p, other); err != nil {
		t.Fatal(err)
	}
	// Then the store continues on the new file, history included
	if s.Path() != other {
		t.Fatalf("path %q", s.Path())
	}
	if got := mustLoad(t, s); got.Meta.Title != "另存" {
		t.Fatalf("title %q", got.Meta.Title)
	}
	h, err := s.History(p.Episodes[0].ID)
	if err != nil || len(h) != 1 || h[0].Label != "初稿" {
		t.Fatalf("history not copied: %+v %v", h, err)
	}
	// And the old file is released, unchanged, and can be opened for writing
	old := mustOpen(t, path)
	if old.ReadOnly() {
		t.Fatalf("old file still locked: %v", old.ReadOnlyReason())
	}
	if got := mustLoad(t, old); got.Meta.Title != "豫见你的光" {
		t.Fatalf("old title %q", got.Meta.Title)
	}
	// And saving as a file open elsewhere is refused
	if err := s.SaveAs(p, path); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("want ErrReadOnly, got %v", err)
	}
}

func TestClosedStore(t *testing.T) {
	s := mustCreate(t, tempProject(t), fullProject())
	s.Close()
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := s.Load(); !errors.Is(err, ErrClosed) {
		t.Fatalf("Load after Close: %v", err)
	}
	if err := s.SaveEpisode(&script.Episode{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("SaveEpisode after Close: %v", err)
	}
}

func TestConcurrentAutosaveAndLoad(t *testing.T) {
	// The app autosaves from a goroutine while the UI loads and lists history.
	p := series(8, 200)
	s := mustCreate(t, tempProject(t), p, WithSnapshotInterval(0))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ep := *p.Episodes[g]
			for i := range 25 {
				ep.Body = seriesBody(g+1, 200) + strings.Repeat("改", i+1)
				if err := s.SaveEpisode(&ep); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.History(ep.ID); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for range 20 {
		if _, err := s.Load(); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestSavedAsFileReopens(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	p := fullProject()
	s := mustCreate(t, filepath.Join(dir, "a.duanju"), p)
	other := filepath.Join(dir, "b.duanju")
	if err := s.SaveAs(p, other); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := mustOpen(t, other)
	if r.ReadOnly() || r.Recovered() {
		t.Fatalf("reopened copy: read-only %v recovered %v", r.ReadOnly(), r.Recovered())
	}
	if got := mustLoad(t, r); got.Meta.Title != p.Meta.Title || len(got.Episodes) != len(p.Episodes) {
		t.Fatal("copy differs")
	}
}

func TestCreateInMissingFolder(t *testing.T) {
	sqliteOnly(t)
	_, err := Create(filepath.Join(t.TempDir(), "no", "such", "x.duanju"), fullProject())
	if err == nil || !strings.Contains(err.Error(), "cannot create") {
		t.Fatalf("want a clear error, got %v", err)
	}
}

func TestOpenRemovesTempsOfACrashedSave(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.duanju")
	s := mustCreate(t, path, fullProject())
	s.Close()
	stale := []string{"." + "a.duanju.tmp-0123456789ab", ".a.duanju.tmp-0123456789ab-wal"}
	keep := []string{".b.duanju.tmp-0123456789ab", "a.duanju.tmp-notours"}
	for _, n := range append(stale, keep...) {
		os.WriteFile(filepath.Join(dir, n), []byte("half"), 0o644)
	}
	mustOpen(t, path)
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s left", n)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed", n)
		}
	}
}

func TestBodyBytesKeptExactly(t *testing.T) {
	// Whatever the editor holds is stored byte for byte: CRLF, NUL, invalid
	// UTF-8, a BOM, trailing spaces.
	bodies := []string{"a\r\nb\r\n", "x\x00y", "\xff\xfe半个", "\ufeff第1集  \n\n\n", ""}
	p := &script.Project{}
	for i, b := range bodies {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i + 1, Body: b})
	}
	s := mustCreate(t, tempProject(t), p)
	got := mustLoad(t, s)
	for i, b := range bodies {
		if got.Episodes[i].Body != b {
			t.Errorf("body %d: got %q want %q", i, got.Episodes[i].Body, b)
		}
	}
}
