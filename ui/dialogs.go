package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/duanju-studio/duanju/ui/dock"
)

// keyEntry is a one-line field that reports Escape (the Entry swallows it).
type keyEntry = dock.KeyEntry

func newKeyEntry() *keyEntry { return dock.NewKeyEntry() }

// dialogFieldWidth fits a Chinese series or episode title of 20 and more
// characters without scrolling.
const dialogFieldWidth = dock.FieldWidth

// showEntryDialog asks for one line of text with the app's one entry
// dialog: the field has the focus and its text selected, Enter submits,
// Escape cancels.
func (u *UI) showEntryDialog(title, label, text string, onOK func(string)) *dock.EntryDialog {
	return dock.ShowEntry(u.win, dock.EntryOptions{Title: title, Label: label, Text: text, OnOK: onOK})
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
