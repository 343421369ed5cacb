// Command duanju is the Duanju Studio desktop app (短剧工坊). Build release
// binaries with -tags no_emoji (the bundled emoji font costs ~10 MB).
package main

import (
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/duanju-studio/duanju/ui"
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50) // a small heap: a little GC time for less memory
	}
	a := app.NewWithID("studio.duanju.app")
	u := ui.New(a)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; fyne.Do(u.Quit) }()
	u.Start(os.Args[1:]...)
	// Once the native window exists: back where it was, and on the screen.
	a.Lifecycle().SetOnStarted(u.PlaceWindow)
	u.Window().ShowAndRun()
	// Whatever ended the run loop (a signal that arrived while Start was
	// still opening the project included), close the project cleanly.
	u.Close()
}
