package ui

import (
	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

var _ dock.Host = (*UI)(nil)

// App returns the Fyne app.
func (u *UI) App() fyne.App { return u.app }

// Project returns the open project.
func (u *UI) Project() *script.Project { return u.proj }

// Current returns the episode in the editor.
func (u *UI) Current() *script.Episode { return u.cur }

// ProjectPath returns the .duanju path ("" when not saved).
func (u *UI) ProjectPath() string { return u.path }

// Snapshot returns a deep copy of the project for a background worker.
func (u *UI) Snapshot() *script.Project { return u.proj.Clone() }

// Lang returns the UI language.
func (u *UI) Lang() script.Lang { return i18n.Lang() }

// ShowPanel brings dock panel id forward.
func (u *UI) ShowPanel(id dock.PanelID) { u.dock.show(id) }

// Request hands r to the dock panel that serves it.
func (u *UI) Request(r dock.Request) bool { return u.dock.request(r) }

// Go runs f on a worker goroutine.
func (u *UI) Go(f func()) { go f() }

// Do runs f on the Fyne goroutine.
func (u *UI) Do(f func()) { fyne.Do(f) }

// OpenEpisode shows episode n in the editor and selects it in the navigator.
func (u *UI) OpenEpisode(n int) {
	ep := u.proj.Episode(n)
	if ep == nil {
		return
	}
	u.showEditorTab()
	if ep == u.cur {
		return
	}
	u.Save()
	u.cur = ep
	u.ed.show(ep)
	u.nav.selectEpisode(ep)
	u.rememberPlace()
	if u.center.Selected() != nil && u.center.Selected().Content == u.history.content {
		u.history.refresh()
	}
	u.notifier.Poke()
}

func (u *UI) showEditorTab() {
	if u.center.Selected() == nil || u.center.Selected().Content == u.board.content {
		u.center.SelectIndex(0)
	}
}

// Select opens episode n and selects the byte span [start,end) of its body.
func (u *UI) Select(n, start, end int) {
	u.OpenEpisode(n)
	u.center.SelectIndex(0)
	u.ed.selectBytes(start, end)
}

// SelectedText returns the editor's selection.
func (u *UI) SelectedText() string { return u.ed.entry.SelectedText() }

// Cursor returns the cursor's byte offset in the current body.
func (u *UI) Cursor() int { return u.ed.cursorByte() }

// Insert inserts text at the cursor as one undo step.
func (u *UI) Insert(text string) { u.ed.insert(text) }

// Replace replaces [start,end) of episode n's body with text, one undo step.
func (u *UI) Replace(n, start, end int, text string) {
	u.OpenEpisode(n)
	u.center.SelectIndex(0)
	u.ed.replaceBytes(start, end, text)
}

// Changed saves and refreshes after a panel modified the project.
func (u *UI) Changed() {
	u.reparseAll()
	u.projectEdited()
	u.nav.refresh()
	u.bible.load()
}

// OnChange registers f to run after the project or current text changes.
func (u *UI) OnChange(f func()) { u.listeners = append(u.listeners, f) }

// SetBadge sets (or clears with "") a badge on episode n for source.
func (u *UI) SetBadge(source string, n int, text string) {
	m := u.badges[n]
	if m == nil {
		m = map[string]string{}
		u.badges[n] = m
	}
	if text == "" {
		delete(m, source)
	} else {
		m[source] = text
	}
	u.nav.refresh()
	u.board.markStale()
}

// badgeText joins the badges of episode n.
func (u *UI) badgeText(n int) string {
	m := u.badges[n]
	s := ""
	for _, src := range []string{"check", "culture"} {
		if t := m[src]; t != "" {
			s += t + " "
		}
	}
	for src, t := range m {
		if src != "check" && src != "culture" {
			s += t + " "
		}
	}
	return s
}

// Status shows a transient message in the status bar.
func (u *UI) Status(msg string) { u.status.SetText(msg) }
