package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// Nothing the views show may make the window ask for more room than a
// small screen has: Fyne grows the window to its content's minimum (a long
// package result made it 870 px high).
func TestWindowNeverOutgrowsTheScreen(t *testing.T) {
	for _, lang := range []script.Lang{i18n.Zh, i18n.En} {
		i18n.SetLang(lang)
		u := New(test.NewTempApp(t))
		u.Load(fixtureProject(t), newMemFile(), "")
		u.win.Resize(defaultWinSize)
		u.win.Show()
		tall := canvas.NewRectangle(nil)
		tall.SetMinSize(fyne.NewSize(300, 2000)) // a package with a long list of files
		u.center.SelectIndex(4)
		u.pack.Objects = []fyne.CanvasObject{tall}
		u.pack.Refresh()
		for range 5 {
			u.showNotice("已删除 第3集 开锣")
		}
		for i := range u.center.Items {
			u.center.SelectIndex(i)
			for _, id := range dockIDs {
				u.dock.show(id)
				if m := u.win.Content().MinSize(); m.Width > maxContentMin.Width || m.Height > maxContentMin.Height {
					t.Errorf("%s, tab %d, dock %s: the content asks for %v, more than %v", lang, i, id, m, maxContentMin)
				}
			}
		}
		if s := u.win.Canvas().Size(); s.Width > defaultWinSize.Width || s.Height > defaultWinSize.Height {
			t.Errorf("%s: window grew to %v", lang, s)
		}
	}
}

type fakePlacer struct {
	w, h, x, y int
	moved      bool
}

func (p *fakePlacer) Screen(fyne.Window) (int, int, bool)   { return p.w, p.h, true }
func (p *fakePlacer) Position(fyne.Window) (int, int, bool) { return p.x, p.y, true }
func (p *fakePlacer) Move(_ fyne.Window, x, y int)          { p.x, p.y, p.moved = x, y, true }

// The window comes back at the size and place it had, never larger than
// the screen.
func TestWindowSizeAndPlaceRemembered(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	fp := &fakePlacer{w: 1920, h: 1080, x: 200, y: 90}
	SetPlacer(fp)
	t.Cleanup(func() { SetPlacer(nil) })
	a := test.NewTempApp(t)
	u := New(a)
	u.Load(fixtureProject(t), newMemFile(), "")
	if s := u.win.Canvas().Size(); s != defaultWinSize {
		t.Fatalf("first run: %v, want %v", s, defaultWinSize)
	}
	u.win.Resize(fyne.NewSize(1100, 650))
	u.Close()

	fp.x, fp.y = 0, 0
	u2 := New(a)
	u2.Load(fixtureProject(t), newMemFile(), "")
	u2.PlaceWindow()
	if s := u2.win.Canvas().Size(); s != fyne.NewSize(1100, 650) {
		t.Errorf("second run: size %v, want 1100×650", s)
	}
	if !fp.moved || fp.x != 200 || fp.y != 90 {
		t.Errorf("second run: moved=%v to %d,%d, want 200,90", fp.moved, fp.x, fp.y)
	}
	u2.Close()

	// On a smaller screen the remembered size shrinks to fit.
	fp.w, fp.h = 1024, 600
	u3 := New(a)
	if s := u3.win.Canvas().Size(); s.Width > 1024 || s.Height > 600 {
		t.Errorf("on a 1024×600 screen the window is %v", s)
	}
}
