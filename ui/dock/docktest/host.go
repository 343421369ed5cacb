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
	LangCode string // "zh" or "en"

	Sel      [3]int // the last Select(episode, start, end)
	SelText  string // what SelectedText returns
	CursorAt int    // what Cursor returns
	Inserted string // everything Insert was given
	Replaced []Replacement

	Badges      map[int]string // the last badge text per episode
	BadgeSource string         // if set, a badge from another source panics
	Msg         string         // the last Status message
	Listeners   []func()       // OnChange callbacks

	mu      sync.Mutex
	changes int
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
	h := &Host{FyneApp: test.NewTempApp(t), Proj: p, LangCode: "en", Badges: map[int]string{}}
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
func (h *Host) Lang() string             { return h.LangCode }
func (h *Host) OpenEpisode(n int)        { h.Cur = h.Proj.Episode(n) }
func (h *Host) SelectedText() string     { return h.SelText }
func (h *Host) Cursor() int              { return h.CursorAt }
func (h *Host) Insert(s string)          { h.Inserted += s }
func (h *Host) Status(msg string)        { h.Msg = msg }
func (h *Host) OnChange(f func())        { h.Listeners = append(h.Listeners, f) }

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
