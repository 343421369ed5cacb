package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// scriptEntry is the episode text field: a word-wrapped multi-line Entry
// whose programmatic edits go through the paste path (so each is one undo
// step) and whose undo/redo treat a replace (erase + insert) as one step.
type scriptEntry struct {
	widget.Entry
	clip    *ownClipboard
	undos   []compoundEdit // replaces that are two Entry undo actions
	redos   []compoundEdit
	onKeyed func()                       // after any user keystroke that changes nothing we track
	onCopy  func(start int, text string) // before a cut or copy: the selection's byte offset and text
	onPaste func(text string)            // before a paste from the clipboard
}

// compoundEdit remembers the text before and after a two-action edit.
type compoundEdit struct{ before, after string }

func newScriptEntry() *scriptEntry {
	e := &scriptEntry{clip: &ownClipboard{}}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// ownClipboard feeds text to the Entry's paste path without touching the
// system clipboard.
type ownClipboard struct{ text string }

func (c *ownClipboard) Content() string           { return c.text }
func (c *ownClipboard) SetContent(content string) { c.text = content }

// TypedShortcut adds Ctrl/Cmd+Shift+Z for redo and one-step undo of
// compound edits.
func (e *scriptEntry) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutUndo:
		e.undo()
		return
	case *fyne.ShortcutRedo:
		e.redo()
		return
	case *desktop.CustomShortcut:
		switch {
		case sc.KeyName == fyne.KeyZ && sc.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift:
			e.redo()
			return
		case sc.KeyName == fyne.KeyHome && sc.Modifier == fyne.KeyModifierShortcutDefault:
			e.jump(0)
			return
		case sc.KeyName == fyne.KeyEnd && sc.Modifier == fyne.KeyModifierShortcutDefault:
			e.jump(utf8.RuneCountInString(e.Text))
			return
		}
	case *fyne.ShortcutCut:
		e.redos = nil
		e.copying()
	case *fyne.ShortcutCopy:
		e.copying()
	case *fyne.ShortcutPaste:
		e.redos = nil
		if e.onPaste != nil && sc.Clipboard != nil {
			e.onPaste(sc.Clipboard.Content())
		}
	}
	e.Entry.TypedShortcut(s)
}

// jump puts the cursor at rune pos (Ctrl+Home, Ctrl+End), ending any
// selection.
func (e *scriptEntry) jump(pos int) {
	if e.SelectedText() != "" {
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // a plain key ends the selection
	}
	e.moveTo(pos)
	e.Refresh()
}

// copying tells onCopy where the selection starts. The Entry does not say;
// the cursor stands at one end of it.
func (e *scriptEntry) copying() {
	sel := e.SelectedText()
	if e.onCopy == nil || sel == "" {
		return
	}
	runes := []rune(e.Text)
	c, n := e.CursorTextOffset(), utf8.RuneCountInString(sel)
	start := c
	if c-n >= 0 && c <= len(runes) && string(runes[c-n:c]) == sel {
		start = c - n
	}
	e.onCopy(runeToByte(e.Text, start), sel)
}

// TypedRune drops the redo marks: new typing starts a new branch.
func (e *scriptEntry) TypedRune(r rune) {
	e.redos = nil
	e.Entry.TypedRune(r)
}

func (e *scriptEntry) undo() {
	if n := len(e.undos); n > 0 && e.undos[n-1].after == e.Text {
		c := e.undos[n-1]
		e.undos = e.undos[:n-1]
		e.Entry.Undo()
		e.Entry.Undo()
		e.redos = append(e.redos, compoundEdit{before: c.before, after: c.after})
		return
	}
	e.Entry.Undo()
}

func (e *scriptEntry) redo() {
	if n := len(e.redos); n > 0 && e.redos[n-1].before == e.Text {
		c := e.redos[n-1]
		e.redos = e.redos[:n-1]
		e.Entry.Redo()
		e.Entry.Redo()
		e.undos = append(e.undos, c)
		return
	}
	e.Entry.Redo()
}

// paste inserts text at the cursor, replacing the selection, as the Entry's
// own paste does; a replaced selection is remembered as one undo step.
func (e *scriptEntry) paste(text string) {
	before := e.Text
	hadSel := e.SelectedText() != ""
	e.clip.text = text
	e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: e.clip})
	e.clip.text = ""
	e.redos = nil
	if hadSel && text != "" {
		e.undos = append(e.undos, compoundEdit{before: before, after: e.Text})
		if len(e.undos) > 200 {
			e.undos = e.undos[1:]
		}
	}
}

// setText replaces the whole text and forgets undo history (a new episode).
func (e *scriptEntry) setText(s string) {
	e.undos, e.redos = nil, nil
	e.SetText(s)
}

// cursorRune returns the cursor position in runes.
func (e *scriptEntry) cursorRune() int { return e.CursorTextOffset() }

// moveTo places the cursor at rune offset pos. Entry rows are visual
// (wrapped) rows, so the row is found by binary search on row start offsets.
func (e *scriptEntry) moveTo(pos int) {
	row, col := e.rowColOf(pos)
	e.CursorRow, e.CursorColumn = row, col
}

func (e *scriptEntry) rowColOf(pos int) (int, int) {
	if pos <= 0 {
		return 0, 0
	}
	n := utf8.RuneCountInString(e.Text)
	if pos > n {
		pos = n
	}
	// rowStart returns the rune offset where row r starts, or -1 past the
	// last row (the Entry answers col=0 for a missing row, which is 0).
	rowStart := func(r int) int {
		e.CursorRow, e.CursorColumn = r, 0
		s := e.CursorTextOffset()
		if r > 0 && s == 0 {
			return -1
		}
		return s
	}
	lo, hi := 0, n+1 // find the last row whose start ≤ pos
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s := rowStart(mid); s >= 0 && s <= pos {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, pos - rowStart(lo)
}

// selectRunes selects [start,end) in runes, leaving the cursor at end.
func (e *scriptEntry) selectRunes(start, end int) {
	if end < start {
		start, end = end, start
	}
	if e.SelectedText() != "" {
		// An active selection keeps its anchor: end it first.
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	e.moveTo(start)
	if end == start {
		e.Refresh()
		return
	}
	// The Entry has no selection setter: hold Shift, step left then right
	// from the end, which marks the selection from start.
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.moveTo(end)
	e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.Refresh()
}

// runeToByte converts a rune offset in s to a byte offset.
func runeToByte(s string, r int) int {
	if r <= 0 {
		return 0
	}
	i := 0
	for b := range s {
		if i == r {
			return b
		}
		i++
	}
	return len(s)
}

// byteToRune converts a byte offset in s to a rune offset, clamped.
func byteToRune(s string, b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(s) {
		b = len(s)
	}
	return utf8.RuneCountInString(s[:b])
}
