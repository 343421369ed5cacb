package dock

import (
	"sync"
	"time"
)

// Debouncer runs fn once, delay after the last Poke, through do (fyne.Do
// or Host.Do), so a burst of edits costs one run. The one debouncer of the
// app: the window's saver and notifier and the panels' re-checks use it.
type Debouncer struct {
	mu    sync.Mutex
	delay time.Duration
	do    func(func())
	fn    func()
	timer *time.Timer
}

// NewDebouncer returns a debouncer; with delay <= 0 Poke runs fn at once.
func NewDebouncer(delay time.Duration, do func(func()), fn func()) *Debouncer {
	return &Debouncer{delay: delay, do: do, fn: fn}
}

// Poke (re)starts the countdown.
func (d *Debouncer) Poke() {
	if d.delay <= 0 {
		d.fn()
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { d.do(d.fn) })
}

// Stop cancels a pending run and reports whether one was pending.
func (d *Debouncer) Stop() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer == nil {
		return false
	}
	pending := d.timer.Stop()
	d.timer = nil
	return pending
}
