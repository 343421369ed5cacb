package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// dockIDs are the right-dock tabs in order; a feature that is not built in
// yet shows an empty state saying what will be there.
var dockIDs = dock.PanelIDs

// withPanels builds the registered feature panels. The shell's own tests
// turn it off: under Fyne's test driver fyne.Do runs on the caller's
// goroutine, so a panel's background scan would touch the shell while the
// test goroutine does (each panel package tests itself with a fake host).
var withPanels = true

// dockArea is the right dock: one tab per registered panel.
type dockArea struct {
	u       *UI
	tabs    *container.AppTabs
	panels  map[dock.PanelID]dock.Panel
	content fyne.CanvasObject
}

func newDockArea(u *UI) *dockArea {
	d := &dockArea{u: u, panels: map[dock.PanelID]dock.Panel{}}
	var extra []dock.Panel
	for _, f := range dock.Factories() {
		if !withPanels {
			break
		}
		p := f(u)
		if p == nil {
			continue
		}
		d.panels[p.ID()] = p
		if !knownDock(p.ID()) {
			extra = append(extra, p)
		}
	}
	d.tabs = container.NewAppTabs()
	for _, id := range dockIDs {
		if p, ok := d.panels[id]; ok {
			d.tabs.Append(container.NewTabItem(p.Title(), panelContent(p)))
		} else {
			key := "dock." + string(id)
			d.tabs.Append(container.NewTabItem(i18n.T(key), emptyState(i18n.T(key), i18n.T(key+".empty"))))
		}
	}
	for _, p := range extra {
		d.tabs.Append(container.NewTabItem(p.Title(), panelContent(p)))
	}
	d.tabs.OnSelected = d.selected
	d.content = d.tabs
	return d
}

// selected tells the panel of the tab brought forward (dock.Shower).
func (d *dockArea) selected(*container.TabItem) {
	i := d.tabs.SelectedIndex()
	var p dock.Panel
	if i >= 0 && i < len(dockIDs) {
		p = d.panels[dockIDs[i]]
	} else if i >= len(dockIDs) {
		for _, x := range d.panels {
			if !knownDock(x.ID()) && x.Title() == d.tabs.Items[i].Text {
				p = x
			}
		}
	}
	if s, ok := p.(dock.Shower); ok {
		s.Shown()
	}
}

// panelContent lets a wide panel scroll sideways inside the dock instead of
// widening the window past a laptop screen; it keeps the full height.
func panelContent(p dock.Panel) fyne.CanvasObject {
	return container.NewHScroll(p.Content())
}

func knownDock(id dock.PanelID) bool {
	for _, k := range dockIDs {
		if k == id {
			return true
		}
	}
	return false
}

// show selects the dock tab of panel id.
func (d *dockArea) show(id dock.PanelID) {
	for i, it := range d.tabs.Items {
		if i < len(dockIDs) && dockIDs[i] == id || d.panels[id] != nil && it.Text == d.panels[id].Title() {
			d.tabs.SelectIndex(i)
			return
		}
	}
}

// request hands r to the first panel that serves it.
func (d *dockArea) request(r dock.Request) bool {
	for _, id := range dockIDs {
		if h, ok := d.panels[id].(dock.Handler); ok && h.Handle(r) {
			return true
		}
	}
	for id, p := range d.panels {
		if h, ok := p.(dock.Handler); ok && !knownDock(id) && h.Handle(r) {
			return true
		}
	}
	return false
}

// emptyState is a centred title and explanation.
func emptyState(title, text string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l := widget.NewLabel(text)
	l.Wrapping = textWrap()
	l.Alignment = fyne.TextAlignCenter
	return container.NewPadded(container.NewVBox(t, l))
}

// textWrap is the wrapping for prose labels in the UI language.
func textWrap() fyne.TextWrap { return dock.ProseWrap(i18n.Lang()) }
