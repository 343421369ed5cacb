package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func newTestUILang(t *testing.T, l script.Lang) *UI {
	t.Helper()
	i18n.SetLang(l)
	a := test.NewTempApp(t)
	u := New(a)
	u.Load(fixtureProject(t), newMemFile(), "")
	u.win.Resize(defaultWinSize)
	u.win.Show()
	t.Cleanup(func() { u.saver.Stop(); u.notifier.Stop(); i18n.SetLang(i18n.Zh) })
	return u
}

func textFits(l *widget.Label) bool {
	need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
	return need <= l.Size().Width+0.5
}

// The navigator's marks and legend, the toolbar and Fyne's own words follow
// the UI language; nothing reads as cut off.
func TestShellSpeaksTheUILanguage(t *testing.T) {
	for _, tt := range []struct {
		lang                            script.Lang
		marks, dialogue, legend, cancel string
	}{
		{i18n.Zh, "钩卡", "对白", "钩 开场钩子", "取消"},
		{i18n.En, "HC", "Dialogue", "H hook", "Cancel"},
	} {
		u := newTestUILang(t, tt.lang)
		r := newNavRow()
		u.nav.list.UpdateItem(0, r)
		if r.markers.Text != tt.marks {
			t.Errorf("%s: navigator marks %q, want %q", tt.lang, r.markers.Text, tt.marks)
		}
		test.Tap(u.nav.legendBtn)
		if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(fmt.Sprint(labelsIn(top)), tt.legend) {
			t.Errorf("%s: legend %v", tt.lang, labelsIn(top))
		}
		u.nav.legend.Hide()
		if b := findButton(t, u.ed.content, tt.dialogue); strings.Contains(b.Text, "…") {
			t.Errorf("%s: toolbar button %q", tt.lang, b.Text)
		}
		if got := lang.L("Cancel"); got != tt.cancel {
			t.Errorf("%s: Fyne's Cancel is %q", tt.lang, got)
		}
	}
}

func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	dock.Walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

// The file dialog names its places in Chinese in the Chinese UI.
func TestFileDialogPlacesInChinese(t *testing.T) {
	u := newTestUILang(t, i18n.Zh)
	u.openDialog()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	var list *widget.List
	dock.Walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && list == nil && dock.PlaceLabel(l.CreateItem()) != nil {
			list = l
		}
	})
	if list == nil {
		t.Fatal("no list of places")
	}
	var names []string
	for i := 0; i < list.Length(); i++ {
		item := list.CreateItem()
		list.UpdateItem(i, item)
		names = append(names, dock.PlaceLabel(item).Text)
	}
	for _, n := range names {
		if n == "Home" || n == "Computer" {
			t.Errorf("places %v", names)
		}
	}
	if len(names) == 0 || names[0] != "主目录" {
		t.Errorf("places %v", names)
	}
}

// Board cards show their badges in full and the navigator and board agree.
func TestBoardCardFooterNotCut(t *testing.T) {
	for _, l := range []script.Lang{i18n.Zh, i18n.En} {
		u := newTestUILang(t, l)
		u.SetBadge("check", 1, "⚠12")
		u.SetBadge("culture", 1, "文3")
		u.proj.Episodes[0].Status = "revised"
		u.center.SelectIndex(1)
		u.board.refresh()
		c := u.board.cardFor(0)
		if c == nil {
			t.Fatal("no card")
		}
		if !strings.Contains(c.badge.Text, "⚠12") || !strings.Contains(c.badge.Text, "文3") {
			t.Errorf("%s: card badges %q", l, c.badge.Text)
		}
		for _, lbl := range []*widget.Label{c.info, c.badge, c.title} {
			if !textFits(lbl) {
				t.Errorf("%s: %q is cut (%v wide)", l, lbl.Text, lbl.Size().Width)
			}
		}
	}
}

// History lists a snapshot with the count the editor shows for the same text.
func TestHistoryCountsCharactersLikeTheEditor(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	u.snapshot(u.cur, "manual")
	u.center.SelectIndex(3)
	if len(u.history.snaps) == 0 {
		t.Fatal("no snapshot")
	}
	row := widget.NewLabel("")
	u.history.list.UpdateItem(0, row)
	want := i18n.Tf("history.chars", visibleChars(u.cur.Body))
	if !strings.Contains(row.Text, want) || !strings.HasPrefix(u.ed.stats.Text, fmt.Sprintf("%d ", visibleChars(u.cur.Body))) {
		t.Errorf("history row %q, editor %q, want both %d", row.Text, u.ed.stats.Text, visibleChars(u.cur.Body))
	}
}

// shownSpy counts how often the dock says its panel was brought forward.
type shownSpy struct {
	dock.Panel
	n int
}

func (s *shownSpy) Shown() { s.n++ }

// Bringing a dock tab forward tells its panel (the Subtitles panel warms
// its word list then).
func TestDockTellsThePanelShown(t *testing.T) {
	u := newTestUI(t)
	spy := &shownSpy{Panel: u.dock.panels[dock.Subtitles]}
	if spy.Panel == nil {
		t.Skip("no Subtitles panel built in")
	}
	u.dock.panels[dock.Subtitles] = spy
	u.dock.show(dock.Subtitles)
	if spy.n != 1 {
		t.Fatalf("Shown called %d times", spy.n)
	}
	u.dock.show(dock.AI)
	if spy.n != 1 {
		t.Errorf("Shown called for another tab")
	}
}

// The editor toolbar fits its column at 1280×720 in both languages: every
// marker button, 【付费点】 last, is on screen without scrolling.
func TestEditorToolbarFitsAt1280(t *testing.T) {
	for _, l := range []script.Lang{i18n.Zh, i18n.En} {
		u := newTestUILang(t, l)
		u.win.Resize(fyne.NewSize(1280, 720))
		bar := u.ed.toolbar
		if need, have := bar.Content.MinSize().Width, bar.Size().Width; need > have+0.5 {
			t.Errorf("%s: the toolbar needs %v px, the column has %v", l, need, have)
		}
	}
}
