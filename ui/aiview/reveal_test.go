package aiview

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func TestFixFindingAndSettingsBringTheTabForward(t *testing.T) {
	h, p, _ := setup(t)
	tabs := container.NewAppTabs(container.NewTabItem("AI", container.NewHScroll(p.Content())), container.NewTabItem("other", widget.NewLabel("")))
	h.Win.SetContent(container.NewHSplit(widget.NewLabel("editor"), tabs))
	tabs.SelectIndex(1)
	if !ShowSettings() || p.settingsForm == nil {
		t.Fatal("settings not opened")
	}
	if tabs.SelectedIndex() != 0 {
		t.Error("the AI tab was not brought forward")
	}
}
