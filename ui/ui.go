// Package ui is the desktop app's shell: the main window with the series
// navigator (left), the episode editor, series board, bible and history
// (centre) and the dock of feature panels (right). Feature panels live in
// ui/<feature>view packages and reach the shell through dock.Host.
//
// Everything here runs on the Fyne goroutine; timers and workers come back
// through fyne.Do (see debouncer).
package ui

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/exportview"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// Preference keys.
const (
	prefLang        = "lang"
	prefAppearance  = "appearance"
	prefLastProject = "last_project"
	prefLastEpisode = "last_episode"
	prefRecent      = "recent"
)

// Delays of the background work that follows typing.
var (
	saveDelay   = time.Second            // autosave after the last keystroke
	notifyDelay = 300 * time.Millisecond // OnChange listeners (dock panels)
)

// UI is the main window and the open project.
type UI struct {
	app fyne.App
	win fyne.Window

	proj     *script.Project
	path     string
	file     projectFile
	cur      *script.Episode
	cast     []string
	dirtyEps map[*script.Episode]bool
	dirtyPrj bool

	nav     *navigator
	ed      *editor
	board   *board
	bible   *bible
	history *historyView
	dock    *dockArea
	pack    *fyne.Container // the submission-package view, built when shown
	packTab fyne.CanvasObject
	center  *container.AppTabs
	status  *widget.Label
	notice  *fyne.Container

	listeners []func()
	badges    map[int]map[string]string
	saver     *debouncer
	notifier  *debouncer
	onError   func(error)
	undoStack []*structUndo // episode changes (add, delete, move) to undo
	prov      *provTracker

	recentMenu *fyne.MenuItem
	stopped    bool // the run loop has ended: no native window any more
}

// New builds the main window on app a; call Load or OpenPath to show a
// project and Window().ShowAndRun() to start.
func New(a fyne.App) *UI {
	if l := a.Preferences().String(prefLang); l != "" {
		i18n.SetLang(script.ParseLang(l))
	}
	localizeFyne()
	a.Settings().SetTheme(NewTheme(a.Preferences().String(prefAppearance)))
	u := &UI{
		app:      a,
		win:      a.NewWindow(i18n.T("app.name")),
		dirtyEps: map[*script.Episode]bool{},
		badges:   map[int]map[string]string{},
		prov:     newProvTracker(),
	}
	u.saver = newDebouncer(saveDelay, func() { u.Save() })
	u.notifier = newDebouncer(notifyDelay, u.notify)
	u.onError = func(err error) {
		fmt.Fprintln(os.Stderr, "duanju:", err)
		u.Status(err.Error())
	}
	if icon := appIcon(); icon != nil {
		u.win.SetIcon(icon)
	}
	u.build()
	u.win.SetCloseIntercept(func() { u.Quit() })
	a.Lifecycle().SetOnStopped(func() { u.stopped = true })
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

func (u *UI) build() {
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.notice = container.NewVBox()
	u.nav = newNavigator(u)
	u.ed = newEditor(u)
	u.board = newBoard(u)
	u.bible = newBible(u)
	u.history = newHistoryView(u)
	u.dock = newDockArea(u)
	u.pack = container.NewStack()
	u.packTab = container.NewVScroll(u.pack) // a long package result scrolls instead of growing the window

	u.center = container.NewAppTabs(
		container.NewTabItem(i18n.T("tab.editor"), u.ed.content),
		container.NewTabItem(i18n.T("tab.board"), u.board.content),
		container.NewTabItem(i18n.T("tab.bible"), u.bible.content),
		container.NewTabItem(i18n.T("tab.history"), u.history.content),
		container.NewTabItem(i18n.T("tab.package"), u.packTab),
	)
	u.center.OnSelected = func(t *container.TabItem) {
		switch t.Content {
		case u.board.content:
			u.board.refresh()
		case u.history.content:
			u.history.refresh()
		case u.bible.content:
			u.bible.refresh()
		case u.packTab:
			u.Save()
			if len(u.pack.Objects) == 0 {
				u.pack.Objects = []fyne.CanvasObject{exportview.PackageView(u)}
				u.pack.Refresh()
			}
		}
	}

	// At 1280 px: navigator ≈236, centre ≈550, dock ≈485 (the AI dock's
	// button rows in English need ~470).
	right := container.NewHSplit(u.center, u.dock.content)
	right.Offset = 0.53
	main := container.NewHSplit(u.nav.content, right)
	main.Offset = 0.18
	content := container.NewBorder(u.notice, u.status, nil, nil, main)
	u.win.SetContent(container.New(capMin{maxContentMin}, content))
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.Resize(u.savedSize())
}

// Load shows project p kept in file (nil: in memory) at path.
func (u *UI) Load(p *script.Project, file projectFile, path string) {
	if u.file != nil && u.file != file {
		u.Save()
		u.file.Close()
	}
	if file == nil {
		file = newMemFile()
	}
	u.proj, u.file, u.path = p, file, path
	u.cur = nil
	u.dirtyEps = map[*script.Episode]bool{}
	u.badges = map[int]map[string]string{}
	u.undoStack = nil
	u.prov = newProvTracker()
	u.pack.Objects = nil // rebuilt for the new project when shown
	u.reparseAll()
	u.updateTitle()
	u.nav.refresh()
	u.bible.load()
	u.board.refresh()
	if len(p.Episodes) > 0 {
		u.OpenEpisode(p.Episodes[0].Number)
	} else {
		u.ed.show(nil)
	}
	if file.ReadOnly() {
		u.showNotice(i18n.T("notice.readonly"))
	}
	u.notify()
}

func (u *UI) updateTitle() {
	t := i18n.T("app.name")
	if u.proj != nil && u.proj.Meta.Title != "" {
		t = u.proj.Meta.Title + " — " + t
	}
	if u.file != nil && u.file.ReadOnly() {
		t += " " + i18n.T("title.readonly")
	}
	u.win.SetTitle(t)
}

// reparseAll refreshes the cast and every episode's scenes.
func (u *UI) reparseAll() {
	u.cast = u.proj.CastNames()
	for _, e := range u.proj.Episodes {
		parseEpisode(u.proj, e, u.cast)
	}
}

// parseEpisode fills ep.Scenes from its Body in the project's style.
func parseEpisode(p *script.Project, ep *script.Episode, cast []string) {
	format.ParseBodyStyle(ep, cast, p.SourceStyle)
}

// indexOf returns the position of ep in the project, or -1.
func (u *UI) indexOf(ep *script.Episode) int {
	for i, e := range u.proj.Episodes {
		if e == ep {
			return i
		}
	}
	return -1
}

// episodeEdited is called by the editor after the body changed.
func (u *UI) episodeEdited(ep *script.Episode) {
	u.dirtyEps[ep] = true
	u.nav.refreshEpisode(ep)
	u.saver.Poke()
	u.notifier.Poke()
}

// projectEdited marks the project (metadata, order, cast) as changed.
func (u *UI) projectEdited() {
	u.dirtyPrj = true
	if u.cur != nil {
		// A panel may have recorded or dropped AI text (e.g. after an accept):
		// what undo and redo bring back for this text is what it has now.
		u.prov.remember(u.proj, u.cur)
		u.ed.updateAINote()
	}
	u.updateTitle()
	u.saver.Poke()
	u.notifier.Poke()
}

// Save writes every pending change now.
func (u *UI) Save() {
	if u.proj == nil || u.file == nil || u.file.ReadOnly() {
		return
	}
	u.saver.Stop()
	if u.dirtyPrj {
		if err := u.file.SaveProject(u.proj); err != nil {
			u.onError(fmt.Errorf("%s: %w", i18n.T("err.save"), err))
			return
		}
		u.dirtyPrj = false
		// SaveProject writes order, metadata and new episodes, not the text of
		// existing ones: fall through so edited episodes are saved too.
	}
	for ep := range u.dirtyEps {
		if err := u.file.SaveEpisode(ep); err != nil {
			u.onError(fmt.Errorf("%s: %w", i18n.T("err.save"), err))
			return
		}
		delete(u.dirtyEps, ep)
	}
}

// snapshot saves ep to its history (after saving pending text).
func (u *UI) snapshot(ep *script.Episode, note string) {
	if ep == nil || u.file == nil || u.file.ReadOnly() {
		return
	}
	u.Save()
	if err := u.file.Snapshot(ep, note); err != nil {
		u.onError(err)
		return
	}
}

// notify runs the OnChange listeners and refreshes the passive views.
func (u *UI) notify() {
	u.notifier.Stop()
	if u.center != nil && u.center.Selected() != nil && u.center.Selected().Content == u.board.content {
		u.board.refresh()
	}
	for _, f := range u.listeners {
		f()
	}
}

// Quit saves and quits.
func (u *UI) Quit() {
	u.Close()
	u.app.Quit()
}

// Close saves everything and closes the project file.
func (u *UI) Close() {
	if u.file == nil {
		return
	}
	u.rememberPlace()
	u.rememberWindow()
	u.Save()
	if err := u.file.Close(); err != nil {
		u.onError(err)
	}
	u.file = nil
}

// rememberPlace keeps the project and episode for the next start (and
// after a crash). Preferences are written only when they change: each write
// rewrites the file and Fyne's watcher may read it half-written.
func (u *UI) rememberPlace() {
	if u.path == "" {
		return
	}
	pr := u.app.Preferences()
	if pr.String(prefLastProject) != u.path {
		pr.SetString(prefLastProject, u.path)
	}
	if u.cur != nil && pr.Int(prefLastEpisode) != u.cur.Number {
		pr.SetInt(prefLastEpisode, u.cur.Number)
	}
}

// showNotice shows a dismissible bar above the window content.
func (u *UI) showNotice(msg string) { u.notice.Add(u.noticeRow(msg)) }

// noticeRow is a message with optional buttons and a dismiss button.
func (u *UI) noticeRow(msg string, buttons ...fyne.CanvasObject) *fyne.Container {
	var row *fyne.Container
	l := widget.NewLabel(msg)
	l.Wrapping = textWrap()
	buttons = append(buttons, widget.NewButton(i18n.T("action.dismiss"), func() { u.notice.Remove(row) }))
	row = container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
	return row
}

// episodeLabel is "第3集 标题" / "Ep 3 title".
func episodeLabel(e *script.Episode) string {
	s := i18n.Tf("episode.number", e.Number)
	if e.Title != "" {
		s += " " + e.Title
	}
	return s
}
