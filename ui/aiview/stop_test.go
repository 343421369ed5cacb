package aiview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/ai/aitest"
)

// The stream runs on a real goroutine (the host is asynchronous); what it
// reports runs on the test goroutine when it drains, as on the Fyne one.
func TestStopKeepsPartialAndText(t *testing.T) {
	h, p, srv := setup(t)
	h.Async()
	h.CursorAt = len(body2)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("周母：", ""), aitest.Delta("（一愣）", "")}, EventDelay: 20 * time.Millisecond, Stall: true})
	test.Tap(p.taskBtns[0])
	waitFor(t, h.Drain, func() bool { return strings.Contains(p.output.Text, "（一愣）") })
	if p.stop.Disabled() {
		t.Fatal("Stop disabled while streaming")
	}
	test.Tap(p.stop)
	h.Wait()
	if p.job == nil || p.job.running || p.output.Text != "周母：（一愣）" || h.Cur.Body != body2 || p.more.Disabled() || p.accept.Disabled() {
		t.Fatalf("after stop: %q more=%v", p.output.Text, p.more.Disabled())
	}
}

// waitFor drains the host's reports until cond holds.
func waitFor(t *testing.T, drain func(), cond func() bool) {
	t.Helper()
	for range 300 {
		drain()
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("timed out")
}
