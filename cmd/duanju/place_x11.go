//go:build linux && !wayland && cgo

package main

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <X11/Xutil.h>

static Display *dpy;

static Display *display(void) {
	if (!dpy) dpy = XOpenDisplay(NULL);
	return dpy;
}

// screenSize is the size of the screen holding window w.
static int screenSize(unsigned long w, int *width, int *height) {
	Display *d = display();
	XWindowAttributes a;
	if (!d || !XGetWindowAttributes(d, (Window)w, &a) || !a.screen) return 0;
	*width = WidthOfScreen(a.screen);
	*height = HeightOfScreen(a.screen);
	return 1;
}

// position is the top-left corner of w's frame on the root window.
static int position(unsigned long w, int *x, int *y) {
	Display *d = display();
	XWindowAttributes a;
	Window child, root, parent, *kids = NULL;
	unsigned int n;
	if (!d || !XGetWindowAttributes(d, (Window)w, &a)) return 0;
	// The window manager's frame, if any, is the child of the root that
	// holds w: that is what XMoveWindow places.
	Window top = (Window)w;
	while (XQueryTree(d, top, &root, &parent, &kids, &n)) {
		if (kids) XFree(kids);
		if (parent == root || parent == 0) break;
		top = parent;
	}
	return XTranslateCoordinates(d, top, a.root, 0, 0, x, y, &child);
}

static void move(unsigned long w, int x, int y) {
	Display *d = display();
	if (!d) return;
	XMoveWindow(d, (Window)w, x, y);
	XFlush(d);
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"github.com/duanju-studio/duanju/ui"
)

// x11Placer reads and sets the window's place with Xlib (Fyne has no API
// for the window position).
type x11Placer struct{}

func init() { ui.SetPlacer(x11Placer{}) }

func x11Handle(w fyne.Window) (handle C.ulong) {
	// After the run loop GLFW is terminated and asking panics: no handle.
	defer func() {
		if recover() != nil {
			handle = 0
		}
	}()
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.X11WindowContext); ok {
				h = c.WindowHandle
			}
		})
	}
	return C.ulong(h)
}

func (x11Placer) Screen(w fyne.Window) (int, int, bool) {
	h := x11Handle(w)
	if h == 0 {
		return 0, 0, false
	}
	var width, height C.int
	if C.screenSize(h, &width, &height) == 0 {
		return 0, 0, false
	}
	return int(width), int(height), true
}

func (x11Placer) Position(w fyne.Window) (int, int, bool) {
	h := x11Handle(w)
	if h == 0 {
		return 0, 0, false
	}
	var x, y C.int
	if C.position(h, &x, &y) == 0 {
		return 0, 0, false
	}
	return int(x), int(y), true
}

func (x11Placer) Move(w fyne.Window, x, y int) {
	if h := x11Handle(w); h != 0 {
		C.move(h, C.int(x), C.int(y))
	}
}
