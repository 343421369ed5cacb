package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/script/store"
)

const aiPassage = "△锣声停了，台下一片寂静。\n林秋禾：这出戏，我唱完。"

// acceptContinuation does what the AI dock does on 采纳 of a 续写 of
// episode n: shift the records, replace through the host (one undo step),
// record the text, tell the host.
func acceptContinuation(u *UI, n int, text string) int {
	ep := u.proj.Episode(n)
	at := len(ep.Body)
	if !strings.HasSuffix(ep.Body, "\n") {
		text = "\n" + text
	}
	ai.ShiftForEdit(u.proj, n, at, at, len(text))
	u.Replace(n, at, at, text)
	ai.RecordAccepted(u.proj, n, at, text, "tiny", "continue", time.Now())
	u.Changed()
	return at
}

// hasAI says what the writer sees: Export's AI label, the blocker, the badge.
func hasAI(u *UI) bool {
	ep := u.cur
	return export.HasAIText(u.proj) && ai.Unlabelled(u.proj) && u.ed.aiNote.Visible() &&
		len(ai.AIRanges(u.proj, ep.Number)) == 1 && strings.Contains(ep.Body, ai.AIRanges(u.proj, ep.Number)[0].Text)
}

func TestProvenanceFollowsUndoRedo(t *testing.T) {
	u := newTestUI(t)
	acceptContinuation(u, 3, aiPassage)
	if !hasAI(u) {
		t.Fatalf("after accept: provenance %+v", u.proj.Provenance)
	}
	u.Save()
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if strings.Contains(u.cur.Body, "这出戏") || export.HasAIText(u.proj) || u.ed.aiNote.Visible() {
		t.Fatalf("after undo: body %q, provenance %+v", u.cur.Body, u.proj.Provenance)
	}
	if !u.dirtyPrj {
		t.Error("dropping the AI record did not mark the project for saving")
	}
	u.Save()
	u.ed.entry.TypedShortcut(ctrlShift(fyne.KeyZ))
	if !strings.Contains(u.cur.Body, "这出戏") {
		t.Fatalf("redo did not bring the text back: %q", u.cur.Body)
	}
	if !hasAI(u) {
		t.Fatalf("after redo the AI text is not marked: %+v", u.proj.Provenance)
	}
	if !u.dirtyPrj {
		t.Error("the restored AI record is not saved")
	}
}

func TestProvenanceEditInsideThenUndo(t *testing.T) {
	u := newTestUI(t)
	at := acceptContinuation(u, 3, aiPassage)
	// Type inside the passage: a person changed it, it is no longer AI text.
	mid := strings.Index(u.cur.Body[at:], "寂静") + at
	u.ed.entry.moveTo(byteToRune(u.cur.Body, mid))
	u.win.Canvas().Focus(u.ed.entry)
	test.Type(u.ed.entry, "了")
	if export.HasAIText(u.proj) || u.ed.aiNote.Visible() {
		t.Fatalf("edited passage still marked: %+v", u.proj.Provenance)
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if !hasAI(u) {
		t.Fatalf("undo of the edit did not bring the mark back: body %q, %+v", u.cur.Body, u.proj.Provenance)
	}
	// Typing before the passage moves the record with it.
	u.ed.entry.moveTo(0)
	test.Type(u.ed.entry, "开场")
	r := ai.AIRanges(u.proj, 3)
	if len(r) != 1 || u.cur.Body[r[0].Start:r[0].End] != r[0].Text {
		t.Fatalf("record did not follow an edit before it: %+v", r)
	}
}

func TestProvenanceFollowsCutAndPaste(t *testing.T) {
	u := newTestUI(t)
	at := acceptContinuation(u, 3, aiPassage)
	text := u.cur.Body[at:]
	u.Select(3, at, len(u.cur.Body))
	if u.SelectedText() != text {
		t.Fatalf("selected %q", u.SelectedText())
	}
	clip := test.NewClipboard()
	u.ed.entry.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	if export.HasAIText(u.proj) {
		t.Fatalf("cut text still recorded: %+v", u.proj.Provenance)
	}
	u.ed.entry.moveTo(0)
	u.ed.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if !strings.HasPrefix(u.cur.Body, text) {
		t.Fatalf("paste gave %q", u.cur.Body)
	}
	if !hasAI(u) || ai.AIRanges(u.proj, 3)[0].Start != 0 {
		t.Fatalf("pasted AI text is not marked: %+v", u.proj.Provenance)
	}
	// Copy and paste marks the copy as AI text too.
	u.Select(3, 0, len(text))
	u.ed.entry.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	u.ed.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // ends the selection
	u.ed.entry.moveTo(byteToRune(u.cur.Body, len(u.cur.Body)))
	u.ed.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if n := len(ai.AIRanges(u.proj, 3)); n != 2 {
		t.Fatalf("copy-paste: %d AI passages, want 2: %+v", n, u.proj.Provenance)
	}
	// Text typed by hand is never AI text.
	clip.SetContent("林秋禾：我唱完。")
	u.ed.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if n := len(ai.AIRanges(u.proj, 3)); n != 2 {
		t.Fatalf("pasting other text added AI passages: %+v", u.proj.Provenance)
	}
}

func TestProvenanceFollowsHistoryRestore(t *testing.T) {
	u := newTestUI(t)
	acceptContinuation(u, 3, aiPassage)
	u.snapshot(u.cur, "manual")
	// The passage is rewritten by hand…
	body := u.cur.Body
	u.Replace(3, 0, len(body), strings.Replace(body, "寂静", "哗然", 1))
	if export.HasAIText(u.proj) {
		t.Fatal("rewritten passage still marked")
	}
	// …and the snapshot restored: the AI text and its mark are back.
	u.center.SelectIndex(3)
	if len(u.history.snaps) == 0 {
		t.Fatal("no snapshot listed")
	}
	u.history.list.Select(0)
	u.history.restoreSelected()
	if u.cur.Body != body {
		t.Fatalf("restore gave %q", u.cur.Body)
	}
	if !hasAI(u) {
		t.Fatalf("restored AI text is not marked: %+v", u.proj.Provenance)
	}
}

// After undo and redo the record reaches the file and survives a reopen.
func TestProvenanceSavedAfterRedo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.duanju")
	s, err := store.Create(path, fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Load()
	u := New(test.NewTempApp(t))
	u.Load(p, storeFile{s}, path)
	acceptContinuation(u, 3, aiPassage)
	u.Save()
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	u.Save()
	if q, _ := s.Load(); export.HasAIText(q) {
		t.Fatalf("after undo the file still records AI text: %+v", q.Provenance)
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutRedo{})
	u.Close()
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	q, _ := s2.Load()
	if !export.HasAIText(q) || len(ai.AIRanges(q, 3)) != 1 {
		t.Fatalf("reopened project lost the AI record: %+v", q.Provenance)
	}
}
