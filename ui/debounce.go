package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/ui/dock"
)

// debouncer runs fn on the Fyne goroutine once, delay after the last Poke
// (the dock's one debouncer).
type debouncer = dock.Debouncer

func newDebouncer(delay time.Duration, fn func()) *debouncer {
	return dock.NewDebouncer(delay, fyne.Do, fn)
}
