package dock

import (
	"context"
	"sync"
)

// Task is a panel's slot for one kind of background work (a check, a
// scan, an AI call): starting it again cancels the run before, and only
// the latest run may report. The zero Task is not usable; use NewTask.
type Task struct {
	h      Host
	mu     sync.Mutex
	run    int // the latest run's number
	cancel context.CancelFunc
	busy   bool
	// stopped: the latest run was stopped, not cancelled; it still reports
	stopped bool
}

// NewTask returns a task whose work runs through h.
func NewTask(h Host) *Task { return &Task{h: h} }

// Run cancels the previous run and starts work on a worker goroutine. work
// gets a context that Cancel or the next Run cancels, and report, which
// runs f on the Fyne goroutine (for progress) unless the run is no longer
// current. The function work returns (may be nil) shows the result the
// same way. Call Run on the Fyne goroutine.
func (t *Task) Run(work func(ctx context.Context, report func(f func())) func()) {
	ctx, cancel := context.WithCancel(context.Background())
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel()
	}
	t.run++
	n := t.run
	t.cancel, t.busy, t.stopped = cancel, true, false
	t.mu.Unlock()

	current := func() bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.run == n && (ctx.Err() == nil || t.stopped)
	}
	report := func(f func()) {
		if f == nil {
			return
		}
		t.h.Do(func() {
			if current() {
				f()
			}
		})
	}
	t.h.Go(func() {
		show := work(ctx, report)
		t.h.Do(func() {
			ok := current()
			t.mu.Lock()
			if t.run == n {
				t.busy = false
				t.cancel = nil
			}
			t.mu.Unlock()
			cancel()
			if ok && show != nil {
				show()
			}
		})
	})
}

// Cancel cancels the running work; its result is not shown.
func (t *Task) Cancel() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	t.busy, t.stopped = false, false
}

// Stop cancels the running work's context but still shows what it
// returns (an AI reply stopped half way stays for review).
func (t *Task) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
	}
	t.stopped = true
}

// Running reports whether a run has started and not yet reported.
func (t *Task) Running() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.busy
}
