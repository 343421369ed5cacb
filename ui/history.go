package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/diff"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// historyView lists the current episode's snapshots; selecting one shows
// what changed since (a line diff against the editor text) and Restore
// puts it back as one undoable edit.
type historyView struct {
	u       *UI
	snaps   []Snapshot
	list    *widget.List
	diff    *widget.RichText
	summary *widget.Label
	restore *widget.Button
	sel     int
	content fyne.CanvasObject
	counts  map[int64]int // snapshot → characters, counted as the editor counts
}

func newHistoryView(u *UI) *historyView {
	h := &historyView{u: u, sel: -1}
	h.list = widget.NewList(
		func() int { return len(h.snaps) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := h.snaps[i]
			o.(*widget.Label).SetText(s.Time.Local().Format("01-02 15:04:05") + "  " + snapNote(s) + "  " + i18n.Tf("history.chars", h.chars(s)))
		},
	)
	h.list.OnSelected = func(i widget.ListItemID) { h.sel = i; h.showDiff() }
	h.diff = widget.NewRichText()
	h.diff.Wrapping = textWrap()
	h.summary = widget.NewLabel(i18n.T("history.pick"))
	h.summary.Wrapping = textWrap()
	h.restore = widget.NewButtonWithIcon(i18n.T("history.restore"), theme.HistoryIcon(), h.confirmRestore)
	h.restore.Disable()
	snap := widget.NewButtonWithIcon(i18n.T("history.snapshot"), theme.DocumentSaveIcon(), func() {
		u.snapshot(u.cur, i18n.T("history.manual"))
		h.refresh()
	})
	left := container.NewBorder(snap, nil, nil, nil, h.list)
	right := container.NewBorder(container.NewBorder(nil, nil, nil, h.restore, h.summary), nil, nil, nil, container.NewVScroll(h.diff))
	split := container.NewHSplit(left, right)
	split.Offset = 0.35
	h.content = split
	return h
}

func snapNote(s Snapshot) string {
	switch s.Note {
	case "auto", "manual", "restore", "deleted":
		return i18n.T("history.kind." + s.Note)
	}
	return s.Note
}

// chars counts a snapshot's characters the way the editor's stats line
// does (not white space); the store's count includes it.
func (h *historyView) chars(s Snapshot) int {
	if n, ok := h.counts[s.ID]; ok {
		return n
	}
	text, err := h.u.file.SnapshotText(s.ID)
	if err != nil {
		return s.Chars
	}
	if h.counts == nil {
		h.counts = map[int64]int{}
	}
	h.counts[s.ID] = visibleChars(text)
	return h.counts[s.ID]
}

// refresh reloads the list for the current episode.
func (h *historyView) refresh() {
	h.snaps, h.sel = nil, -1
	h.list.UnselectAll()
	if h.u.cur != nil && h.u.file != nil {
		h.u.Save()
		snaps, err := h.u.file.History(h.u.cur)
		if err != nil {
			h.u.onError(err)
		}
		h.snaps = snaps
	}
	h.list.Refresh()
	h.diff.Segments = nil
	h.diff.Refresh()
	h.restore.Disable()
	if len(h.snaps) == 0 {
		h.summary.SetText(i18n.T("history.none"))
	} else {
		h.summary.SetText(i18n.T("history.pick"))
	}
}

// showDiff shows the selected snapshot against the current text: lines
// marked − are in the snapshot only, + in the current text only, and the
// characters that changed inside an edited line are in bold.
func (h *historyView) showDiff() {
	if h.sel < 0 || h.sel >= len(h.snaps) || h.u.cur == nil {
		return
	}
	old, err := h.u.file.SnapshotText(h.snaps[h.sel].ID)
	if err != nil {
		h.u.onError(err)
		return
	}
	lines := diff.Lines(old, h.u.cur.Body)
	add, del := diff.Stats(lines)
	h.summary.SetText(i18n.Tf("history.diffsummary", del, add))
	h.diff.Segments = diffSegments(lines)
	h.diff.Refresh()
	h.restore.Enable()
}

// diffSegments renders the changes with three lines of context.
func diffSegments(lines []diff.Line) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, hk := range diff.Hunks(lines, 3) {
		head := widget.RichTextStyleParagraph
		head.ColorName = theme.ColorNamePlaceHolder
		segs = append(segs, &widget.TextSegment{Text: i18n.Tf("history.hunk", hk.OldStart, hk.NewStart), Style: head})
		for _, l := range hk.Lines {
			segs = append(segs, diffLine(l)...)
		}
	}
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: i18n.T("history.same"), Style: widget.RichTextStyleParagraph})
	}
	return segs
}

// diffLine is one line as inline runs ending in a paragraph break.
func diffLine(l diff.Line) []widget.RichTextSegment {
	colour, prefix := theme.ColorNameForeground, "  "
	switch l.Op {
	case diff.Delete:
		colour, prefix = theme.ColorNameError, "− "
	case diff.Insert:
		colour, prefix = theme.ColorNameSuccess, "+ "
	}
	style := func(bold bool) widget.RichTextStyle {
		return widget.RichTextStyle{Inline: true, ColorName: colour, SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: bold}}
	}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: prefix, Style: style(false)}}
	runes := []rune(l.Text)
	at := 0
	for _, r := range l.Changed {
		if r.Start > at {
			segs = append(segs, &widget.TextSegment{Text: string(runes[at:r.Start]), Style: style(false)})
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[r.Start:r.End]), Style: style(true)})
		at = r.End
	}
	if at < len(runes) {
		segs = append(segs, &widget.TextSegment{Text: string(runes[at:]), Style: style(false)})
	}
	last := segs[len(segs)-1].(*widget.TextSegment)
	last.Style.Inline = false
	return segs
}

func (h *historyView) confirmRestore() {
	if h.sel < 0 || h.sel >= len(h.snaps) {
		return
	}
	d := dialog.NewConfirm(i18n.T("history.restore"), i18n.T("history.restore.confirm"), func(ok bool) {
		if ok {
			h.restoreSelected()
		}
	}, h.u.win)
	h.u.escapeCloses(d)
	d.Show()
}

// restoreSelected keeps the current text as a snapshot, then puts the
// snapshot's text into the editor as one undo step.
func (h *historyView) restoreSelected() {
	if h.sel < 0 || h.sel >= len(h.snaps) || h.u.cur == nil {
		return
	}
	text, err := h.u.file.SnapshotText(h.snaps[h.sel].ID)
	if err != nil {
		h.u.onError(err)
		return
	}
	h.u.snapshot(h.u.cur, i18n.T("history.beforerestore"))
	h.u.prov.revive = true // AI passages set aside this session come back with their text
	h.u.Replace(h.u.cur.Number, 0, len(h.u.cur.Body), text)
	h.u.Save()
	h.u.Status(i18n.T("history.restored"))
	h.refresh()
}
