package aiview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// dockSize is the AI dock at the default 1280×720 window.
var dockSize = fyne.NewSize(470, 560)

// TestDockFitsAt1280 (issue 11, items 11 and 16): in Chinese and English
// no task or action button of the AI dock is cut off, the header wraps
// rather than ends in "…", and the settings speak the UI language (no
// Fyne "(Select one)").
func TestDockFitsAt1280(t *testing.T) {
	for _, lang := range []script.Lang{script.Zh, script.En} {
		h, _, _ := setup(t)
		i18n.SetLang(lang)
		h.LangCode = lang
		h.FyneApp.Preferences().RemoveValue(aiconf.PrefProvider) // not set up: the longest header
		t.Setenv("DUANJU_AI_PROVIDER", "")
		t.Setenv("DUANJU_AI_BASE_URL", "")
		p := newPanel(h)
		h.Win.SetContent(p.Content())
		h.Win.Resize(dockSize)
		var btns []*widget.Button
		btns = append(btns, p.taskBtns...)
		btns = append(btns, p.accept, p.insert, p.copyBtn, p.discard, p.stop, p.more)
		for _, b := range btns {
			if !buttonFits(b) {
				t.Errorf("%s: %q cut off (%v wide)", lang, b.Text, b.Size().Width)
			}
		}
		if p.header.Truncation != fyne.TextTruncateOff || !labelFits(p.header) {
			t.Errorf("%s: header %q cut off", lang, p.header.Text)
		}
		p.showSettings()
		f := p.settingsForm
		f.provider.SetSelected(ai.LookupProvider(ai.ProviderVLLM).Name) // no regions
		if sel := f.region.PlaceHolder; strings.Contains(sel, "Select one") || sel == "" {
			t.Errorf("%s: region shows %q", lang, sel)
		}
	}
}

func buttonFits(b *widget.Button) bool {
	need := fyne.MeasureText(b.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
	if b.Icon != nil {
		need += theme.IconInlineSize() + theme.Padding()
	}
	return need <= b.Size().Width+0.5
}

// labelFits: a wrapping label shows all its text; a single-line one must
// be wide enough.
func labelFits(l *widget.Label) bool {
	if l.Wrapping != fyne.TextWrapOff {
		return l.Size().Height+0.5 >= l.MinSize().Height
	}
	return fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width+2*theme.InnerPadding() <= l.Size().Width+0.5
}
