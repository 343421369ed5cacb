package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// debouncer runs fn on the Fyne goroutine once, delay after the last Poke.
type debouncer struct {
	mu    sync.Mutex
	delay time.Duration
	fn    func()
	timer *time.Timer
}

func newDebouncer(delay time.Duration, fn func()) *debouncer {
	return &debouncer{delay: delay, fn: fn}
}

// Poke (re)starts the countdown.
func (d *debouncer) Poke() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { fyne.Do(d.fn) })
}

// Stop cancels a pending run and reports whether one was pending.
func (d *debouncer) Stop() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer == nil {
		return false
	}
	pending := d.timer.Stop()
	d.timer = nil
	return pending
}
