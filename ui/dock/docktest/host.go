// Package docktest is a fake dock.Host for the feature panels' tests: it
// records what a panel asks of the main window (selections, inserts,
// badges, status, changes) so a test can assert on it.
package docktest

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/dock"
)

// Host implements dock.Host over a project in memory.
type Host struct {
	FyneApp  fyne.App
	Win      fyne.Window
	Proj     *script.Project
	Cur      *script.Episode
	Path     string
	LangCode script.Lang

	Sel      [3]int // the last Select(episode, start, end)
	SelText  string // what SelectedText returns
	CursorAt int    // what Cursor returns
	Inserted string // everything Insert was given
	Replaced []Replacement

	Badges      map[int]string // the last badge text per episode
	BadgeSource string         // if set, a badge from another source panics
	Msg         string         // the last Status message
	Listeners   []func()       // OnChange callbacks

	Shown    []dock.PanelID // every ShowPanel
	Requests []dock.Request // every Request
	// Handlers serve Request (a test adds the panels it wants to reach);
	// Request reports false when none does.
	Handlers []dock.Handler

	mu      sync.Mutex
	changes int

	// async: Go starts goroutines and Do queues for Drain (see Async)
	async   bool
	workers sync.WaitGroup
	queue   []func()
}

// Replacement is one Replace call.
type Replacement struct {
	Episode, Start, End int
	Text                string
}

var _ dock.Host = (*Host)(nil)

// New returns a host on p with a temporary app and window, showing p's first
// episode.
func New(t testing.TB, p *script.Project) *Host {
	t.Helper()
	h := &Host{FyneApp: test.NewTempApp(t), Proj: p, LangCode: script.En, Badges: map[int]string{}}
	h.Win = test.NewTempWindow(t, widget.NewLabel(""))
	if len(p.Episodes) > 0 {
		h.Cur = p.Episodes[0]
	}
	return h
}

func (h *Host) App() fyne.App            { return h.FyneApp }
func (h *Host) Window() fyne.Window      { return h.Win }
func (h *Host) Project() *script.Project { return h.Proj }
func (h *Host) Current() *script.Episode { return h.Cur }
func (h *Host) ProjectPath() string      { return h.Path }
func (h *Host) Lang() script.Lang        { return h.LangCode }
func (h *Host) OpenEpisode(n int)        { h.Cur = h.Proj.Episode(n) }
func (h *Host) SelectedText() string     { return h.SelText }
func (h *Host) Cursor() int              { return h.CursorAt }
func (h *Host) Insert(s string)          { h.Inserted += s }
func (h *Host) Status(msg string)        { h.Msg = msg }
func (h *Host) OnChange(f func())        { h.Listeners = append(h.Listeners, f) }

// Snapshot is a deep copy of the project, as the window's.
func (h *Host) Snapshot() *script.Project { return h.Proj.Clone() }

// ShowPanel records the panel brought forward.
func (h *Host) ShowPanel(id dock.PanelID) { h.Shown = append(h.Shown, id) }

// Request records r and hands it to the Handlers.
func (h *Host) Request(r dock.Request) bool {
	h.Requests = append(h.Requests, r)
	for _, x := range h.Handlers {
		if x.Handle(r) {
			return true
		}
	}
	return false
}

// Async makes Go start real goroutines and Do queue its function until
// the test goroutine calls Drain or Wait: the workers run concurrently
// with the test (for -race) while their reports run on the test goroutine,
// as they would on the Fyne goroutine. By default both run inline, so a
// panel's work is done when the call that started it returns.
func (h *Host) Async() { h.async = true }

// Go runs f inline, or on a goroutine after Async.
func (h *Host) Go(f func()) {
	if !h.async {
		f()
		return
	}
	h.workers.Add(1)
	go func() {
		defer h.workers.Done()
		f()
	}()
}

// Do runs f inline, or queues it for Drain after Async.
func (h *Host) Do(f func()) {
	if !h.async {
		f()
		return
	}
	h.mu.Lock()
	h.queue = append(h.queue, f)
	h.mu.Unlock()
}

// Drain runs the queued Do functions on the calling goroutine.
func (h *Host) Drain() {
	for {
		h.mu.Lock()
		q := h.queue
		h.queue = nil
		h.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// Wait waits for every worker and runs what they reported.
func (h *Host) Wait() {
	for {
		h.workers.Wait()
		h.mu.Lock()
		n := len(h.queue)
		h.mu.Unlock()
		if n == 0 {
			return
		}
		h.Drain() // may start more workers
	}
}

// Select opens episode n and records the span.
func (h *Host) Select(n, start, end int) {
	h.Cur = h.Proj.Episode(n)
	h.Sel = [3]int{n, start, end}
}

// Replace records the call; it does not change the text.
func (h *Host) Replace(n, start, end int, text string) {
	h.Replaced = append(h.Replaced, Replacement{n, start, end, text})
}

// SetBadge records the badge ("" clears it).
func (h *Host) SetBadge(source string, n int, text string) {
	if h.BadgeSource != "" && source != h.BadgeSource {
		panic("badge source " + source)
	}
	if text == "" {
		delete(h.Badges, n)
	} else {
		h.Badges[n] = text
	}
}

// Changed counts the panel's project changes (safe from any goroutine).
func (h *Host) Changed() {
	h.mu.Lock()
	h.changes++
	h.mu.Unlock()
}

// Changes returns how many times Changed was called.
func (h *Host) Changes() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changes
}

// WaitChanged waits until Changed was called more than n times (background
// work reports through fyne.Do), failing the test after five seconds.
func (h *Host) WaitChanged(t testing.TB, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if h.Changes() > n {
			return
		}
	}
	t.Fatal("no change reported")
}

// Fire runs the OnChange callbacks, as the window does after an edit.
func (h *Host) Fire() {
	for _, f := range h.Listeners {
		f()
	}
}

// Edit changes episode n's text as the editor would and fires OnChange.
func (h *Host) Edit(n int, body string) {
	ep := h.Proj.Episode(n)
	ep.Body = body
	format.ParseEpisode(h.Proj, ep)
	h.Fire()
}
