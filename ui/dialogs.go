package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// keyEntry is a one-line field that reports Escape (the Entry swallows it).
type keyEntry struct {
	widget.Entry
	onEscape func()
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs onEscape for Escape.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// dialogFieldWidth fits a Chinese series or episode title of about 24
// characters without scrolling.
const dialogFieldWidth = 420

// minWidth gives o a minimum width.
type minWidth struct{ w float32 }

func (l minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return fyne.NewSize(max(m.Width, l.w), m.Height)
}

func (l minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}

// showEntryDialog asks for one line of text: the field has the focus and
// its text selected, Enter submits, Escape cancels.
func (u *UI) showEntryDialog(title, label, text string, onOK func(string)) *dialog.FormDialog {
	e := newKeyEntry()
	e.SetText(text)
	var d *dialog.FormDialog
	e.OnSubmitted = func(string) { d.Submit() }
	e.onEscape = func() { d.Hide() }
	field := container.New(minWidth{dialogFieldWidth}, e)
	d = dialog.NewForm(title, i18n.T("action.ok"), i18n.T("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(label, field)},
		func(ok bool) {
			if ok {
				onOK(e.Text)
			}
		}, u.win)
	d.Show()
	u.win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	return d
}

// escapeCloses makes Escape close d while no field has the focus (fields
// that want Escape handle it themselves), restoring the window's handler.
func (u *UI) escapeCloses(d dialog.Dialog) {
	c := u.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(k)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}
