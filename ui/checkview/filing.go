package checkview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// FilingChecklist is the tier and filing checklist for the Bible view: the
// review tier with its reason and notes, the review path, the opening-frame
// number format, and every filing item with its status. It follows the
// project as it changes.
func FilingChecklist(h dock.Host) fyne.CanvasObject {
	fc := &filingView{h: h}
	fc.tier = widget.NewLabel("")
	fc.tier.Wrapping = dock.ProseWrap(i18n.Lang())
	fc.tier.TextStyle = fyne.TextStyle{Bold: true}
	fc.notes = widget.NewLabel("")
	fc.notes.Wrapping = dock.ProseWrap(i18n.Lang())
	fc.items = container.NewVBox()
	fc.content = widget.NewCard(i18n.T("check.filing.title"), "", container.NewVBox(fc.tier, fc.notes, fc.items))
	h.OnChange(fc.refresh)
	fc.refresh()
	return fc.content
}

type filingView struct {
	h       dock.Host
	content fyne.CanvasObject
	tier    *widget.Label
	notes   *widget.Label
	items   *fyne.Container
}

func (fc *filingView) refresh() {
	p := fc.h.Project()
	if p == nil {
		return
	}
	o := check.Options{Lang: fc.h.Lang()}
	t := check.ComputeTier(p, o)
	fc.tier.SetText(i18n.T("check.tier") + colon() + t.Name + " — " + t.Reason)
	notes := ""
	if t.Review != "" {
		notes += i18n.T("check.filing.review") + colon() + t.Review + "\n"
	}
	if t.Number != "" {
		notes += i18n.T("check.filing.number") + colon() + t.Number + "\n"
	}
	for _, n := range t.Notes {
		notes += "· " + n + "\n"
	}
	for _, s := range t.Sources {
		notes += "[" + s.Mark + "] " + s.Name + "\n"
	}
	fc.notes.SetText(notes)
	fc.items.RemoveAll()
	for _, it := range check.FilingChecklist(p, o) {
		text := statusMark(it.Status) + " " + it.Label
		if it.Detail != "" {
			text += colon() + it.Detail
		}
		l := widget.NewLabel(text)
		l.Wrapping = dock.ProseWrap(i18n.Lang())
		fc.items.Add(l)
	}
	fc.items.Refresh()
}

func statusMark(s string) string {
	switch s {
	case check.StatusOK:
		return "✓"
	case check.StatusMissing:
		return "✗"
	case check.StatusProblem:
		return "！"
	}
	return "□"
}
