//go:build !windows

package ime

import (
	"image"

	"fyne.io/fyne/v2"
)

const supported = false

// place is a no-op: only Windows needs to be told where the caret is.
var place = func(fyne.Window, image.Rectangle) {}
