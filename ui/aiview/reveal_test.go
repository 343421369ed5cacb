package aiview

import (
	"testing"

	"github.com/duanju-studio/duanju/ui/dock"
)

func TestSettingsRequestBringsThePanelForward(t *testing.T) {
	h, p, _ := setup(t)
	p.tabs.SelectIndex(2)
	if !h.Request(dock.ShowAISettings{}) || p.settingsForm == nil {
		t.Fatal("settings not opened")
	}
	if len(h.Shown) != 1 || h.Shown[0] != dock.AI || p.tabs.SelectedIndex() != 0 {
		t.Errorf("shown %v, page %d", h.Shown, p.tabs.SelectedIndex())
	}
	if p.Handle(struct{ dock.ShowAISettings }{}) {
		t.Error("handled a request it does not know")
	}
}
