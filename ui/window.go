package ui

import (
	"fyne.io/fyne/v2"
)

// Window size and place. Fyne grows a window to its content's minimum size
// whenever that grows (a long package result made it 870 px high on a
// 768 px screen), so the content reports a capped minimum and every view
// scrolls or truncates inside it. The size and, where the platform lets us
// read it, the position are remembered between runs.

// Preference keys of the window's place.
const (
	prefWinW = "window_width" // Fyne units
	prefWinH = "window_height"
	prefWinX = "window_x" // screen pixels
	prefWinY = "window_y"
)

var (
	defaultWinSize = fyne.NewSize(1280, 720) // fits a 1366×768 laptop
	// maxContentMin is the largest minimum size the window content may
	// ask for: a 1024×600 netbook screen still holds the window.
	maxContentMin = fyne.NewSize(960, 540)
)

// Placer reads the screen and the native window's position. The app sets
// one where the platform allows (X11); elsewhere the position is left to
// the window manager.
type Placer interface {
	// Screen is the size in pixels of the screen the window is on.
	Screen(w fyne.Window) (width, height int, ok bool)
	// Position is the window's top-left corner in screen pixels.
	Position(w fyne.Window) (x, y int, ok bool)
	// Move puts the window's top-left corner at x, y.
	Move(w fyne.Window, x, y int)
}

var placer Placer

// SetPlacer installs the platform's window placer (call before New).
func SetPlacer(p Placer) { placer = p }

// capMin is a layout that fills its space with its objects but reports a
// minimum no larger than max, so content never grows the window.
type capMin struct{ max fyne.Size }

func (l capMin) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m.Min(l.max)
}

func (l capMin) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// savedSize is the remembered window size, or the default, never larger
// than the screen.
func (u *UI) savedSize() fyne.Size {
	p := u.app.Preferences()
	s := defaultWinSize
	if w, h := p.Float(prefWinW), p.Float(prefWinH); w >= 400 && h >= 300 {
		s = fyne.NewSize(float32(w), float32(h))
	}
	return u.fitScreen(s)
}

// fitScreen shrinks s to the screen (less room for panels and the title
// bar) when the screen is known.
func (u *UI) fitScreen(s fyne.Size) fyne.Size {
	if placer == nil {
		return s
	}
	sw, sh, ok := placer.Screen(u.win)
	if !ok || sw <= 0 || sh <= 0 {
		return s
	}
	scale := u.win.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	maxW, maxH := float32(sw)/scale, float32(sh-64)/scale
	return fyne.NewSize(min(s.Width, maxW), min(s.Height, maxH))
}

// PlaceWindow restores the remembered position (once the window exists)
// and keeps the window on the screen.
func (u *UI) PlaceWindow() {
	if placer == nil {
		return
	}
	if size := u.win.Canvas().Size(); size != u.fitScreen(size) {
		u.win.Resize(u.fitScreen(size))
	}
	p := u.app.Preferences()
	x, y := p.IntWithFallback(prefWinX, -1), p.IntWithFallback(prefWinY, -1)
	sw, sh, ok := placer.Screen(u.win)
	if x < 0 || y < 0 || !ok || x > sw-100 || y > sh-100 {
		return // never remembered, or off this screen
	}
	placer.Move(u.win, x, y)
}

// rememberWindow keeps the size and position for the next run. Preferences
// are written only when they change (see rememberPlace).
func (u *UI) rememberWindow() {
	p := u.app.Preferences()
	if s := u.win.Canvas().Size(); s.Width >= 400 && s.Height >= 300 {
		if p.Float(prefWinW) != float64(s.Width) || p.Float(prefWinH) != float64(s.Height) {
			p.SetFloat(prefWinW, float64(s.Width))
			p.SetFloat(prefWinH, float64(s.Height))
		}
	}
	if placer == nil || u.stopped {
		return // the native window is gone once the run loop has stopped
	}
	if x, y, ok := placer.Position(u.win); ok && (p.IntWithFallback(prefWinX, -1) != x || p.IntWithFallback(prefWinY, -1) != y) {
		p.SetInt(prefWinX, x)
		p.SetInt(prefWinY, y)
	}
}
