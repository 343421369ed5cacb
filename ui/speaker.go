package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// speakerPicker is the type-ahead list that starts a dialogue line: type a
// few characters of a name (or alias), Enter takes the first match, or
// click one; a new name typed in full is accepted as is.
type speakerPicker struct {
	ed      *editor
	query   *keyEntry
	list    *widget.List
	names   []string
	shown   []string
	popup   *widget.PopUp
	content fyne.CanvasObject
}

func newSpeakerPicker(ed *editor) *speakerPicker {
	p := &speakerPicker{ed: ed}
	p.query = newKeyEntry()
	p.query.SetPlaceHolder(i18n.T("speaker.placeholder"))
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i]) },
	)
	p.list.OnSelected = func(i widget.ListItemID) { p.pick(p.shown[i]) }
	p.query.OnChanged = func(q string) { p.filter(q) }
	p.query.OnSubmitted = func(q string) {
		if len(p.shown) > 0 {
			p.pick(p.shown[0])
		} else {
			p.pick(q)
		}
	}
	list := container.NewGridWrap(fyne.NewSize(220, 220), p.list)
	cancelFn := func() {
		p.popup.Hide()
		p.ed.u.win.Canvas().Focus(p.ed.entry)
	}
	p.query.OnEscape = cancelFn
	cancel := widget.NewButton(i18n.T("action.cancel"), cancelFn)
	p.content = container.NewBorder(p.query, cancel, nil, nil, list)
	return p
}

func (p *speakerPicker) filter(q string) {
	p.shown = filterNames(p.ed.u.proj, p.names, q)
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *speakerPicker) pick(name string) {
	if p.popup != nil {
		p.popup.Hide()
	}
	p.ed.insertDialogue(name)
}

// show opens the picker over the editor.
func (p *speakerPicker) show() {
	p.names = p.ed.castFor()
	p.query.SetText("")
	p.filter("")
	c := p.ed.u.win.Canvas()
	if p.popup == nil {
		p.popup = widget.NewModalPopUp(container.NewPadded(p.content), c)
	}
	p.popup.Show()
	c.Focus(p.query)
}

// pickSpeaker opens the speaker picker (toolbar and Ctrl+3).
func (ed *editor) pickSpeaker() {
	if ed.ep == nil || ed.entry.Disabled() {
		return
	}
	if ed.picker == nil {
		ed.picker = newSpeakerPicker(ed)
	}
	ed.picker.show()
}
