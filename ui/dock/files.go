package dock

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// Purpose names what a file dialog is for; each purpose remembers the
// folder it was last used in, so subtitles and exports do not start in
// the project's folder every time.
type Purpose string

// The app's file dialog purposes.
const (
	ForProject   Purpose = "project"   // open, new, save as, pull a room
	ForScript    Purpose = "script"    // import a script
	ForSubtitles Purpose = "subtitles" // import, export, align, translation
	ForExport    Purpose = "export"    // export the script
	ForReport    Purpose = "report"    // self-check report
	ForPackage   Purpose = "package"   // submission package
)

// prefDir is the preference holding a purpose's last folder.
func prefDir(p Purpose) string { return "filedialog.dir." + string(p) }

// FileOptions describe a file dialog.
type FileOptions struct {
	Purpose Purpose
	// Exts filter the files shown (".srt", ".vtt"…; none: every file). A
	// saved name without one of them gets the first.
	Exts []string
	// Name is the file name a save dialog suggests.
	Name string
	// Dir is where the dialog starts when the purpose has no folder
	// remembered yet (the project's folder); the home folder otherwise.
	Dir string
}

// ProjectDir is the folder of h's project file ("" for an unsaved project
// or a writers' room on a server): a panel's dialogs start there.
func ProjectDir(h Host) string {
	if p := h.ProjectPath(); p != "" && !strings.Contains(p, "://") {
		return filepath.Dir(p)
	}
	return ""
}

// OpenFile asks for a file to read and hands it to f (which closes it).
// An error is shown to the user; a cancelled dialog calls nothing.
func OpenFile(win fyne.Window, o FileOptions, f func(r fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if r == nil {
			return
		}
		remember(o.Purpose, r.URI())
		f(r)
	}, win)
	show(win, d, o)
}

// SaveFile asks where to write and hands f the open writer (which f
// closes). A name typed without an allowed extension gets the first one
// (asking before it replaces a file of that name); errors are shown to
// the user; a cancelled dialog calls nothing.
func SaveFile(win fyne.Window, o FileOptions, f func(w fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if w == nil {
			return
		}
		remember(o.Purpose, w.URI())
		if len(o.Exts) == 0 || hasExt(w.URI().Name(), o.Exts) {
			f(w)
			return
		}
		// The dialog created the file without an extension: write the
		// name with one instead.
		bare := w.URI()
		_ = w.Close()
		_ = storage.Delete(bare)
		target, err := storage.Child(mustParent(bare), bare.Name()+o.Exts[0])
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		write := func() {
			w, err := storage.Writer(target)
			if err != nil {
				dialog.ShowError(err, win)
				return
			}
			f(w)
		}
		if ok, _ := storage.Exists(target); ok {
			dialog.ShowConfirm(i18n.T("file.overwrite.title"), i18n.Tf("file.overwrite", target.Name()), func(yes bool) {
				if yes {
					write()
				}
			}, win)
			return
		}
		write()
	}, win)
	if o.Name != "" {
		name := o.Name
		if len(o.Exts) > 0 && !hasExt(name, o.Exts) {
			name += o.Exts[0]
		}
		d.SetFileName(name)
	}
	show(win, d, o)
}

// OpenFolder asks for a folder and hands it to f; errors are shown.
func OpenFolder(win fyne.Window, o FileOptions, f func(dir fyne.ListableURI)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if dir == nil {
			return
		}
		if dir.Scheme() == "file" {
			setDir(o.Purpose, dir.Path())
		}
		f(dir)
	}, win)
	show(win, d, o)
}

// show sets the filter and start folder, shows d and names its places in
// the UI language.
func show(win fyne.Window, d *dialog.FileDialog, o FileOptions) {
	if len(o.Exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(o.Exts))
	}
	if dir := StartDir(o); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
	LocalizePlaces(win)
}

// StartDir is the folder a dialog for o starts in: the purpose's last
// folder if it still exists, else o.Dir, else the home folder.
func StartDir(o FileOptions) string {
	if a := fyne.CurrentApp(); a != nil && o.Purpose != "" {
		if dir := a.Preferences().String(prefDir(o.Purpose)); isDir(dir) {
			return dir
		}
	}
	if isDir(o.Dir) {
		return o.Dir
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return ""
}

func isDir(path string) bool {
	if path == "" {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// remember keeps the folder of a chosen local file for the purpose.
func remember(p Purpose, u fyne.URI) {
	if u != nil && u.Scheme() == "file" {
		setDir(p, filepath.Dir(u.Path()))
	}
}

func setDir(p Purpose, dir string) {
	if a := fyne.CurrentApp(); a != nil && p != "" {
		a.Preferences().SetString(prefDir(p), dir)
	}
}

func hasExt(name string, exts []string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext != "" && slices.ContainsFunc(exts, func(e string) bool { return strings.ToLower(e) == ext })
}

func mustParent(u fyne.URI) fyne.URI {
	p, err := storage.Parent(u)
	if err != nil {
		return storage.NewFileURI(filepath.Dir(u.Path()))
	}
	return p
}

// placeNames names the file dialog's places in Chinese (Fyne names them
// from English constants).
var placeNames = map[string]string{
	"Home": "主目录", "Computer": "计算机", "App Files": "应用文件",
	"Desktop": "桌面", "Documents": "文档", "Downloads": "下载",
	"Music": "音乐", "Pictures": "图片", "Videos": "视频", "Movies": "影片",
}

// LocalizePlaces names the places of the file dialog just shown on win in
// the UI language.
func LocalizePlaces(win fyne.Window) {
	if i18n.Lang() != i18n.Zh {
		return
	}
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	Walk(top, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.CreateItem == nil || l.UpdateItem == nil || PlaceLabel(l.CreateItem()) == nil {
			return
		}
		update := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if lbl := PlaceLabel(item); lbl != nil {
				if zh, ok := placeNames[lbl.Text]; ok {
					lbl.SetText(zh)
				}
			}
		}
		l.Refresh()
	})
}

// PlaceLabel is the label of a row of the file dialog's places (an icon
// and a label), or nil for any other object.
func PlaceLabel(o fyne.CanvasObject) *widget.Label {
	c, ok := o.(*fyne.Container)
	if !ok || len(c.Objects) != 2 {
		return nil
	}
	if _, ok := c.Objects[0].(*fyne.Container); !ok {
		return nil
	}
	l, _ := c.Objects[1].(*widget.Label)
	return l
}

// Walk visits o and every object inside it (containers, pop-ups, splits,
// scrolls): for the few places that look for a widget Fyne does not expose.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, f)
		}
	case *widget.PopUp:
		Walk(x.Content, f)
	case *container.Split:
		Walk(x.Leading, f)
		Walk(x.Trailing, f)
	case *container.Scroll:
		Walk(x.Content, f)
	}
}
