package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/script/store/pgtest"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// A writers' room opened in the app: your episode is editable and leased,
// another writer's is read-only with their name, the navigator says who has
// what, and another client's save reaches the app.
func TestWritersRoomInTheApp(t *testing.T) {
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.Required() {
			t.Fatalf("CI=true and no PostgreSQL test server: %v", err)
		}
		t.Skipf("no PostgreSQL test server: %v", err)
	}
	t.Cleanup(srv.Stop)
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // the offline journal
	db := srv.NewDBName("app")
	admin, err := store.Create(srv.AdminURL(db), fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	p, _ := admin.Load()
	for login, role := range map[string]store.Role{"wang": store.RoleWriter, "li": store.RoleWriter, "zhu": store.RoleHead} {
		if err := admin.AddMember(login, "", role); err != nil {
			t.Fatal(err)
		}
	}
	admin.Assign(p.Episodes[0].ID, "wang")
	admin.Assign(p.Episodes[1].ID, "li")
	li, err := store.Open(srv.URL("li", db))
	if err != nil {
		t.Fatal(err)
	}
	defer li.Close()
	if l, err := li.TakeLease(p.Episodes[1].ID, false); err != nil || !l.Mine {
		t.Fatalf("li's lease: %+v %v", l, err)
	}

	i18n.SetLang(i18n.Zh)
	u := New(test.NewTempApp(t))
	u.win.Resize(fyne.NewSize(1200, 800))
	u.win.Show()
	t.Cleanup(func() { u.saver.Stop(); u.notifier.Stop(); u.Close() })
	if !u.OpenPath(srv.URL("wang", db)) {
		t.Fatal("the room did not open")
	}
	// Episode 1 is wang's: editable, and wang now holds its lease.
	if u.cur.Number != 1 || u.ed.entry.Disabled() {
		t.Fatalf("own episode not editable (ep %d)", u.cur.Number)
	}
	if st, _ := admin.Room(); st[0].Lease == nil || st[0].Lease.Holder != "wang" {
		t.Fatalf("no lease for wang: %+v", st[0])
	}
	// The navigator says li is editing episode 2.
	if got := u.badges[2]["room"]; got != "编辑中：li" {
		t.Fatalf("badge of episode 2 = %q", got)
	}
	// Episode 2 is li's: read-only, and the status line says who edits it.
	u.OpenEpisode(2)
	if !u.ed.entry.Disabled() || !strings.Contains(u.status.Text, "li") {
		t.Fatalf("li's episode: disabled=%v status %q", u.ed.entry.Disabled(), u.status.Text)
	}
	// li saves: the app shows the new text (LISTEN/NOTIFY).
	ep := *p.Episodes[1]
	ep.Body += "李二刚写的一句。\n"
	if err := li.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(u.ed.entry.Text, "李二刚写的一句") {
		if time.Now().After(deadline) {
			t.Fatal("li's save did not reach the app")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Typing in wang's own episode is saved to the server under wang.
	u.OpenEpisode(1)
	if u.ed.entry.Disabled() || strings.Contains(u.status.Text, "li") {
		t.Fatalf("back on wang's episode: disabled=%v, stale status %q", u.ed.entry.Disabled(), u.status.Text)
	}
	u.ed.entry.SetText(u.ed.entry.Text + "王一在应用里写的。\n")
	u.Save()
	if got, _ := admin.Load(); !strings.Contains(got.Episodes[0].Body, "王一在应用里写的") {
		t.Fatal("wang's edit not on the server")
	}
	if st, _ := admin.Room(); st[0].UpdatedBy != "wang" {
		t.Fatalf("saved by %q", st[0].UpdatedBy)
	}
	// The history says who made each snapshot.
	if err := u.file.Snapshot(u.cur, "王一的定稿"); err != nil {
		t.Fatal(err)
	}
	h, err := u.file.History(u.cur)
	if err != nil || len(h) == 0 || h[0].Note != "王一的定稿 · wang" {
		t.Fatalf("history %+v %v", h, err)
	}
}

func TestHeadWriterTakesOverInTheApp(t *testing.T) {
	srv, err := pgtest.Start()
	if err != nil {
		if pgtest.Required() {
			t.Fatalf("CI=true and no PostgreSQL test server: %v", err)
		}
		t.Skipf("no PostgreSQL test server: %v", err)
	}
	t.Cleanup(srv.Stop)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	db := srv.NewDBName("app")
	admin, err := store.Create(srv.AdminURL(db), fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	p, _ := admin.Load()
	admin.AddMember("wang", "", store.RoleWriter)
	admin.AddMember("zhu", "", store.RoleHead)
	admin.Assign(p.Episodes[0].ID, "wang")
	wang, _ := store.Open(srv.URL("wang", db))
	defer wang.Close()
	wang.TakeLease(p.Episodes[0].ID, false)

	i18n.SetLang(i18n.Zh)
	u := New(test.NewTempApp(t))
	u.win.Show()
	t.Cleanup(func() { u.saver.Stop(); u.notifier.Stop(); u.Close() })
	if !u.OpenPath(srv.URL("zhu", db)) {
		t.Fatal("the room did not open")
	}
	if !u.ed.entry.Disabled() || !strings.Contains(u.status.Text, "wang") {
		t.Fatalf("wang's leased episode: disabled=%v status %q", u.ed.entry.Disabled(), u.status.Text)
	}
	u.takeOver()
	if u.ed.entry.Disabled() {
		t.Fatal("still read-only after the takeover")
	}
	if st, _ := admin.Room(); st[0].Lease == nil || st[0].Lease.Holder != "zhu" {
		t.Fatalf("lease %+v", st[0].Lease)
	}
}
