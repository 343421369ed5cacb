package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/exportview"
	"github.com/duanju-studio/duanju/ui/i18n"
)

const maxRecent = 10

// Start opens the file given on the command line, else what the writer had
// open last time (the project and the episode), else the demo series.
func (u *UI) Start(args ...string) {
	// Start-up (fonts, datasets, parsing, import) leaves garbage the heap
	// would otherwise keep resident; hand it back once things settle.
	time.AfterFunc(2*time.Second, debug.FreeOSMemory)
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && u.OpenPath(a) {
			return
		}
	}
	last := u.app.Preferences().String(prefLastProject)
	lastEp := u.app.Preferences().Int(prefLastEpisode) // read before opening rewrites it
	if last != "" {
		if _, err := os.Stat(last); err == nil && u.OpenPath(last) {
			if lastEp > 0 && u.proj.Episode(lastEp) != nil {
				u.OpenEpisode(lastEp)
			}
			return
		}
	}
	path, err := demoPath()
	if err == nil {
		if _, statErr := os.Stat(path); statErr != nil {
			err = createDemo(path)
		}
	}
	if err == nil && u.OpenPath(path) {
		return
	}
	if err != nil {
		u.onError(err)
	}
	// No writable data folder: show the demo in memory.
	p, _ := format.ParseChinese(assets.DemoScript())
	u.Load(p, nil, "")
}

// dataDir is where the app keeps its own files (the demo project).
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "duanju"), nil
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Separator == '/' && os.Getenv("HOME") != "" {
		if _, err := os.Stat(filepath.Join(home, "Library")); err != nil { // not macOS
			return filepath.Join(home, ".local", "share", "duanju"), nil
		}
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "duanju"), nil
}

func demoPath() (string, error) {
	d, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, assets.DemoName+store.Ext), nil
}

// createDemo writes the demo series as a project file.
func createDemo(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		return err
	}
	s, err := store.Create(path, p)
	if err != nil {
		return err
	}
	return s.Close()
}

// openStore opens and loads a project file or room; on failure it shows the
// error and reports false.
func (u *UI) openStore(path string, opts ...store.Option) (*store.Store, *script.Project, bool) {
	s, err := store.Open(path, opts...)
	if err != nil {
		u.showError(err)
		return nil, nil, false
	}
	p, err := s.Load()
	if err != nil {
		s.Close()
		u.showError(err)
		return nil, nil, false
	}
	return s, p, true
}

// OpenPath opens a .duanju file, or imports a plain script file; it reports
// whether a project is now shown.
func (u *UI) OpenPath(path string) bool {
	if store.IsURL(path) {
		return u.openRoom(path) // a writers' room on a server (room.go)
	}
	if !strings.EqualFold(filepath.Ext(path), store.Ext) {
		// Opening a script again opens the project imported from it
		// earlier (newer than the script) rather than piling up copies;
		// File ▸ Import always imports.
		if prev := earlierImport(path); prev != "" && u.OpenPath(prev) {
			u.showNotice(i18n.Tf("notice.earlierImport", filepath.Base(prev), filepath.Base(path)))
			return true
		}
		return u.importPath(path)
	}
	s, p, ok := u.openStore(path)
	if !ok {
		return false
	}
	u.Load(p, storeFile{s}, s.Path())
	u.addRecent(s.Path())
	u.rememberPlace()
	if s.Recovered() {
		u.showNotice(i18n.T("notice.recovered"))
	}
	if err := s.ReadOnlyReason(); err != nil {
		u.showNotice(localError(err))
	}
	return true
}

// earlierImport returns the project next to script that was saved after the
// script last changed (the project an earlier open imported), or "".
func earlierImport(script string) string {
	prev := strings.TrimSuffix(script, filepath.Ext(script)) + store.Ext
	pi, err := os.Stat(prev)
	if err != nil {
		return ""
	}
	si, err := os.Stat(script)
	if err != nil || pi.ModTime().Before(si.ModTime()) {
		return ""
	}
	return prev
}

// importPath reads a script file into a new project saved next to it.
func (u *UI) importPath(path string) bool {
	p, warns, err := format.ReadFile(path)
	if err != nil {
		u.showError(err)
		return false
	}
	if len(warns) > 0 {
		// Lines in another encoding or kept as \xNN: the writer must look.
		msg := []string{i18n.Tf("notice.importwarnings", filepath.Base(path))}
		for _, w := range warns {
			msg = append(msg, w.Message(i18n.Lang() == i18n.Zh))
		}
		dialog.ShowInformation(i18n.T("app.name"), strings.Join(msg, "\n"), u.win)
	}
	target := freeName(strings.TrimSuffix(path, filepath.Ext(path)) + store.Ext)
	s, err := store.Create(target, p)
	if err != nil {
		// The folder may not be writable: keep the import in memory.
		u.Load(p, nil, "")
		u.showNotice(i18n.Tf("notice.importmemory", localError(err)))
		return true
	}
	u.Load(p, storeFile{s}, s.Path())
	u.addRecent(s.Path())
	u.rememberPlace()
	u.Status(i18n.Tf("status.imported", filepath.Base(path), filepath.Base(target)))
	return true
}

// freeName returns path, or path with -2, -3… before the extension if taken.
func freeName(path string) string {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return path
	}
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		p := fmt.Sprintf("%s-%d%s", base, i, ext)
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
	}
}

// localError is the error text in the UI language.
func localError(err error) string {
	if i18n.Lang() == i18n.Zh {
		return store.ZH(err)
	}
	return err.Error()
}

func (u *UI) showError(err error) {
	fmt.Fprintln(os.Stderr, "duanju:", err)
	dialog.ShowError(errors.New(localError(err)), u.win)
}

// NewProject creates an empty project at path and opens it.
func (u *UI) NewProject(path, title string) error {
	if !strings.EqualFold(filepath.Ext(path), store.Ext) {
		path += store.Ext
	}
	p := &script.Project{SourceStyle: script.StyleChinese}
	p.Meta.Title = title
	p.Meta.Language = "zh-Hans"
	p.Episodes = []*script.Episode{{Number: 1, Status: script.StatusDraft, Body: i18n.Tf("episode.template", 1)}}
	s, err := store.Create(path, p)
	if err != nil {
		return err
	}
	u.Load(p, storeFile{s}, s.Path())
	u.addRecent(s.Path())
	u.rememberPlace()
	return nil
}

func (u *UI) newProjectDialog() {
	dock.SaveFile(u.win, u.fileOptions(dock.ForProject, []string{store.Ext}, i18n.T("file.untitled")), func(w fyne.URIWriteCloser) {
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the dialog creates the file; the store builds its own
		title := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if err := u.NewProject(path, title); err != nil {
			u.showError(err)
		}
	})
}

// scriptExts are the script files the app opens and imports.
var scriptExts = []string{".txt", ".md", ".fountain", ".fdx", ".docx"}

func (u *UI) openDialog() {
	dock.OpenFile(u.win, u.fileOptions(dock.ForProject, append([]string{store.Ext}, scriptExts...), ""), func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		u.OpenPath(path)
	})
}

func (u *UI) importDialog() {
	dock.OpenFile(u.win, u.fileOptions(dock.ForScript, scriptExts, ""), func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		u.importPath(path)
	})
}

func (u *UI) saveAsDialog() {
	name := u.proj.Meta.Title
	if name == "" {
		name = i18n.T("file.untitled")
	}
	dock.SaveFile(u.win, u.fileOptions(dock.ForProject, []string{store.Ext}, name), func(w fyne.URIWriteCloser) {
		path := w.URI().Path()
		w.Close()
		if err := u.SaveAs(path); err != nil {
			u.showError(err)
		}
	})
}

// SaveAs writes the project (with its history) to path and continues there.
func (u *UI) SaveAs(path string) error {
	if !strings.EqualFold(filepath.Ext(path), store.Ext) {
		path += store.Ext
	}
	u.Save()
	if sf, ok := u.file.(storeFile); ok {
		if err := sf.s.SaveAs(u.proj, path); err != nil {
			return err
		}
		u.path = sf.s.Path()
	} else {
		os.Remove(path) // created empty by the save dialog
		s, err := store.Create(path, u.proj)
		if err != nil {
			return err
		}
		u.file, u.path = storeFile{s}, s.Path()
	}
	u.notice.RemoveAll()
	u.updateTitle()
	u.addRecent(u.path)
	u.rememberPlace()
	u.Status(i18n.Tf("status.saved", filepath.Base(u.path)))
	return nil
}

// fileOptions are the options of a file dialog of the shell: it starts in
// the purpose's last folder, else the project's.
func (u *UI) fileOptions(p dock.Purpose, exts []string, name string) dock.FileOptions {
	o := dock.FileOptions{Purpose: p, Exts: exts, Name: name}
	if u.path != "" {
		o.Dir = filepath.Dir(u.path)
	}
	return o
}

// exportMenu opens the Export dialog of ui/exportview.
func (u *UI) exportMenu() *fyne.MenuItem {
	// Ctrl+E: Ctrl+P is print everywhere else.
	return item(i18n.T("menu.export"), ctrl(fyne.KeyE), func() {
		u.Save()
		exportview.ShowExportDialog(u)
	})
}

// recent returns the recent project paths, newest first.
func (u *UI) recent() []string {
	return u.app.Preferences().StringList(prefRecent)
}

func (u *UI) addRecent(path string) {
	old := u.recent()
	list := []string{path}
	for _, p := range old {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	if !equalStrings(list, old) {
		u.app.Preferences().SetStringList(prefRecent, list)
	}
	u.refreshRecentMenu()
}
