// Package ime places the input method's composition and candidate windows at
// the editor's caret. Fyne 2.7 has no input-method (preedit) integration, so
// on Windows the IME draws its candidate list at the screen's top-left
// unless the app tells it where the caret is; this package does that with
// imm32 on the window handle Fyne exposes (driver.NativeWindow). On other
// systems it does nothing: the input method places itself (X11/XIM) or
// cannot be told (macOS, see the README's known limitations).
package ime

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Caret is where a text field's caret is, in Fyne canvas coordinates
// (device-independent units; the window's client area starts at 0,0).
type Caret struct {
	Field     fyne.Position // the text field's top-left on the canvas
	FieldSize fyne.Size
	Cursor    fyne.Position // the caret's top-left inside the field (Entry.CursorPosition)
	Height    float32       // the caret's height: one text line
}

// ClientRect maps the caret to the window's client area in device pixels
// (canvas units × the canvas scale), as imm32 wants them. The caret is kept
// inside the field: Fyne does not expose the field's scroll offset, so a
// caret scrolled out of view is placed at the nearest edge rather than off
// the window.
func ClientRect(c Caret, scale float32) image.Rectangle {
	if scale <= 0 || math.IsNaN(float64(scale)) {
		scale = 1
	}
	h := max(c.Height, 1)
	x := clamp(c.Cursor.X, 0, c.FieldSize.Width)
	y := clamp(c.Cursor.Y, 0, max(c.FieldSize.Height-h, 0))
	px := func(v float32) int { return int(math.Round(float64(v * scale))) }
	left, top := px(c.Field.X+x), px(c.Field.Y+y)
	return image.Rect(left, top, left+max(px(1), 1), top+px(h))
}

func clamp(v, lo, hi float32) float32 {
	if v < lo || math.IsNaN(float64(v)) {
		return lo
	}
	return min(v, hi)
}

// Follow keeps the input method's windows at e's caret in w: it places them
// whenever the caret moves (OnCursorChanged, chained after any handler set
// before; clicking into the field moves the caret too). It does nothing on
// systems other than Windows.
func Follow(w fyne.Window, e *widget.Entry) {
	if supported {
		follow(w, e)
	}
}

func follow(w fyne.Window, e *widget.Entry) {
	prev := e.OnCursorChanged
	e.OnCursorChanged = func() {
		if prev != nil {
			prev()
		}
		Place(w, e)
	}
}

// Place moves the input method's windows to e's caret now.
func Place(w fyne.Window, e *widget.Entry) {
	c := w.Canvas()
	if c == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	th := e.Theme()
	caret := Caret{
		Field:     d.AbsolutePositionForObject(e),
		FieldSize: e.Size(),
		Cursor:    e.CursorPosition(),
		Height:    fyne.MeasureText("国", th.Size(theme.SizeNameText), e.TextStyle).Height,
	}
	place(w, ClientRect(caret, c.Scale()))
}
