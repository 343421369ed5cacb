package aiview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// dockShower is what a host may offer to bring a dock tab forward; the
// shell's Host does not promise it, so reveal falls back to finding the
// tab that holds the panel in the window's content.
type dockShower interface{ ShowDock(id string) }

// reveal brings the AI tab (and its proposal page) to the front, so a
// request from another view (Self-check's "Fix with AI") is seen at once.
func (p *panel) reveal() {
	p.tabs.SelectIndex(0)
	if s, ok := p.h.(dockShower); ok {
		s.ShowDock(p.ID())
		return
	}
	if w := p.h.Window(); w != nil {
		selectTabHolding(w.Content(), p.content)
	}
}

// selectTabHolding selects, in every tab container under root, the tab
// whose content contains target. It reports whether target was found.
func selectTabHolding(root, target fyne.CanvasObject) bool {
	if root == nil {
		return false
	}
	if root == target {
		return true
	}
	switch o := root.(type) {
	case *container.AppTabs:
		for i, it := range o.Items {
			if selectTabHolding(it.Content, target) {
				if o.SelectedIndex() != i {
					o.SelectIndex(i)
				}
				return true
			}
		}
	case *container.DocTabs:
		for i, it := range o.Items {
			if selectTabHolding(it.Content, target) {
				o.SelectIndex(i)
				return true
			}
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if selectTabHolding(c, target) {
				return true
			}
		}
	case *container.Split:
		return selectTabHolding(o.Leading, target) || selectTabHolding(o.Trailing, target)
	case *container.Scroll:
		return selectTabHolding(o.Content, target)
	case *widget.Card:
		return selectTabHolding(o.Content, target)
	}
	return false
}

// ShowSettings opens the AI settings dialog of the main window's AI tab
// (for views that need AI and find it not set up). Call it on the Fyne
// goroutine. It returns false when no AI tab exists.
func ShowSettings() bool {
	activeMu.Lock()
	p := active
	activeMu.Unlock()
	if p == nil {
		return false
	}
	p.reveal()
	p.showSettings()
	return true
}
