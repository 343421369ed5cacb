package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
)

func TestAutoSnapshotPolicy(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	p := series(1, 300)
	s := mustCreate(t, tempProject(t), p, WithClock(clock.now), WithSnapshotInterval(10*time.Minute))
	ep := p.Episodes[0]
	original := ep.Body
	save := func(body string) {
		t.Helper()
		ep.Body = body
		if err := s.SaveEpisode(ep); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		t.Helper()
		h, err := s.History(ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(h)
	}

	// The first edit keeps the text as it was
	clock.advance(time.Second)
	save(original + "△一")
	if n := count(); n != 1 {
		t.Fatalf("after first edit: %d snapshots", n)
	}
	// Typing within the interval keeps nothing more
	for i := range 20 {
		clock.advance(5 * time.Second)
		save(ep.Body + strings.Repeat("字", i%3+1))
	}
	if n := count(); n != 1 {
		t.Fatalf("while typing: %d snapshots", n)
	}
	// A large paste keeps the text before it, even within the interval
	beforePaste := ep.Body
	clock.advance(time.Second)
	save(ep.Body + strings.Repeat("粘贴的一大段文字。", 60))
	h, _ := s.History(ep.ID)
	if len(h) != 2 || h[0].Kind != KindAuto {
		t.Fatalf("after paste: %+v", h)
	}
	if txt, _ := s.SnapshotText(h[0].ID); txt != beforePaste {
		t.Fatalf("paste snapshot is not the text before the paste")
	}
	// After the interval, the next edit keeps the text again
	clock.advance(11 * time.Minute)
	save(ep.Body + "尾")
	if n := count(); n != 3 {
		t.Fatalf("after interval: %d snapshots", n)
	}
	// Saving the same text is not a change
	clock.advance(time.Hour)
	save(ep.Body)
	if n := count(); n != 3 {
		t.Fatalf("unchanged save made a snapshot: %d", n)
	}
}

func TestSnapshotRestoreDiff(t *testing.T) {
	p := fullProject()
	clock := &fakeClock{t: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	s := mustCreate(t, tempProject(t), p, WithClock(clock.now))
	ep := p.Episodes[0]
	v1 := ep.Body

	// Given a named version and a later edit
	info, err := s.Snapshot(ep.ID, "初稿")
	if err != nil {
		t.Fatal(err)
	}
	if info.Label != "初稿" || info.Kind != KindManual || info.Chars != len([]rune(v1)) || info.Number != 1 {
		t.Fatalf("snapshot info %+v", info)
	}
	clock.advance(time.Minute)
	ep.Body = strings.Replace(v1, "你也配？", "你凭什么？", 1)
	if err := s.SaveEpisode(ep); err != nil {
		t.Fatal(err)
	}
	// When the named version is restored
	clock.advance(time.Minute)
	got, err := s.Restore(ep.ID, info.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Then the text is back, and the replaced text is in the history
	if got.Body != v1 || got.ID != ep.ID || got.Number != 1 || got.Title != ep.Title {
		t.Fatalf("restored episode %+v", got)
	}
	if p2 := mustLoad(t, s); p2.Episodes[0].Body != v1 {
		t.Fatal("restore not stored")
	}
	h, _ := s.History(ep.ID)
	if len(h) != 2 || h[0].Kind != KindRestore {
		t.Fatalf("history after restore: %+v", h)
	}
	undone, _ := s.SnapshotText(h[0].ID)
	if !strings.Contains(undone, "你凭什么？") {
		t.Fatalf("pre-restore text not kept: %q", undone)
	}
	// And the restore can be undone
	if got, err = s.Restore(ep.ID, h[0].ID); err != nil || !strings.Contains(got.Body, "你凭什么？") {
		t.Fatalf("undo restore: %v %q", err, got.Body)
	}
}

func TestRestoreErrors(t *testing.T) {
	p := fullProject()
	s := mustCreate(t, tempProject(t), p)
	info, _ := s.Snapshot(p.Episodes[0].ID, "")
	if _, err := s.Restore(p.Episodes[1].ID, info.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("other episode's snapshot: %v", err)
	}
	if _, err := s.Restore(p.Episodes[0].ID, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing snapshot: %v", err)
	}
	if _, err := s.SnapshotText(9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing snapshot text: %v", err)
	}
	if _, err := s.Snapshot("nope", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("snapshot of missing episode: %v", err)
	}
}

func TestDeletedEpisodeCanBeRestored(t *testing.T) {
	p := fullProject()
	s := mustCreate(t, tempProject(t), p)
	gone := p.Episodes[0]
	p.Episodes = p.Episodes[1:]
	p.Renumber()
	if err := s.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	del, _ := s.DeletedEpisodes()
	if len(del) != 1 || del[0].EpisodeID != gone.ID || del[0].Title != gone.Title {
		t.Fatalf("deleted: %+v", del)
	}
	ep, err := s.Restore(gone.ID, del[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, s)
	last := got.Episodes[len(got.Episodes)-1]
	if last.ID != gone.ID || last.Body != gone.Body || ep.Number != len(got.Episodes) {
		t.Fatalf("restored deleted episode: %+v", last)
	}
	if del, _ := s.DeletedEpisodes(); len(del) != 0 {
		t.Fatalf("still listed as deleted: %+v", del)
	}
}

func TestSnapshotAll(t *testing.T) {
	p := series(4, 100)
	s := mustCreate(t, tempProject(t), p)
	n, err := s.SnapshotAll("AI 批量改写前")
	if err != nil || n != 4 {
		t.Fatalf("first SnapshotAll: %d %v", n, err)
	}
	p.Episodes[2].Body += "改"
	s.SaveEpisode(p.Episodes[2]) // the text before is already the latest snapshot
	if n, _ = s.SnapshotAll("再来"); n != 1 {
		t.Fatalf("second SnapshotAll: %d", n)
	}
}

func TestThinning(t *testing.T) {
	// An episode edited every 31 minutes for 60 days: the automatic history
	// stays bounded and still covers the whole period.
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := series(1, 50)
	s := mustCreate(t, tempProject(t), p, WithClock(clock.now))
	ep := p.Episodes[0]
	manual, _ := s.Snapshot(ep.ID, "定稿")
	start := clock.t
	for i := 0; clock.t.Sub(start) < 60*24*time.Hour; i++ {
		clock.advance(31 * time.Minute)
		ep.Body = seriesBody(1, 50) + strings.Repeat("改", i%50+1) + string(rune('a'+i%26))
		if err := s.SaveEpisode(ep); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := s.History(ep.ID)
	if len(h) > maxAuto+1 {
		t.Fatalf("%d snapshots kept", len(h))
	}
	last := h[len(h)-1]
	if last.ID != manual.ID {
		t.Fatalf("named snapshot thinned away: oldest is %+v", last)
	}
	var recent, old int
	for _, in := range h {
		if clock.t.Sub(in.Time) < 24*time.Hour {
			recent++
		} else {
			old++
		}
	}
	if recent < 40 || old < 30 {
		t.Fatalf("coverage: %d in the last day, %d older", recent, old)
	}
	t.Logf("%d snapshots after 60 days (%d within 24 h)", len(h), recent)
}

func TestEpisodeExtraFieldsSurvive(t *testing.T) {
	// Fields added to Episode later persist without a schema change; emulate
	// one by writing extra JSON the current model ignores.
	p := series(1, 50)
	s := mustCreate(t, tempProject(t), p)
	if _, err := s.db.Exec(`UPDATE episode SET extra = '{"future":1}'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	ex, err := episodeExtra(&script.Episode{ID: "x", Number: 1, Body: "b", Scenes: []script.Scene{{Number: "1-1"}}})
	if err != nil || ex.Valid {
		t.Fatalf("known fields leaked into extra: %+v %v", ex, err)
	}
}
