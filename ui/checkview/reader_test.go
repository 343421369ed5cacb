package checkview

import (
	"testing"

	"github.com/duanju-studio/duanju/script/check"
)

// TestReaderBadge: every finding says who raised it; findings from before
// readers were recorded count as rules.
func TestReaderBadge(t *testing.T) {
	rule := readerBadge(check.Finding{Reader: check.ReaderRule})
	model := readerBadge(check.Finding{Reader: check.ReaderModel})
	ai := readerBadge(check.Finding{Reader: check.ReaderAI})
	if rule == "" || model == "" || ai == "" || rule == model || model == ai || rule == ai {
		t.Errorf("badges %q %q %q", rule, model, ai)
	}
	if old := readerBadge(check.Finding{}); old != rule {
		t.Errorf("no reader: %q, want %q", old, rule)
	}
}
