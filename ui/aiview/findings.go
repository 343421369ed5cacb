package aiview

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// findingsView lists the AI review's findings, marked as AI, each with
// Show (select the span) and Fix (ask the AI for a replacement).
type findingsView struct {
	p       *panel
	box     *fyne.Container
	byEp    map[int][]ai.Finding
	content fyne.CanvasObject
}

func newFindingsView(p *panel) *findingsView {
	v := &findingsView{p: p, byEp: map[int][]ai.Finding{}}
	v.box = container.NewVBox()
	v.content = container.NewVScroll(v.box)
	return v
}

func (v *findingsView) set(ep int, fs []ai.Finding) {
	v.byEp[ep] = fs
	v.box.RemoveAll()
	if len(fs) == 0 {
		v.box.Add(widget.NewLabel(i18n.T("ai.findings.none")))
		return
	}
	for _, f := range fs {
		lang := v.p.h.Lang() // the one severity scale and category names, in the UI language
		title := widget.NewLabel(fmt.Sprintf("[AI · %s · %s] %s", check.CategoryLabel(f.Category, lang), script.Severity(f.Severity).Label(lang), f.Message))
		title.Wrapping = dock.ProseWrap(i18n.Lang())
		quote := widget.NewLabel("「" + f.Excerpt + "」")
		quote.Wrapping = dock.ProseWrap(i18n.Lang())
		sugg := widget.NewLabel("→ " + f.Suggestion)
		sugg.Wrapping = dock.ProseWrap(i18n.Lang())
		show := widget.NewButton(i18n.T("ai.show"), func() { v.p.h.Select(f.Episode, f.Start, f.End) })
		fix := widget.NewButton(i18n.T("ai.fix"), func() { v.p.runFix(f) })
		v.box.Add(widget.NewCard("", "", container.NewVBox(title, quote, sugg, container.NewHBox(show, fix))))
	}
}
