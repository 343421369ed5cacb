package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/jackc/pgx/v5"
)

// room is a writers' room with a head writer, two writers, a reviewer and
// a translator (login roles; the test server trusts local logins).
type room struct {
	url   string // the admin's
	admin *Store
	p     *script.Project
}

func newRoom(t *testing.T) *room {
	t.Helper()
	pgOnly(t)
	url := tempProject(t)
	p := fullProject()
	admin := mustCreate(t, url, p)
	for login, role := range map[string]Role{"zhu": RoleHead, "wang": RoleWriter, "li": RoleWriter,
		"shen": RoleReviewer, "yi": RoleTranslator} {
		if err := admin.AddMember(login, "", role); err != nil {
			t.Fatal(err)
		}
	}
	if err := admin.Assign(p.Episodes[0].ID, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := admin.Assign(p.Episodes[1].ID, "li"); err != nil {
		t.Fatal(err)
	}
	return &room{url: url, admin: admin, p: p}
}

func (r *room) as(login string) string {
	return strings.Replace(r.url, "://"+"duanju_admin@", "://"+login+"@", 1)
}

func (r *room) open(t *testing.T, login string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(r.as(login), opts...)
	if err != nil {
		t.Fatalf("open as %s: %v", login, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (r *room) sql(t *testing.T, login string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), r.as(login))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func TestRoomWriterCannotChangeAnotherWritersEpisodeBySQL(t *testing.T) {
	r := newRoom(t)
	ctx := context.Background()
	wang := r.sql(t, "wang")
	mine, theirs := r.p.Episodes[0].ID, r.p.Episodes[1].ID
	for _, q := range []string{
		"UPDATE episode SET body = '王一改了别人的戏'::bytea WHERE id = $1",
		"UPDATE episode SET assignee = 'wang' WHERE id = $1",
	} {
		tag, err := wang.Exec(ctx, q, theirs)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if tag.RowsAffected() != 0 {
			t.Fatalf("%s changed %d rows of li's episode", q, tag.RowsAffected())
		}
	}
	if _, err := wang.Exec(ctx, "DELETE FROM episode WHERE id = $1", theirs); err == nil {
		t.Fatal("a writer deleted an episode")
	}
	if _, err := wang.Exec(ctx, "UPDATE project SET value = '{}' WHERE key = 'meta'"); err != nil {
		t.Fatal(err)
	} else if p := mustLoad(t, r.admin); p.Meta.Title != "豫见你的光" {
		t.Fatal("a writer changed the metadata")
	}
	if tag, err := wang.Exec(ctx, "UPDATE episode SET body = '王一改自己的戏'::bytea WHERE id = $1", mine); err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("a writer cannot edit their own episode: %v %v", tag, err)
	}
	got := mustLoad(t, r.admin)
	if got.Episodes[1].Body != r.p.Episodes[1].Body {
		t.Fatal("li's episode changed")
	}
	if got.Episodes[0].Body != "王一改自己的戏" {
		t.Fatalf("own episode: %q", got.Episodes[0].Body)
	}

	// The translator may write subtitle tracks only; the reviewer waivers.
	yi := r.sql(t, "yi")
	if _, err := yi.Exec(ctx, "UPDATE episode SET title = 'x' WHERE id = $1", mine); err == nil {
		t.Fatal("the translator updated an episode")
	}
	if tag, _ := yi.Exec(ctx, "UPDATE project SET value = '[]' WHERE key = 'waivers'"); tag.RowsAffected() != 0 {
		t.Fatal("the translator changed waivers")
	}
	if tag, err := yi.Exec(ctx, "UPDATE project SET value = '[]' WHERE key = 'tracks'"); err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("the translator cannot write tracks: %v %v", tag, err)
	}
	shen := r.sql(t, "shen")
	if tag, err := shen.Exec(ctx, "UPDATE project SET value = '[]' WHERE key = 'waivers'"); err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("the reviewer cannot write waivers: %v %v", tag, err)
	}
	if tag, _ := shen.Exec(ctx, "UPDATE project SET value = '[]' WHERE key = 'tracks'"); tag.RowsAffected() != 0 {
		t.Fatal("the reviewer changed tracks")
	}
}

func TestRoomStoreSaysWhyASaveIsRefused(t *testing.T) {
	r := newRoom(t)
	wang := r.open(t, "wang")
	p := mustLoad(t, wang)
	ep := *p.Episodes[1] // li's
	ep.Body += "王一加的一句。\n"
	err := wang.SaveEpisode(&ep)
	if !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "assigned to li") || !strings.Contains(ZH(err), "分配给了 li") {
		t.Fatalf("want a refusal naming li, got %v", err)
	}
	if ok, why := wang.Editable(ep.ID); ok || !strings.Contains(ZH(why), "分配给了 li") {
		t.Fatalf("Editable of li's episode: %v %v", ok, why)
	}
	if ok, why := wang.Editable(p.Episodes[0].ID); !ok {
		t.Fatalf("own episode not editable: %v", why)
	}
	own := *p.Episodes[0]
	own.Body += "王一加的一句。\n"
	if err := wang.SaveEpisode(&own); err != nil {
		t.Fatal(err)
	}
	// Locked by the head writer: refused with the reason.
	zhu := r.open(t, "zhu")
	if err := zhu.SetLocked(own.ID, true); err != nil {
		t.Fatal(err)
	}
	own.Body += "再加一句。\n"
	if err := wang.SaveEpisode(&own); !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("locked: %v", err)
	}
	// A writer cannot change the series settings: said, not silently dropped.
	p.Meta.Title = "王一改的剧名"
	if err := wang.SaveProject(p); !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "meta") {
		t.Fatalf("writer changed meta: %v", err)
	}
	// A writer cannot assign.
	if err := wang.Assign(p.Episodes[1].ID, "wang"); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("writer assigned: %v", err)
	}
	// History records who saved.
	h, err := zhu.History(own.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) > 0 && h[0].Author == "" {
		t.Fatalf("no author: %+v", h)
	}
	st, err := zhu.Room()
	if err != nil || st[0].UpdatedBy != "wang" || st[0].Assignee != "wang" || !st[0].Locked {
		t.Fatalf("room state %+v %v", st, err)
	}
}

func TestRoomLeases(t *testing.T) {
	r := newRoom(t)
	id := r.p.Episodes[0].ID
	wang, li, zhu := r.open(t, "wang"), r.open(t, "li"), r.open(t, "zhu")
	if l, err := wang.TakeLease(id, false); err != nil || !l.Mine {
		t.Fatalf("wang: %+v %v", l, err)
	}
	// Another person sees who holds it and cannot take it.
	if l, err := li.TakeLease(id, false); err != nil || l.Mine || l.Holder != "wang" {
		t.Fatalf("li took a held lease: %+v %v", l, err)
	}
	if l, _ := zhu.TakeLease(id, false); l.Mine {
		t.Fatal("head took it without force")
	}
	// The head writer's own save is refused while wang holds it.
	p := mustLoad(t, zhu)
	ep := *p.Episodes[0]
	ep.Body += "主编剧改。\n"
	if err := zhu.SaveEpisode(&ep); !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "wang is editing") {
		t.Fatalf("head saved over a lease: %v", err)
	}
	// Renewal (heartbeat) keeps it.
	if l, _ := wang.TakeLease(id, false); !l.Mine {
		t.Fatal("renewal failed")
	}
	// The head writer takes it over at once.
	if l, err := zhu.TakeLease(id, true); err != nil || !l.Mine {
		t.Fatalf("force: %+v %v", l, err)
	}
	mine := *mustLoad(t, wang).Episodes[0]
	mine.Body += "王一改。\n"
	if err := wang.SaveEpisode(&mine); !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "zhu is editing") {
		t.Fatalf("wang saved after the takeover: %v", err)
	}
	// A lease that expired (no heartbeat) is taken by the next one.
	pgExec(t, r.url, "UPDATE lease SET expires = now() - interval '1 second'")
	if l, err := wang.TakeLease(id, false); err != nil || !l.Mine {
		t.Fatalf("expired lease not taken: %+v %v", l, err)
	}
	if err := wang.ReleaseLease(id); err != nil {
		t.Fatal(err)
	}
	if st, _ := zhu.Room(); st[0].Lease != nil {
		t.Fatalf("released lease still there: %+v", st[0].Lease)
	}
}

func TestRoomTwoWritersOneEpisodeEach(t *testing.T) {
	r := newRoom(t)
	wang, li := r.open(t, "wang"), r.open(t, "li")
	pw, pl := mustLoad(t, wang), mustLoad(t, li)
	done := make(chan error, 2)
	edit := func(s *Store, ep script.Episode, who string) {
		for i := range 20 {
			ep.Body += fmt.Sprintf("%s 第%d句。\n", who, i)
			if err := s.SaveEpisode(&ep); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}
	go edit(wang, *pw.Episodes[0], "王一")
	go edit(li, *pl.Episodes[1], "李二")
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	got := mustLoad(t, r.admin)
	if !strings.Contains(got.Episodes[0].Body, "王一 第19句") || !strings.Contains(got.Episodes[1].Body, "李二 第19句") {
		t.Fatal("an edit was lost")
	}
}

func TestRoomNotifiesASave(t *testing.T) {
	r := newRoom(t)
	li := r.open(t, "li")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Change, 16)
	ready := make(chan struct{})
	go li.Listen(ctx, func(c Change) { got <- c }, ready)
	<-ready
	wang := r.open(t, "wang")
	ep := *mustLoad(t, wang).Episodes[0]
	ep.Body += "新的一句。\n"
	if err := wang.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case c := <-got:
			if c.Table == "episode" && c.ID == ep.ID {
				if c.By != "wang" || c.Version < 2 {
					t.Fatalf("change %+v", c)
				}
				return
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no notification")
		}
	}
}

func TestRoomComments(t *testing.T) {
	r := newRoom(t)
	shen := r.open(t, "shen")
	ep := r.p.Episodes[0]
	lines := strings.Split(ep.Body, "\n")
	c, err := shen.AddComment(ep.ID, 0, ep.Body, 2, 2, "这句台词太长")
	if err != nil || c.Author != "shen" || c.Quote != lines[1] {
		t.Fatalf("add: %+v %v", c, err)
	}
	wang := r.open(t, "wang")
	reply, err := wang.AddComment(ep.ID, c.ID, ep.Body, 0, 0, "已改短")
	if err != nil {
		t.Fatal(err)
	}
	// Two lines inserted above: the comment moves with its line.
	edited := "新加一行\n又一行\n" + ep.Body
	list, err := wang.Comments(ep.ID, edited)
	if err != nil || len(list) != 2 || list[0].From != 4 || list[1].ID != reply.ID || list[1].ParentID != c.ID {
		t.Fatalf("comments %+v %v", list, err)
	}
	if err := wang.ResolveComment(c.ID, true); err != nil {
		t.Fatal(err)
	}
	list, _ = shen.Comments(ep.ID, strings.Replace(edited, lines[1], "", 1))
	if !list[0].Resolved || list[0].ResolvedBy != "wang" || !list[0].Orphaned {
		t.Fatalf("after resolve and deleting the line: %+v", list[0])
	}
}

func TestAnchor(t *testing.T) {
	text := "第1集\n1-1 日 内 客厅\n林晚：外婆。\n△她坐下。\n林晚：外婆。\n"
	tests := []struct {
		name     string
		quote    string
		hint     int
		from, to int
		ok       bool
	}{
		{"原位", "林晚：外婆。", 3, 3, 3, true},
		{"重复取最近", "林晚：外婆。", 5, 5, 5, true},
		{"多行", "林晚：外婆。\n△她坐下。", 2, 3, 4, true},
		{"改了一行保留另一行", "△她坐下。\n林晚：改过了", 4, 4, 4, true},
		{"全删", "不存在的台词", 2, 0, 0, false},
		{"空", "", 1, 0, 0, false},
	}
	for _, tt := range tests {
		f, to, ok := Anchor(text, tt.quote, tt.hint)
		if f != tt.from || to != tt.to || ok != tt.ok {
			t.Errorf("%s: got %d-%d %v, want %d-%d %v", tt.name, f, to, ok, tt.from, tt.to, tt.ok)
		}
	}
}

func TestRoomConflictAfterLeaseExpired(t *testing.T) {
	r := newRoom(t)
	wang, zhu := r.open(t, "wang"), r.open(t, "zhu")
	mine := *mustLoad(t, wang).Episodes[0]
	if _, err := wang.TakeLease(mine.ID, false); err != nil {
		t.Fatal(err)
	}
	// wang's lease runs out (no heartbeat: a laptop asleep); the head
	// writer edits the episode meanwhile.
	pgExec(t, r.url, "UPDATE lease SET expires = now() - interval '1 second'")
	theirs := *mustLoad(t, zhu).Episodes[0]
	theirs.Body += "主编剧补的一句。\n"
	if err := zhu.SaveEpisode(&theirs); err != nil {
		t.Fatal(err)
	}
	// wang's save does not overwrite it: both versions come back.
	mine.Body += "王一写的一句。\n"
	err := wang.SaveEpisode(&mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Mine != mine.Body || ce.Theirs != theirs.Body || ce.By != "zhu" {
		t.Fatalf("want a conflict with both texts, got %v", err)
	}
	merged := mine
	merged.Body = theirs.Body + "王一写的一句。\n"
	if err := wang.Resolve(&merged, ce.Version); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, r.admin).Episodes[0].Body; got != merged.Body {
		t.Fatalf("merge not saved: %q", got)
	}
}

func TestRoomOfflineJournalReplay(t *testing.T) {
	r := newRoom(t)
	dir := t.TempDir()
	wang := r.open(t, "wang", WithJournal(dir))
	ep := *mustLoad(t, wang).Episodes[0]
	if err := testPG.Kill(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	defer func() {
		if !restarted {
			testPG.Restart()
		}
	}()
	for i := range 3 {
		ep.Body += fmt.Sprintf("断网时写的第%d句。\n", i)
		if err := wang.SaveEpisode(&ep); !errors.Is(err, ErrOffline) {
			t.Fatalf("offline save %d: %v", i, err)
		}
	}
	if pend, _ := wang.Pending(); len(pend) != 1 || pend[0].Body != ep.Body {
		t.Fatalf("pending %+v", pend)
	}
	if _, err := wang.Sync(); !errors.Is(err, ErrOffline) {
		t.Fatalf("sync while down: %v", err)
	}
	if err := testPG.Restart(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	conflicts, err := wang.Sync()
	if err != nil || len(conflicts) != 0 {
		t.Fatalf("sync: %v %v", conflicts, err)
	}
	if pend, _ := wang.Pending(); len(pend) != 0 {
		t.Fatalf("journal not emptied: %+v", pend)
	}
	if got := mustLoad(t, r.admin).Episodes[0].Body; got != ep.Body {
		t.Fatalf("offline edits lost: %q", got)
	}
}

func TestRoomServerKilledMidSaveLosesNothing(t *testing.T) {
	r := newRoom(t)
	wang := r.open(t, "wang", WithJournal(t.TempDir()))
	ep := *mustLoad(t, wang).Episodes[0]
	restarted := false
	defer func() {
		if !restarted {
			testPG.Restart()
		}
	}()
	killed := make(chan error, 1)
	for i := range 60 {
		if i == 20 {
			go func() { killed <- testPG.Kill() }() // while saves are in flight
		}
		if i == 40 {
			if err := <-killed; err != nil {
				t.Fatal(err)
			}
			if err := testPG.Restart(); err != nil {
				t.Fatal(err)
			}
			restarted = true
		}
		ep.Body += fmt.Sprintf("第%d次保存。\n", i)
		if err := wang.SaveEpisode(&ep); err != nil && !errors.Is(err, ErrOffline) {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	if !restarted {
		t.Fatal("server not restarted")
	}
	for range 50 { // the journal syncs once the server accepts connections
		if _, err := wang.Sync(); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := wang.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, r.admin).Episodes[0].Body; got != ep.Body {
		t.Fatalf("an edit was lost: server has %d bytes, want %d", len(got), len(ep.Body))
	}
}

func TestRoomWaiverRecordsWhoApproved(t *testing.T) {
	r := newRoom(t)
	shen := r.open(t, "shen")
	p := mustLoad(t, shen)
	p.Waivers = append(p.Waivers, script.Waiver{Rule: "title.bait", Episode: 2, Excerpt: "灯笼", Reason: "非诱导", By: "冒名的人"})
	if err := shen.SaveProject(p); err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, r.admin).Waivers
	if len(got) != 2 || got[0].By != "王一" || got[1].By != "shen" || got[1].Time.IsZero() {
		t.Fatalf("waivers %+v", got)
	}
	// A writer may not waive.
	wang := r.open(t, "wang")
	q := mustLoad(t, wang)
	q.Waivers = append(q.Waivers, script.Waiver{Rule: "x", Reason: "想跳过"})
	if err := wang.SaveProject(q); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("writer waived: %v", err)
	}
}
