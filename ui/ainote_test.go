package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// The editor shows AI-written passages until a person edits them.
func TestEditorShowsAIProvenance(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	u := newTestUI(t)
	u.OpenEpisode(2)
	ep := u.proj.Episode(2)
	text := "你就是林家班的人？"
	start := strings.Index(ep.Body, text)
	if start < 0 {
		t.Fatal("fixture changed")
	}
	ai.RecordAccepted(u.proj, 2, start, text, "tiny", "rewrite", time.Now())
	u.ed.updateStats()
	if !u.ed.aiNote.Visible() || !strings.Contains(u.ed.aiNote.Text, "1") {
		t.Fatalf("AI note %q visible=%v", u.ed.aiNote.Text, u.ed.aiNote.Visible())
	}
	test.Tap(u.ed.aiNote)
	if got := u.SelectedText(); got != text {
		t.Fatalf("show next selected %q", got)
	}
	// A person edits the passage: it is no longer AI text.
	u.ed.entry.SetText(strings.Replace(ep.Body, text, "你是林家班的？", 1))
	if u.ed.aiNote.Visible() {
		t.Fatal("AI note still shown after the passage was edited")
	}
}
