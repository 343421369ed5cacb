package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// shortcut finds the menu item bound to s, as Fyne's menu bar would.
func shortcut(t *testing.T, u *UI, s fyne.Shortcut) *fyne.MenuItem {
	t.Helper()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() {
				return it
			}
		}
	}
	t.Fatalf("no menu item for %s", s.ShortcutName())
	return nil
}

func press(t *testing.T, u *UI, s fyne.Shortcut) { shortcut(t, u, s).Action() }

func TestFindInEpisodeAndSeries(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	press(t, u, ctrl(fyne.KeyF))
	f := u.ed.find
	if !f.content.Visible() || f.replaceRow.Visible() || u.win.Canvas().Focused() != fyne.Focusable(f.query) {
		t.Fatal("Ctrl+F did not open the find bar with the focus in it")
	}
	test.Type(f.query, "林秋禾")
	if len(f.hits) != 3 || f.count.Text != "共 3 处" {
		t.Fatalf("in episode 1: %d hits, %q", len(f.hits), f.count.Text)
	}
	f.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter: next
	if u.SelectedText() != "林秋禾" || f.at != 0 || f.count.Text != "第 1 / 3 处" {
		t.Fatalf("Enter selected %q (hit %d, %q)", u.SelectedText(), f.at, f.count.Text)
	}
	f.step(1)
	if f.at != 1 || u.Cursor() != f.hits[1].end {
		t.Errorf("next: hit %d, cursor %d", f.at, u.Cursor())
	}
	// Across the series: a list of hits; a click jumps to another episode.
	test.Tap(f.series)
	if len(f.hits) != 5 {
		t.Fatalf("series: %d hits, want 5", len(f.hits))
	}
	var row *widget.Label
	for i, h := range f.hits {
		if h.ep.Number == 2 {
			f.list.Select(i)
			row = widget.NewLabel("")
			f.list.UpdateItem(i, row)
			break
		}
	}
	if u.cur.Number != 2 || u.SelectedText() != "林秋禾" {
		t.Fatalf("the list did not jump: episode %d, selection %q", u.cur.Number, u.SelectedText())
	}
	if row == nil || !strings.HasPrefix(row.Text, "第2集 第") || !strings.Contains(row.Text, "【林秋禾】") {
		t.Errorf("result row %v", row)
	}
	f.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.content.Visible() {
		t.Error("Escape did not close the find bar")
	}
}

func TestReplaceInEpisodeAndSeries(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	press(t, u, ctrl(fyne.KeyH))
	f := u.ed.find
	if !f.replaceRow.Visible() {
		t.Fatal("Ctrl+H did not show the replace row")
	}
	test.Type(f.query, "林秋禾")
	test.Type(f.with, "林晚")
	f.replaceOne() // first: finds
	f.replaceOne() // then replaces, one undo step
	if strings.Count(u.cur.Body, "林晚") != 1 {
		t.Fatalf("replace one: %q", u.cur.Body)
	}
	f.replaceAll()
	if strings.Contains(u.cur.Body, "林秋禾") || strings.Count(u.cur.Body, "林晚") != 3 {
		t.Fatalf("replace all in the episode: %q", u.cur.Body)
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if strings.Count(u.cur.Body, "林晚") != 1 {
		t.Fatalf("replace all is not one undo step: %q", u.cur.Body)
	}
	// Across the series; other episodes keep a snapshot of their text.
	test.Tap(f.series)
	f.replaceAll()
	for _, ep := range u.proj.Episodes {
		if strings.Contains(ep.Body, "林秋禾") {
			t.Errorf("episode %d still has 林秋禾", ep.Number)
		}
	}
	snaps, _ := u.file.History(u.proj.Episode(2))
	if len(snaps) == 0 {
		t.Error("no snapshot before replacing in episode 2")
	}
	if len(u.proj.Episode(2).Scenes[0].Cast) == 0 || u.proj.Episode(2).Scenes[0].Cast[0] != "林晚" {
		t.Errorf("episode 2 not re-parsed: %+v", u.proj.Episode(2).Scenes[0].Cast)
	}
}

func TestWriterShortcuts(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(2)
	n := len([]rune(u.cur.Body))
	u.ed.entry.moveTo(5)
	u.ed.entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierShortcutDefault})
	if u.ed.entry.cursorRune() != n {
		t.Errorf("Ctrl+End: cursor %d, want %d", u.ed.entry.cursorRune(), n)
	}
	u.ed.entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyHome, Modifier: fyne.KeyModifierShortcutDefault})
	if u.ed.entry.cursorRune() != 0 {
		t.Errorf("Ctrl+Home: cursor %d", u.ed.entry.cursorRune())
	}
	if it := shortcut(t, u, ctrl(fyne.KeyE)); it.Label != "导出…" && !strings.Contains(it.Label, "导出") {
		t.Errorf("Ctrl+E is %q, want export", it.Label)
	}
	if it := shortcut(t, u, ctrl(fyne.KeyQ)); !it.IsQuit {
		t.Errorf("Ctrl+Q is %q, want quit", it.Label)
	}
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == ctrl(fyne.KeyP).ShortcutName() {
				t.Errorf("Ctrl+P is bound to %q; it means print", it.Label)
			}
		}
	}
	// The help lists them.
	help := ""
	for _, r := range shortcutRows() {
		help += r[0] + "\n"
	}
	for _, k := range []string{"Ctrl+F", "Ctrl+H", "Ctrl+E", "Ctrl+Q", "Ctrl+Home / Ctrl+End"} {
		if !strings.Contains(help, k) {
			t.Errorf("Shortcuts help lacks %s", k)
		}
	}
}

// Dialogs: the field has the focus, Enter submits, Escape cancels, and a
// Chinese title fits.
func TestRenameDialogKeys(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(2)
	u.renameEpisode()
	e, ok := u.win.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("focus is on %T, want the title field", u.win.Canvas().Focused())
	}
	if w := e.Size().Width; w < dialogFieldWidth {
		t.Errorf("title field is %v wide", w)
	}
	test.Type(e, "回乡之路，一声梆子响彻朱仙镇")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.cur.Title != "回乡之路，一声梆子响彻朱仙镇" {
		t.Fatalf("Enter did not submit: title %q", u.cur.Title)
	}
	u.renameEpisode()
	e = u.win.Canvas().Focused().(*keyEntry)
	test.Type(e, "不要")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.cur.Title != "回乡之路，一声梆子响彻朱仙镇" {
		t.Fatalf("Escape did not cancel: title %q", u.cur.Title)
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Error("the dialog is still open after Escape")
	}
}

// The speaker picker: focus in its field, Enter picks, Escape cancels.
func TestSpeakerPickerKeys(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	before := u.cur.Body
	u.ed.pickSpeaker()
	q, ok := u.win.Canvas().Focused().(*keyEntry)
	if !ok || q != u.ed.picker.query {
		t.Fatalf("focus on %T", u.win.Canvas().Focused())
	}
	q.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.ed.picker.popup.Visible() || u.cur.Body != before {
		t.Fatal("Escape did not cancel the speaker picker")
	}
	u.ed.pickSpeaker()
	test.Type(q, "周")
	q.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(u.cur.Body, "周叙：") {
		t.Fatalf("Enter did not pick: %q", u.cur.Body)
	}
}

// Escape closes the help and settings dialogs.
func TestEscapeClosesDialogs(t *testing.T) {
	u := newTestUI(t)
	for name, open := range map[string]func(){"shortcuts": u.showShortcuts, "settings": u.showSettings, "about": u.showAbout} {
		open()
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no dialog", name)
		}
		u.win.Canvas().Unfocus()
		u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if u.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: Escape did not close it", name)
		}
	}
}
