package docktest

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/dock"
)

// The file dialogs are Fyne's; these drive the real dialog on a window as
// a user would, so panel tests go through the same code as the app.

// SaveAs types name into the save dialog open on win and confirms it.
func SaveAs(t *testing.T, win fyne.Window, name string) {
	t.Helper()
	top := fileDialog(t, win)
	var entry *widget.Entry
	visit(t, top, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && entry == nil {
			entry = e
		}
	})
	if entry == nil {
		t.Fatal("the file dialog has no file name field: not a save dialog")
	}
	entry.SetText(name)
	test.Tap(confirm(t, top))
}

// Choose picks the file called name in the open dialog on win (which must
// list the folder it is in) and confirms it.
func Choose(t *testing.T, win fyne.Window, name string) {
	t.Helper()
	top := fileDialog(t, win)
	type list struct {
		length func() int
		sel    func(int)
	}
	var lists []list
	visit(t, top, func(o fyne.CanvasObject) {
		switch l := o.(type) {
		case *widget.GridWrap:
			lists = append(lists, list{l.Length, l.Select})
		case *widget.List:
			// (not the list of places: choosing one leaves the folder)
			if l.OnSelected != nil && l.Length != nil && l.CreateItem != nil && dock.PlaceLabel(l.CreateItem()) == nil {
				lists = append(lists, list{l.Length, l.Select})
			}
		}
	})
	ok := confirm(t, top)
	for _, l := range lists {
		// Item 0 is the parent folder (selecting it would leave the folder).
		for i := 1; i < l.length(); i++ {
			l.sel(i)
			if shows(t, top, name) && !ok.Disabled() {
				test.Tap(ok)
				return
			}
		}
	}
	t.Fatalf("the file dialog does not list %s", name)
}

// ChooseFolder confirms the folder the open folder dialog on win shows.
func ChooseFolder(t *testing.T, win fyne.Window) {
	t.Helper()
	test.Tap(confirm(t, fileDialog(t, win)))
}

func fileDialog(t *testing.T, win fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog is open")
	}
	return top
}

// confirm is the dialog's Open or Save button.
func confirm(t *testing.T, top fyne.CanvasObject) *widget.Button {
	t.Helper()
	var b *widget.Button
	visit(t, top, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Importance == widget.HighImportance {
			b = x
		}
	})
	if b == nil {
		t.Fatal("the file dialog has no confirm button")
	}
	return b
}

// shows reports whether a label under o reads text.
func shows(t *testing.T, o fyne.CanvasObject, text string) bool {
	return slices.Contains(Texts(t, o), text)
}

// Texts lists the text of every label and rich text under o (what the
// user reads in a dialog).
func Texts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	visit(t, o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		}
	})
	return out
}

// Shows reports whether some text under o contains text.
func Shows(t *testing.T, o fyne.CanvasObject, text string) bool {
	if o == nil {
		return false
	}
	for _, s := range Texts(t, o) {
		if strings.Contains(s, text) {
			return true
		}
	}
	return false
}

// visit walks o and everything inside it, widgets through their renderers.
func visit(t *testing.T, o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			visit(t, c, f)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, w).Objects() {
			visit(t, c, f)
		}
	}
}
