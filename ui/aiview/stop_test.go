//go:build !race

// Fyne's test driver runs fyne.Do on the calling goroutine, so a test that
// streams on a real goroutine while reading widgets is racy by
// construction (the app serialises on the main thread); it runs without
// -race only.

package aiview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/ai/aitest"
)

func TestStopKeepsPartialAndText(t *testing.T) {
	h, p, srv := setup(t)
	runAsync = func(f func()) { go f() }
	h.CursorAt = len(body2)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("周母：", ""), aitest.Delta("（一愣）", "")}, EventDelay: 20 * time.Millisecond, Stall: true})
	test.Tap(p.taskBtns[0])
	waitFor(t, func() bool { return strings.Contains(p.output.Text, "（一愣）") })
	if p.stop.Disabled() {
		t.Fatal("Stop disabled while streaming")
	}
	test.Tap(p.stop)
	waitFor(t, func() bool { return p.job != nil && !p.job.running })
	if p.output.Text != "周母：（一愣）" || h.Cur.Body != body2 || p.more.Disabled() || p.accept.Disabled() {
		t.Fatalf("after stop: %q more=%v", p.output.Text, p.more.Disabled())
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 200 {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("timed out")
}
