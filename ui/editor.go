package ui

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/stats"
	"github.com/duanju-studio/duanju/ui/i18n"
	"github.com/duanju-studio/duanju/ui/ime"
)

// editor shows one episode at a time (a single Entry stays fast up to a few
// thousand characters; a whole series would not).
type editor struct {
	u       *UI
	ep      *script.Episode
	entry   *scriptEntry
	heading *widget.Label
	state   *widget.Select
	stats   *widget.Label
	toolbar *container.Scroll // scrolls only if a font makes it wider than the column
	aiNote  *widget.Button    // shows the episode's AI-written passages (provenance)
	aiNext  int
	empty   *widget.Label
	content fyne.CanvasObject
	loading bool
	last    stats.Episode
	picker  *speakerPicker
	find    *finder
}

func newEditor(u *UI) *editor {
	ed := &editor{u: u, entry: newScriptEntry()}
	ed.entry.onCopy = func(start int, text string) { u.prov.copied(u.proj, ed.ep, start, text) }
	ed.entry.onPaste = func(text string) { u.prov.pasting(text) }
	ed.entry.SetPlaceHolder(i18n.T("editor.placeholder"))
	ed.entry.OnChanged = ed.changed
	ime.Follow(u.win, &ed.entry.Entry) // Windows: IME candidates at the caret
	ed.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ed.state = widget.NewSelect(statusLabels(), func(s string) {
		if ed.loading || ed.ep == nil {
			return
		}
		ed.ep.Status = statusFromLabel(s)
		u.episodeEdited(ed.ep)
	})
	ed.stats = widget.NewLabel("")
	ed.aiNote = widget.NewButton("", ed.showNextAI)
	ed.aiNote.Importance = widget.LowImportance
	ed.aiNote.Hide()
	ed.empty = widget.NewLabel(i18n.T("editor.none"))
	ed.empty.Alignment = fyne.TextAlignCenter

	buttons := container.NewHBox(
		toolButton(i18n.T("toolbar.scene"), "Ctrl+1", ed.insertScene),
		toolButton(i18n.T("insert.action"), "Ctrl+2", ed.insertAction),
		// Not "对白…": an ellipsis reads as cut-off text; the icon says it opens a list.
		toolIconButton(i18n.T("toolbar.dialogue"), theme.MenuDropDownIcon(), ed.pickSpeaker),
		widget.NewSeparator(),
	)
	for i, m := range script.Markers {
		m := m
		buttons.Add(toolButton("【"+string(m)+"】", fmt.Sprintf("Ctrl+%d", i+4), func() { ed.insertMarker(m) }))
	}
	top := container.NewBorder(nil, nil, ed.heading, ed.state)
	// Tighter button padding: the English labels and the four Chinese
	// markers then fit the editor column at 1280×720.
	ed.toolbar = container.NewHScroll(container.NewThemeOverride(buttons, compactTheme{}))
	toolbar := ed.toolbar
	body := container.NewStack(ed.entry, ed.empty)
	ed.find = newFinder(u)
	ed.content = container.NewBorder(container.NewVBox(top, toolbar, ed.find.content), container.NewHBox(ed.stats, ed.aiNote), nil, nil, body)
	ed.show(nil)
	return ed
}

// compactTheme is the app's theme with less padding inside buttons.
type compactTheme struct{}

func (compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}
func (compactTheme) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}
func (compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}
func (compactTheme) Size(n fyne.ThemeSizeName) float32 {
	s := fyne.CurrentApp().Settings().Theme().Size(n)
	if n == theme.SizeNameInnerPadding {
		return s / 2
	}
	return s
}

func toolIconButton(label string, icon fyne.Resource, f func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, f)
	b.Importance = widget.LowImportance
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

func toolButton(label, key string, f func()) *widget.Button {
	b := widget.NewButton(label, f)
	b.Importance = widget.LowImportance
	_ = key // shown in the Edit menu, where Fyne renders shortcuts
	return b
}

func statusLabels() []string {
	return []string{i18n.T("status.draft"), i18n.T("status.revised"), i18n.T("status.locked")}
}

func statusLabel(s script.Status) string {
	switch s {
	case script.StatusRevised:
		return i18n.T("status.revised")
	case script.StatusLocked:
		return i18n.T("status.locked")
	}
	return i18n.T("status.draft")
}

func statusFromLabel(l string) script.Status {
	switch l {
	case i18n.T("status.revised"):
		return script.StatusRevised
	case i18n.T("status.locked"):
		return script.StatusLocked
	}
	return script.StatusDraft
}

// show puts ep (nil: nothing) into the editor.
func (ed *editor) show(ep *script.Episode) {
	ed.loading = true
	defer func() { ed.loading = false }()
	ed.ep = ep
	if ep == nil {
		ed.entry.setText("")
		ed.entry.Hide()
		ed.empty.Show()
		ed.heading.SetText("")
		ed.stats.SetText("")
		ed.aiNote.Hide()
		ed.state.Disable()
		return
	}
	ed.empty.Hide()
	ed.entry.Show()
	ed.state.Enable()
	ed.entry.setText(ep.Body)
	ed.u.prov.reset(ed.u.proj, ep)
	ed.entry.moveTo(0)
	ed.heading.SetText(episodeLabel(ep))
	ed.state.SetSelected(statusLabel(ep.Status))
	if ed.u.file != nil && ed.u.file.ReadOnly() || ep.Status == script.StatusLocked || ed.u.episodeReadOnly(ep) {
		ed.entry.Disable()
	} else {
		ed.entry.Enable()
	}
	ed.updateStats()
}

// changed runs on every edit: the body is re-parsed (microseconds for one
// episode), the stats line updated and an autosave scheduled.
func (ed *editor) changed(text string) {
	if ed.loading || ed.ep == nil {
		return
	}
	old := ed.ep.Body
	ed.ep.Body = text
	parseEpisode(ed.u.proj, ed.ep, ed.u.cast)
	// Provenance follows the text here, on every edit, undo and redo: a
	// package must never ship AI text without its label.
	if ed.u.prov.edited(ed.u.proj, ed.ep, old) {
		ed.u.dirtyPrj = true
	}
	ed.updateStats()
	ed.u.episodeEdited(ed.ep)
}

func (ed *editor) updateStats() {
	set := ed.u.proj.Settings.Effective()
	st := stats.ForEpisode(ed.ep, set)
	ed.last = st
	ed.stats.SetText(i18n.Tf("stats.line", visibleChars(ed.ep.Body), st.Scenes, int(st.Seconds+0.5), set.TargetMinSecs, set.TargetMaxSecs))
	ed.updateAINote()
}

// updateAINote shows how many passages of this episode the AI wrote and a
// person has not edited since (the editor keeps the records in step).
func (ed *editor) updateAINote() {
	if ed.ep == nil {
		return
	}
	n := len(ai.AIRanges(ed.u.proj, ed.ep.Number))
	if n == 0 {
		ed.aiNote.Hide()
		return
	}
	ed.aiNote.SetText(i18n.Tf("editor.ai", n))
	ed.aiNote.Show()
}

// showNextAI selects the next AI-written passage, cycling.
func (ed *editor) showNextAI() {
	if ed.ep == nil {
		return
	}
	rs := ai.AIRanges(ed.u.proj, ed.ep.Number)
	if len(rs) == 0 {
		return
	}
	r := rs[ed.aiNext%len(rs)]
	ed.aiNext++
	ed.u.Select(ed.ep.Number, r.Start, r.End)
}

// visibleChars counts the characters that are not white space.
func visibleChars(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// cursorByte is the cursor's byte offset in the body.
func (ed *editor) cursorByte() int {
	return runeToByte(ed.entry.Text, ed.entry.cursorRune())
}

// atLineStart reports whether the cursor is at the start of a line.
func (ed *editor) atLineStart() bool {
	b := ed.cursorByte()
	return b == 0 || ed.entry.Text[b-1] == '\n'
}

// insert puts text at the cursor as one undo step.
func (ed *editor) insert(text string) {
	if ed.ep == nil || ed.entry.Disabled() {
		return
	}
	ed.u.win.Canvas().Focus(ed.entry)
	ed.entry.paste(text)
}

// insertLine inserts text as a line of its own, starting a new line first
// when the cursor is inside a line.
func (ed *editor) insertLine(text string) {
	if ed.ep == nil {
		return
	}
	if !ed.atLineStart() {
		text = "\n" + text
	}
	ed.insert(text)
}

// insertScene inserts the next scene heading of this episode, e.g. "3-2 日 内 ".
func (ed *editor) insertScene() {
	if ed.ep == nil {
		return
	}
	ed.insertLine(ed.nextSceneHeading())
}

// nextSceneHeading numbers the scene by the headings before the cursor.
func (ed *editor) nextSceneHeading() string {
	pos := ed.cursorByte()
	n := 1
	for _, sc := range ed.ep.Scenes {
		if sc.Number != "" && sc.Span.Start < pos {
			n++
		}
	}
	return fmt.Sprintf("%d-%d %s %s ", ed.ep.Number, n, i18n.T("insert.scene.time"), i18n.T("insert.scene.intext"))
}

func (ed *editor) insertAction() { ed.insertLine("△") }

func (ed *editor) insertMarker(m script.Marker) { ed.insertLine("【" + string(m) + "】") }

// insertDialogue starts a dialogue line for speaker.
func (ed *editor) insertDialogue(speaker string) {
	speaker = strings.TrimSpace(speaker)
	if speaker == "" {
		return
	}
	ed.insertLine(speaker + "：")
}

// selectBytes selects the byte span [start,end) of the body.
func (ed *editor) selectBytes(start, end int) {
	t := ed.entry.Text
	ed.u.win.Canvas().Focus(ed.entry)
	ed.entry.selectRunes(byteToRune(t, start), byteToRune(t, end))
}

// replaceBytes replaces the byte span [start,end) with text, one undo step.
func (ed *editor) replaceBytes(start, end int, text string) {
	if ed.ep == nil || ed.entry.Disabled() {
		return
	}
	if start < 0 || end > len(ed.entry.Text) || start > end {
		ed.u.Status(i18n.T("err.span"))
		return
	}
	ed.selectBytes(start, end)
	ed.entry.paste(text)
}

// castFor lists the speakers to offer: the cast, then speakers already used
// in this episode, without duplicates.
func (ed *editor) castFor() []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, c := range ed.u.proj.Characters {
		add(c.Name)
	}
	if ed.ep != nil {
		for _, sc := range ed.ep.Scenes {
			for _, l := range sc.Lines {
				if l.Kind == script.LineDialogue {
					add(l.Speaker)
				}
			}
		}
	}
	return out
}

// filterNames keeps the names that contain q (or whose aliases do).
func filterNames(p *script.Project, names []string, q string) []string {
	q = strings.TrimSpace(q)
	if q == "" {
		return names
	}
	var out []string
	for _, n := range names {
		if strings.Contains(n, q) {
			out = append(out, n)
			continue
		}
		if c := p.Character(n); c != nil {
			for _, a := range c.Aliases {
				if strings.Contains(a, q) {
					out = append(out, n)
					break
				}
			}
		}
	}
	return out
}
