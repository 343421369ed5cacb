package cultureview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// episodeView lists the hits of the episode in the editor, where the writer
// jumps to a hit, marks it "not this" or overrides its depth.
type episodeView struct {
	p        *panel
	list     *widget.List
	empty    *widget.Label
	depth    *widget.Select
	suppress *widget.Button
	rows     []culture.ScriptHit
	sel      int
	content  fyne.CanvasObject
}

func newEpisodeView(p *panel) *episodeView {
	v := &episodeView{p: p, sel: -1, empty: widget.NewLabel("")}
	v.empty.Wrapping = dock.ProseWrap(i18n.Lang())
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			h := v.rows[id]
			o.(*widget.Label).SetText(i18n.Tf("culture.episode.row", h.Element.Name, h.Line, culture.DepthName(h.Depth, v.p.h.Lang())))
		})
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(v.rows) {
			return
		}
		v.sel = id
		h := v.rows[id]
		v.p.h.Select(h.Episode, h.Start, h.End)
		v.depth.SetSelected(culture.DepthName(h.Depth, v.p.h.Lang()))
		v.depth.Enable()
		v.suppress.Enable()
	}
	var names []string
	for _, d := range culture.Depths {
		names = append(names, culture.DepthName(d, v.p.h.Lang()))
	}
	v.depth = widget.NewSelect(names, func(string) { v.override() })
	v.depth.PlaceHolder = i18n.T("culture.episode.depth")
	v.suppress = widget.NewButton(i18n.T("culture.episode.suppress"), v.notThis)
	v.depth.Disable()
	v.suppress.Disable()
	v.content = container.NewBorder(v.empty, container.NewGridWithColumns(2, v.depth, v.suppress), nil, nil, v.list)
	return v
}

func (v *episodeView) refresh() {
	v.rows = v.rows[:0]
	if cur := v.p.h.Current(); cur != nil {
		for _, h := range v.p.hits {
			if h.Episode == cur.Number {
				v.rows = append(v.rows, h)
			}
		}
	}
	if len(v.rows) == 0 {
		v.empty.SetText(i18n.T("culture.episode.none"))
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.sel = -1
	v.depth.Disable()
	v.suppress.Disable()
	v.list.UnselectAll()
	v.list.Refresh()
}

func (v *episodeView) selected() (culture.ScriptHit, bool) {
	if v.sel < 0 || v.sel >= len(v.rows) {
		return culture.ScriptHit{}, false
	}
	return v.rows[v.sel], true
}

func (v *episodeView) override() {
	h, ok := v.selected()
	proj := v.p.h.Project()
	if !ok || proj == nil {
		return
	}
	d := ""
	for _, x := range culture.Depths {
		if culture.DepthName(x, v.p.h.Lang()) == v.depth.Selected {
			d = x
		}
	}
	if d == "" || d == h.Depth {
		return
	}
	if d == h.Auto {
		d = "" // back to what detection says
	}
	if err := culture.OverrideDepth(proj, h.Key(), d); err != nil {
		v.p.h.Status(err.Error())
		return
	}
	v.p.h.Status(i18n.Tf("culture.overridden", h.Element.Name, v.depth.Selected))
	v.p.h.Changed()
	v.p.rescan()
}

func (v *episodeView) notThis() {
	h, ok := v.selected()
	proj := v.p.h.Project()
	if !ok || proj == nil {
		return
	}
	if culture.Suppress(proj, h.Key()) {
		v.p.h.Status(i18n.Tf("culture.suppressed", h.Element.Name))
		v.p.h.Changed()
		v.p.rescan()
	}
}
