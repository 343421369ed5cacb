package dock

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// KeyEntry is a field that reports Escape (Fyne's Entry swallows it) and,
// when OnReturn is set, hands it Enter even in a multi-line field.
type KeyEntry struct {
	widget.Entry
	OnEscape func()
	// OnReturn, when set, runs for Enter instead of the Entry's own
	// handling (a wrapped reason field submits rather than adding a line).
	OnReturn func()
}

// NewKeyEntry returns a one-line KeyEntry.
func NewKeyEntry() *KeyEntry {
	e := &KeyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs OnEscape for Escape and OnReturn for Enter.
func (e *KeyEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && e.OnEscape != nil:
		e.OnEscape()
		return
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && e.OnReturn != nil:
		e.OnReturn()
		return
	}
	e.Entry.TypedKey(k)
}

// FieldWidth is the width of a dialog's text field: a Chinese series or
// episode title of 20 and more characters fits without scrolling.
const FieldWidth = 420

// MinWidth lays its objects on top of each other, at least w wide.
type MinWidth struct{ W float32 }

// MinSize is the largest child's, at least W wide.
func (l MinWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return fyne.NewSize(max(m.Width, l.W), m.Height)
}

// Layout stacks the objects.
func (l MinWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}

// EntryOptions describe an entry dialog.
type EntryOptions struct {
	Title, Label      string
	Text, PlaceHolder string
	// Confirm and Dismiss label the buttons (OK and Cancel by default).
	Confirm, Dismiss string
	// Wrap shows a few lines of wrapped text (a reason, a note); Enter
	// still submits.
	Wrap bool
	// Validate, if set, is asked on submit: an error is shown under the
	// field and the dialog stays open.
	Validate func(string) error
	// OnOK gets the text when the dialog is submitted.
	OnOK func(string)
}

// EntryDialog asks for one text: the field has the focus and its text
// selected, Enter submits, Escape cancels, and what fails validation is
// said under the field. Every dialog of the app that asks for a title, a
// name or a reason is one.
type EntryDialog struct {
	Field *KeyEntry
	// Message shows the validation error ("" while there is none; its line
	// is kept so the dialog does not jump when it appears).
	Message *widget.Label
	opts    EntryOptions
	dlg     *dialog.CustomDialog
}

// ShowEntry shows an entry dialog on win.
func ShowEntry(win fyne.Window, o EntryOptions) *EntryDialog {
	if o.Confirm == "" {
		o.Confirm = i18n.T("action.ok")
	}
	if o.Dismiss == "" {
		o.Dismiss = i18n.T("action.cancel")
	}
	d := &EntryDialog{Field: NewKeyEntry(), Message: widget.NewLabel(""), opts: o}
	e := d.Field
	if o.Wrap {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	e.SetPlaceHolder(o.PlaceHolder)
	e.SetText(o.Text)
	e.OnSubmitted = func(string) { d.Submit() }
	e.OnReturn = d.Submit
	e.OnEscape = d.Cancel
	e.OnChanged = func(string) { d.Message.SetText("") }
	d.Message.Importance = widget.DangerImportance
	d.Message.Wrapping = fyne.TextWrapWord

	var top fyne.CanvasObject
	if o.Label != "" {
		top = widget.NewLabel(o.Label)
	}
	content := container.NewBorder(top, d.Message, nil, nil, container.New(MinWidth{FieldWidth}, e))
	d.dlg = dialog.NewCustomWithoutButtons(o.Title, content, win)
	ok := widget.NewButton(o.Confirm, d.Submit)
	ok.Importance = widget.HighImportance
	d.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(o.Dismiss, d.Cancel), ok})
	d.dlg.Show()
	win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	return d
}

// Submit validates the text and, if it passes, closes the dialog and hands
// the text to OnOK; otherwise it says why under the field.
func (d *EntryDialog) Submit() {
	text := d.Field.Text
	if d.opts.Validate != nil {
		if err := d.opts.Validate(text); err != nil {
			d.Message.SetText(err.Error())
			return
		}
	}
	d.dlg.Hide()
	if d.opts.OnOK != nil {
		d.opts.OnOK(text)
	}
}

// Cancel closes the dialog without a result.
func (d *EntryDialog) Cancel() { d.dlg.Hide() }

// Dialog is the dialog shown.
func (d *EntryDialog) Dialog() dialog.Dialog { return d.dlg }
