package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
	"github.com/duanju-studio/duanju/ui/roomview"
)

// The writers' room in the shell: a project on a PostgreSQL server opened
// like a file (store.Store is the same type), plus what sharing needs —
// a lease on the episode in the editor (renewed by a heartbeat), episodes
// others hold or that are not yours shown read-only with who and why,
// navigator badges, live refresh when the server announces a save, offline
// saves synced back, and a side-by-side merge on a conflict.

// roomFile is a writers' room project.
type roomFile struct {
	storeFile
	u      *UI
	cancel context.CancelFunc

	mu         sync.Mutex
	leased     string          // episode id whose lease this client holds
	conflicted map[string]bool // episodes waiting for a merge
	status     string          // the last read-only reason shown (Fyne goroutine)
}

// EpisodeReadOnly reports whether ep must be shown read-only, and why. It
// takes the episode's lease when this login may edit it (and gives up the
// previous one).
func (f *roomFile) EpisodeReadOnly(ep *script.Episode) (bool, string) {
	if ep == nil || ep.ID == "" {
		return false, ""
	}
	f.mu.Lock()
	prev := f.leased
	f.mu.Unlock()
	if prev != "" && prev != ep.ID {
		_ = f.s.ReleaseLease(prev)
		f.mu.Lock()
		f.leased = ""
		f.mu.Unlock()
	}
	ok, why := f.s.Editable(ep.ID)
	if !ok {
		if why == nil {
			return true, ""
		}
		return true, localError(why)
	}
	l, err := f.s.TakeLease(ep.ID, false)
	if err != nil {
		return false, "" // offline: keep editing, saves go to the journal
	}
	if !l.Mine {
		return true, i18n.Tf("room.readonly.held", l.Holder)
	}
	f.mu.Lock()
	f.leased = ep.ID
	f.mu.Unlock()
	return false, ""
}

func (f *roomFile) SaveEpisode(ep *script.Episode) error {
	f.mu.Lock()
	waiting := f.conflicted[ep.ID]
	f.mu.Unlock()
	if waiting {
		return nil // kept in the journal until the merge is saved
	}
	err := f.s.SaveEpisode(ep)
	var ce *store.ConflictError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrOffline):
		f.u.Status(i18n.T("room.offline"))
		return nil // safe in the journal
	case errors.As(err, &ce):
		if kerr := f.s.Keep(ep); kerr != nil {
			return err
		}
		f.mu.Lock()
		f.conflicted[ep.ID] = true
		f.mu.Unlock()
		f.u.showMerge(ce)
		return nil
	}
	return err
}

// SaveProject saves what this login may change; a section its role may not
// change (a writer editing the series settings) is reported, and the
// episodes' text is still saved after it.
func (f *roomFile) SaveProject(p *script.Project) error {
	err := f.s.SaveProject(p)
	if errors.Is(err, store.ErrNotAllowed) {
		f.u.Status(localError(err))
		return nil
	}
	return err
}

func (f *roomFile) Close() error {
	f.cancel()
	f.mu.Lock()
	id := f.leased
	f.leased = ""
	f.mu.Unlock()
	if id != "" {
		_ = f.s.ReleaseLease(id)
	}
	roomview.SetRoom(nil)
	return f.s.Close()
}

// episodeReadOnly is the editor's hook: an episode of a writers' room that
// this login may not edit now is shown read-only, and the status says why.
func (u *UI) episodeReadOnly(ep *script.Episode) bool {
	f, ok := u.file.(*roomFile)
	if !ok {
		return false
	}
	ro, why := f.EpisodeReadOnly(ep)
	switch {
	case ro && why != "":
		u.Status(why)
		f.status = why
	case !ro && f.status != "" && u.status.Text == f.status:
		u.Status("") // the previous episode's reason no longer applies
	}
	return ro
}

// openRoom opens a writers' room project at a postgres:// URL.
func (u *UI) openRoom(url string) bool {
	var opts []store.Option
	if d, err := dataDir(); err == nil {
		opts = append(opts, store.WithJournal(filepath.Join(d, "room")))
	}
	s, p, ok := u.openStore(url, opts...)
	if !ok {
		return false
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := &roomFile{storeFile: storeFile{s}, u: u, cancel: cancel, conflicted: map[string]bool{}}
	u.Load(p, f, s.Path())
	roomview.SetRoom(s)
	u.addRecent(s.Path())
	u.showNotice(i18n.Tf("room.opened", s.Path(), s.User()))
	u.refreshRoomBadges()
	go u.roomHeartbeat(ctx, f)
	ready := make(chan struct{})
	go s.Listen(ctx, func(c store.Change) { u.roomChanged(f, c) }, ready)
	select { // live from the start, unless the server is slow to answer
	case <-ready:
	case <-time.After(3 * time.Second):
	}
	return true
}

// roomHeartbeat renews the lease, syncs offline saves and refreshes the
// badges, every third of the lease time.
func (u *UI) roomHeartbeat(ctx context.Context, f *roomFile) {
	t := time.NewTicker(store.LeaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		f.mu.Lock()
		id := f.leased
		f.mu.Unlock()
		if id != "" {
			if l, err := f.s.TakeLease(id, false); err == nil && !l.Mine {
				// Taken over (the head writer): show it read-only now.
				f.mu.Lock()
				f.leased = ""
				f.mu.Unlock()
				fyne.Do(func() { u.reshowCurrent() })
			}
		}
		if pend, _ := f.s.Pending(); len(pend) > 0 {
			conflicts, err := f.s.Sync()
			fyne.Do(func() {
				for _, ce := range conflicts {
					u.showMerge(ce)
				}
				if err == nil && len(conflicts) == 0 {
					u.Status(i18n.T("room.synced"))
				}
			})
		}
		fyne.Do(u.refreshRoomBadges)
	}
}

// roomChanged applies a notification: another person's save is loaded into
// every episode this client is not editing; leases and comments refresh.
func (u *UI) roomChanged(f *roomFile, c store.Change) {
	if c.By == f.s.User() && c.Table != "*" {
		return
	}
	var p *script.Project
	if c.Table == "episode" || c.Table == "*" {
		var err error
		if p, err = f.s.Load(); err != nil {
			return
		}
	}
	fyne.Do(func() {
		if u.file != f {
			return
		}
		if p != nil {
			u.mergeRemote(f, p)
		}
		roomview.Refresh()
		u.refreshRoomBadges()
	})
}

// mergeRemote takes the server's text of the episodes this client does not
// edit (not dirty, not leased here).
func (u *UI) mergeRemote(f *roomFile, p *script.Project) {
	f.mu.Lock()
	leased := f.leased
	f.mu.Unlock()
	byID := map[string]*script.Episode{}
	for _, ep := range p.Episodes {
		byID[ep.ID] = ep
	}
	changed := false
	for _, ep := range u.proj.Episodes {
		r := byID[ep.ID]
		if r == nil || u.dirtyEps[ep] || ep.ID == leased {
			continue
		}
		if r.Body != ep.Body || r.Title != ep.Title || r.Status != ep.Status || r.Notes != ep.Notes {
			ep.Body, ep.Title, ep.Status, ep.Notes = r.Body, r.Title, r.Status, r.Notes
			parseEpisode(u.proj, ep, u.cast)
			changed = true
			if ep == u.cur {
				u.reshowCurrent()
			}
		}
	}
	if changed {
		u.nav.refresh()
		u.board.markStale()
		u.notify()
	}
}

// reshowCurrent shows the current episode again (its text or read-only
// state changed).
func (u *UI) reshowCurrent() {
	if u.cur != nil {
		u.ed.show(u.cur)
	}
}

// refreshRoomBadges marks in the navigator who edits each episode, its
// assignee and its lock.
func (u *UI) refreshRoomBadges() {
	f, ok := u.file.(*roomFile)
	if !ok {
		return
	}
	states, err := f.s.Room()
	if err != nil {
		return
	}
	me := f.s.User()
	for _, st := range states {
		text := ""
		switch {
		case st.Lease != nil && !st.Lease.Mine:
			text = i18n.Tf("room.editing", st.Lease.Holder)
		case st.Locked:
			text = i18n.T("room.locked")
		case st.Assignee != "" && st.Assignee != me:
			text = i18n.Tf("room.assigned", st.Assignee)
		}
		if ep := u.proj.Episode(st.Number); ep != nil && ep.ID == st.ID {
			u.SetBadge("room", st.Number, text)
		}
	}
}

// showMerge shows a conflict side by side; the merge is saved over the
// server's version.
func (u *UI) showMerge(ce *store.ConflictError) {
	f, ok := u.file.(*roomFile)
	if !ok {
		return
	}
	roomview.ShowMerge(u.win, ce, func(merged string) {
		var ep *script.Episode
		for _, e := range u.proj.Episodes {
			if e.ID == ce.EpisodeID {
				ep = e
			}
		}
		if ep == nil {
			return
		}
		cp := *ep
		cp.Body = merged
		if err := f.s.Resolve(&cp, ce.Version); err != nil {
			u.showError(err)
			return
		}
		f.mu.Lock()
		delete(f.conflicted, ep.ID)
		f.mu.Unlock()
		ep.Body = merged
		parseEpisode(u.proj, ep, u.cast)
		delete(u.dirtyEps, ep)
		if ep == u.cur {
			u.reshowCurrent()
		}
		u.nav.refresh()
	})
}

// roomURLDialog asks for a server address.
func (u *UI) roomURLDialog(title string, done func(url string)) {
	e := widget.NewEntry()
	e.SetPlaceHolder("postgres://")
	hint := widget.NewLabel(i18n.T("room.url.hint"))
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(title, title, i18n.T("room.cancel"),
		[]*widget.FormItem{widget.NewFormItem(i18n.T("room.url"), e), widget.NewFormItem("", hint)},
		func(ok bool) {
			if ok && store.IsURL(e.Text) {
				done(e.Text)
			}
		}, u.win)
	e.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(640, 220))
	d.Show()
	u.win.Canvas().Focus(e)
}

func (u *UI) openRoomDialog() {
	u.roomURLDialog(i18n.T("room.menu.open"), func(url string) { u.OpenPath(url) })
}

// pushDialog copies the open project to a new writers' room database.
func (u *UI) pushDialog() {
	if u.proj == nil {
		return
	}
	u.roomURLDialog(i18n.T("room.menu.push"), func(url string) {
		u.Save()
		s, err := store.Create(url, u.proj)
		if err == nil {
			err = s.Close()
		}
		if err != nil {
			u.showError(err)
			return
		}
		u.Status(i18n.Tf("room.pushed", store.Redact(url)))
	})
}

// pullDialog copies the open writers' room into a new project file.
func (u *UI) pullDialog() {
	f, ok := u.file.(*roomFile)
	if !ok {
		u.showError(errors.New(i18n.T("room.comments.none")))
		return
	}
	dock.SaveFile(u.win, u.fileOptions(dock.ForProject, []string{store.Ext}, u.proj.Meta.Title), func(w fyne.URIWriteCloser) {
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog made it empty; Create refuses an existing file
		u.Save()
		p, err := f.s.Load()
		if err == nil {
			var s *store.Store
			if s, err = store.Create(path, p); err == nil {
				err = s.Close()
			}
		}
		if err != nil {
			u.showError(fmt.Errorf("%s: %w", path, err))
			return
		}
		u.Status(i18n.Tf("room.pulled", path))
	})
}

// takeOver takes the lease of the current episode at once (head writer;
// the server refuses anyone else while the holder's lease runs).
func (u *UI) takeOver() {
	f, ok := u.file.(*roomFile)
	if !ok || u.cur == nil || u.cur.ID == "" {
		return
	}
	l, err := f.s.TakeLease(u.cur.ID, true)
	if err != nil {
		u.showError(err)
		return
	}
	if !l.Mine {
		u.Status(i18n.Tf("room.readonly.held", l.Holder))
		return
	}
	f.mu.Lock()
	f.leased = u.cur.ID
	f.mu.Unlock()
	u.reshowCurrent()
	u.refreshRoomBadges()
}
