package ime

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestClientRect(t *testing.T) {
	field := fyne.NewPos(200, 100)
	size := fyne.NewSize(600, 400)
	for _, c := range []struct {
		name   string
		cursor fyne.Position
		scale  float32
		want   image.Rectangle
	}{
		{"首行行首 100%", fyne.NewPos(0, 0), 1, image.Rect(200, 100, 201, 120)},
		{"第三行 100%", fyne.NewPos(56, 40), 1, image.Rect(256, 140, 257, 160)},
		{"第三行 150% 缩放", fyne.NewPos(56, 40), 1.5, image.Rect(384, 210, 386, 240)},
		{"第三行 125% 缩放取整", fyne.NewPos(57, 41), 1.25, image.Rect(321, 176, 322, 201)},
		{"滚出下方：停在输入框底边", fyne.NewPos(30, 900), 1, image.Rect(230, 480, 231, 500)},
		{"负坐标：停在左上", fyne.NewPos(-5, -8), 2, image.Rect(400, 200, 402, 240)},
		{"行尾超出宽度", fyne.NewPos(900, 20), 1, image.Rect(800, 120, 801, 140)},
		{"缩放未知按 1", fyne.NewPos(10, 0), 0, image.Rect(210, 100, 211, 120)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ClientRect(Caret{Field: field, FieldSize: size, Cursor: c.cursor, Height: 20}, c.scale)
			if got != c.want {
				t.Errorf("ClientRect(%v, ×%v) = %v, want %v", c.cursor, c.scale, got, c.want)
			}
		})
	}
}

// TestFollowPlacesAtCaret types Chinese into an Entry on Fyne's test driver
// and checks that every caret move tells place where the caret is.
func TestFollowPlacesAtCaret(t *testing.T) {
	test.NewTempApp(t)
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	called := 0
	e.OnCursorChanged = func() { called++ } // an earlier handler still runs
	w := test.NewTempWindow(t, container.NewPadded(e))
	w.Resize(fyne.NewSize(500, 300))

	var got []image.Rectangle
	old := place
	place = func(_ fyne.Window, r image.Rectangle) { got = append(got, r) }
	t.Cleanup(func() { place = old })
	follow(w, e)

	w.Canvas().Focus(e)
	test.Type(e, "黄河")
	if len(got) == 0 || called == 0 {
		t.Fatalf("caret moves placed the IME %d times, earlier handler ran %d times", len(got), called)
	}
	first := got[len(got)-1]
	test.Type(e, "\n远上白云间")
	second := got[len(got)-1]
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	if first.Min.X <= int(origin.X) || first.Min.Y < int(origin.Y) {
		t.Errorf("caret after 黄河 at %v, not right of the field's start %v", first, origin)
	}
	if second.Min.Y <= first.Min.Y {
		t.Errorf("caret on the second line at %v, not below the first line's %v", second, first)
	}
	if second.Dy() <= 0 || second.Dx() <= 0 {
		t.Errorf("empty caret rectangle %v", second)
	}
}
