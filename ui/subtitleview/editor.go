package subtitleview

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// maxPreview bounds the fix preview; the rest is counted.
const maxPreview = 300

// Table columns of the editor.
const (
	colIndex = iota
	colStart
	colEnd
	colDuration
	colText
	colTranslation
	colCPS
	colProblems
	numCols
)

var colKeys = [numCols]string{"subs.col.index", "subs.col.start", "subs.col.end", "subs.col.duration", "subs.col.text", "subs.col.translation", "subs.col.cps", "subs.col.problems"}
var colWidths = [numCols]float32{48, 104, 104, 56, 280, 240, 56, 300}

// editor is the subtitle editor window: a table of cues with the tools to
// generate, import, align, lint, fix (with preview), export and jump to
// the script. Every change is stored in the project at once.
type editor struct {
	h      dock.Host
	s      *session
	win    fyne.Window
	table  *widget.Table
	sel    int
	status *widget.Label
	bi     *widget.Check

	startE, endE, textE, transE *widget.Entry
	applyBtn                    *widget.Button
	form                        [4]string // what the form showed when the cue was picked

	tr trUI // AI translation
	// file reads, parses and aligns a chosen file off the Fyne goroutine;
	// closing the window cancels it.
	file *dock.Task
}

func newEditor(h dock.Host, s *session, onClose func()) *editor {
	e := &editor{h: h, s: s, sel: -1, file: dock.NewTask(h)}
	e.tr.task = dock.NewTask(h)
	e.win = h.App().NewWindow(e.title())
	e.win.Resize(fyne.NewSize(1240, 720))
	e.win.SetOnClosed(func() {
		e.file.Cancel()     // a result for a window that is gone is dropped
		e.stopTranslation() // no AI calls for a window that is gone
		onClose()
	})
	e.win.SetContent(e.build())
	e.refresh()
	return e
}

func (e *editor) title() string {
	name := fmt.Sprintf("%d · %s", e.s.track.Episode, e.s.track.Lang)
	if p := e.h.Project(); p != nil && p.Meta.Title != "" {
		name = p.EpisodeName(e.s.track.Episode) + " · " + e.s.track.Lang
	}
	if e.s.name != "" {
		name += " · " + e.s.name
	}
	return i18n.Tf("subs.editor.title", name)
}

func (e *editor) build() fyne.CanvasObject {
	e.table = widget.NewTable(
		func() (int, int) { return len(e.s.track.Cues), numCols },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		e.updateCell,
	)
	e.table.ShowHeaderRow = true
	e.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	e.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < numCols {
			o.(*widget.Label).SetText(i18n.T(colKeys[id.Col]))
		}
	}
	for c, w := range colWidths {
		e.table.SetColumnWidth(c, w)
	}
	e.table.OnSelected = func(id widget.TableCellID) { e.selectRow(id.Row) }

	e.startE, e.endE = widget.NewEntry(), widget.NewEntry()
	e.textE, e.transE = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	e.textE.SetMinRowsVisible(2)
	e.transE.SetMinRowsVisible(2)
	apply := widget.NewButton(i18n.T("subs.apply"), func() {
		if err := e.applyEdit(); err != nil {
			e.setStatus(err.Error())
		}
	})
	e.applyBtn = apply
	times := container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(), widget.NewLabel(i18n.T("subs.edit.start")), e.startE),
		container.New(layout.NewFormLayout(), widget.NewLabel(i18n.T("subs.edit.end")), e.endE))
	form := container.NewBorder(times, nil, nil, apply,
		container.NewGridWithColumns(2,
			container.NewBorder(widget.NewLabel(i18n.T("subs.edit.text")), nil, nil, nil, e.textE),
			container.NewBorder(widget.NewLabel(i18n.T("subs.edit.translation")), nil, nil, nil, e.transE)))

	e.bi = widget.NewCheck(i18n.T("subs.bilingual"), nil)
	trStrip := e.buildTranslate()
	bar := container.NewHBox(
		widget.NewButton(i18n.T("subs.generate"), e.generate),
		widget.NewButton(i18n.T("subs.import"), e.importDialog),
		widget.NewButton(i18n.T("subs.import.translation"), e.importTranslationDialog),
		widget.NewButton(i18n.T("subs.align"), e.alignDialog),
		widget.NewButton(i18n.T("subs.lint"), e.lint),
		widget.NewButton(i18n.T("subs.fix"), e.fixDialog),
		e.tr.btn,
		widget.NewButton(i18n.T("subs.export"), e.exportDialog),
		e.bi,
		widget.NewButton(i18n.T("subs.jump"), e.jump),
	)
	e.status = widget.NewLabel("")
	e.status.Wrapping = dock.ProseWrap(i18n.Lang()) // a long message must not widen the window
	// The toolbar scrolls rather than forcing a wide window on small screens.
	return container.NewBorder(container.NewHScroll(bar), container.NewVBox(trStrip, form, e.status), nil, nil, e.table)
}

// load replaces the session (the panel reopens an editor).
func (e *editor) load(s *session) {
	e.stopTranslation()
	e.s = s
	e.sel = -1
	e.win.SetTitle(e.title())
	e.refresh()
}

func (e *editor) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(e.s.track.Cues) {
		l.SetText("")
		return
	}
	c := e.s.track.Cues[id.Row]
	ps := e.s.problems[id.Row]
	l.Importance = widget.MediumImportance
	var text string
	switch id.Col {
	case colIndex:
		text = fmt.Sprint(id.Row + 1)
	case colStart:
		text = subtitle.Clock(c.Start)
	case colEnd:
		text = subtitle.Clock(c.End)
	case colDuration:
		text = fmt.Sprintf("%.2f", c.Duration().Seconds())
	case colText:
		text = strings.Join(c.Lines, " / ")
	case colTranslation:
		text = strings.Join(c.Translation, " / ")
		if text == "" && e.s.track.TransLang != "" && strings.TrimSpace(c.Text()) != "" {
			// a bilingual track with a hole: the AI failed this cue
			text = "⚠ " + i18n.T("subs.translate.untranslated")
			l.Importance = widget.WarningImportance
		}
		if t, ok := e.pendingFor(c); ok {
			// The waiting AI translation, by cue id; a failed cue says so
			// instead of borrowing a neighbour's line.
			if len(t.Lines) == 0 && strings.TrimSpace(c.Text()) != "" {
				text = "⚠ " + i18n.T("subs.translate.untranslated")
				l.Importance = widget.DangerImportance
			} else {
				text = strings.Join(t.Lines, " / ")
				l.Importance = widget.HighImportance
			}
		}
	case colCPS:
		text = fmt.Sprintf("%.1f", subtitle.CPS(c, e.s.profile))
		if hasKind(ps, subtitle.KindCPS) {
			l.Importance = widget.DangerImportance
		}
	case colProblems:
		var msgs []string
		for _, p := range ps {
			msgs = append(msgs, p.Msg(e.h.Lang()))
			if p.Severity.Rank() >= subtitle.SevHigh.Rank() {
				l.Importance = widget.DangerImportance
			} else if l.Importance != widget.DangerImportance {
				l.Importance = widget.WarningImportance
			}
		}
		text = strings.Join(msgs, "；")
	}
	l.SetText(text)
}

func hasKind(ps []subtitle.Problem, kind string) bool {
	for _, p := range ps {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// refresh re-lints and redraws.
func (e *editor) refresh() {
	e.s.relint()
	e.table.Refresh()
	e.setStatus(i18n.Tf("subs.lint.summary", len(e.s.track.Cues), e.s.errors, e.s.warnings, e.s.profile.ID))
}

func (e *editor) setStatus(msg string) {
	e.status.SetText(msg)
}

// commit stores the track in the project and tells the host.
func (e *editor) commit() {
	if err := e.s.save(e.h.Project()); err != nil {
		e.setStatus(i18n.Tf("subs.error", err.Error()))
		return
	}
	e.h.Changed()
}

func (e *editor) selectRow(row int) {
	if row < 0 || row >= len(e.s.track.Cues) {
		e.sel = -1
		return
	}
	e.sel = row
	c := e.s.track.Cues[row]
	e.form = formOf(c)
	e.startE.SetText(e.form[0])
	e.endE.SetText(e.form[1])
	e.textE.SetText(e.form[2])
	e.transE.SetText(e.form[3])
}

// formOf is what the edit form shows for cue c: start, end, text and
// translation.
func formOf(c subtitle.Cue) [4]string {
	return [4]string{subtitle.Clock(c.Start), subtitle.Clock(c.End), strings.Join(c.Lines, "\n"), strings.Join(c.Translation, "\n")}
}

// reloadForm shows the selected cue again after an action replaced the
// track (fix, align, import, generate, a translation kept), so the form
// never holds a cue that is no longer there.
func (e *editor) reloadForm() {
	if e.sel >= 0 && e.sel < len(e.s.track.Cues) {
		e.selectRow(e.sel)
		return
	}
	e.sel = -1
	e.form = [4]string{}
	for _, en := range []*widget.Entry{e.startE, e.endE, e.textE, e.transE} {
		en.SetText("")
	}
}

// applyEdit writes the edit form back into the selected cue.
func (e *editor) applyEdit() error {
	if e.sel < 0 || e.sel >= len(e.s.track.Cues) {
		return nil
	}
	start, err := subtitle.ParseClock(e.startE.Text)
	if err != nil {
		return fmt.Errorf("%s", i18n.T("subs.edit.badtime"))
	}
	end, err := subtitle.ParseClock(e.endE.Text)
	if err != nil {
		return fmt.Errorf("%s", i18n.T("subs.edit.badtime"))
	}
	// Only what the writer changed in the form is written: a field left as
	// it was shown never undoes what another action did to the cue since.
	c := &e.s.track.Cues[e.sel]
	if e.startE.Text != e.form[0] {
		c.Start = start
	}
	if e.endE.Text != e.form[1] {
		c.End = end
	}
	if e.textE.Text != e.form[2] {
		c.Lines = subtitle.SplitText(e.textE.Text)
	}
	if e.transE.Text != e.form[3] {
		tr := subtitle.SplitText(e.transE.Text)
		if len(tr) > 0 && len(c.Translation) == 0 && c.Status != subtitle.StatusChecked {
			c.Status = subtitle.StatusTranslated
		}
		c.Translation = tr
	}
	e.refresh()
	e.commit()
	e.selectRow(e.sel)
	return nil
}

// jump selects the selected cue's script line in the episode editor.
func (e *editor) jump() {
	if e.sel < 0 || e.sel >= len(e.s.track.Cues) {
		return
	}
	c := e.s.track.Cues[e.sel]
	if c.Source == nil {
		e.setStatus(i18n.T("subs.nosource"))
		return
	}
	ep := c.Episode
	if ep == 0 {
		ep = e.s.track.Episode
	}
	e.h.Select(ep, c.Source.Start, c.Source.End)
}

func (e *editor) lint() {
	e.refresh()
	for i, ps := range e.s.problems {
		if len(ps) > 0 {
			e.table.Select(widget.TableCellID{Row: i, Col: colProblems})
			e.table.ScrollTo(widget.TableCellID{Row: i, Col: colIndex})
			break
		}
	}
}

// generate replaces the track with one generated from the episode's script.
func (e *editor) generate() {
	ep := e.h.Project().Episode(e.s.track.Episode)
	if ep == nil {
		ep = e.h.Current()
	}
	if ep == nil {
		e.setStatus(i18n.T("subs.noepisode"))
		return
	}
	do := func() {
		tr := subtitle.Generate(e.h.Project(), ep, e.s.profile)
		tr.Lang = e.s.track.Lang
		if tr.Lang == "" {
			tr.Lang = e.s.profile.Lang
		}
		e.s.track = tr
		e.reloadForm()
		e.refresh()
		e.commit()
	}
	if hasTimedWork(e.s.track) {
		dialog.ShowConfirm(i18n.T("subs.generate"), i18n.Pick("当前字幕带有时间轴，重新生成会替换它。继续吗？", "This track is timed; generating replaces it. Continue?"),
			func(ok bool) {
				if ok {
					do()
				}
			}, e.win)
		return
	}
	do()
}

// openFile reads a file chosen by the user and hands its name and bytes
// to work on a worker goroutine; what work returns runs on the Fyne
// goroutine unless the window was closed or another file was chosen.
func (e *editor) openFile(work func(name string, data []byte) (show func(), err error)) {
	dock.OpenFile(e.win, dock.FileOptions{Purpose: dock.ForSubtitles, Exts: importExts, Dir: dock.ProjectDir(e.h)}, func(r fyne.URIReadCloser) {
		name := r.URI().Name()
		e.file.Run(func(ctx context.Context, _ func(func())) func() {
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, 64<<20))
			var show func()
			if err == nil && ctx.Err() == nil {
				show, err = work(name, data)
			}
			return func() {
				if err != nil {
					dialog.ShowError(err, e.win)
					return
				}
				if show != nil {
					show()
				}
			}
		})
	})
}

func (e *editor) importDialog() {
	e.openFile(func(name string, data []byte) (func(), error) {
		res, err := subtitle.Read(name, data) // a long file takes a while
		if err != nil {
			return nil, err
		}
		return func() { e.applyImport(res) }, nil
	})
}

// applyImport puts a parsed file in place of the track's cues.
func (e *editor) applyImport(res *subtitle.ReadResult) {
	tr := res.Track
	tr.Episode, tr.Lang = e.s.track.Episode, e.s.track.Lang
	for i := range tr.Cues {
		tr.Cues[i].Episode = tr.Episode
	}
	e.s.track = tr
	e.reloadForm()
	e.refresh()
	e.commit()
	e.setStatus(i18n.Tf("subs.imported", len(tr.Cues), strings.ToUpper(res.Format), res.Encoding))
}

func (e *editor) importTranslationDialog() {
	e.openFile(func(name string, data []byte) (func(), error) {
		res, err := subtitle.Read(name, data)
		if err != nil {
			return nil, err
		}
		return func() { e.importTranslation(res.Track) }, nil
	})
}

// importTranslation fills the Translation column from a second-language
// track, pairing cues by time overlap.
func (e *editor) importTranslation(tr *subtitle.Track) {
	if tr.Lang == "" {
		tr.Lang = subtitle.DetectLang(tr.Cues)
	}
	e.s.track = subtitle.MergeTranslation(e.s.track, tr)
	e.reloadForm()
	e.refresh()
	e.commit()
	e.bi.SetChecked(true)
}

func (e *editor) alignDialog() {
	// Read on the Fyne goroutine: the worker gets copies.
	ep := e.h.Project().Episode(e.s.track.Episode)
	if ep == nil {
		dialog.ShowError(fmt.Errorf("%s", i18n.T("subs.noepisode")), e.win)
		return
	}
	lines, n := subtitle.ScriptLines(ep), ep.Number
	lang, prof := e.s.track.Lang, e.s.profile
	e.openFile(func(name string, data []byte) (func(), error) {
		// Alignment is quick for an episode but grows with the file.
		ar, err := alignWith(lines, n, lang, prof, name, data)
		if err != nil {
			return nil, err
		}
		return func() { e.showAlign(ar) }, nil
	})
}

// alignWith matches a timed file to the episode's script lines; it
// touches no widget, so it runs in the background.
func alignWith(lines []subtitle.ScriptLine, episode int, lang string, prof *subtitle.Profile, name string, data []byte) (*subtitle.AlignResult, error) {
	res, err := subtitle.Read(name, data)
	if err != nil {
		return nil, err
	}
	ar, err := subtitle.Align(res.Track, lines, prof)
	if err != nil {
		return nil, err
	}
	ar.Track.Episode, ar.Track.Lang = episode, lang
	for i := range ar.Track.Cues {
		ar.Track.Cues[i].Episode = episode
	}
	return ar, nil
}

// showAlign reports the alignment and applies it on confirmation.
func (e *editor) showAlign(ar *subtitle.AlignResult) {
	var b strings.Builder
	b.WriteString(i18n.Tf("subs.align.report", ar.Matched, len(ar.Track.Cues), len(ar.UnmatchedCues), len(ar.UnmatchedLines)))
	if len(ar.UnmatchedCues) > 0 {
		b.WriteString("\n\n" + i18n.T("subs.align.unmatched.cues") + "\n")
		for _, i := range ar.UnmatchedCues {
			c := ar.Track.Cues[i]
			fmt.Fprintf(&b, "#%d %s %s\n", i+1, subtitle.Clock(c.Start), c.Text())
		}
	}
	if len(ar.UnmatchedLines) > 0 {
		b.WriteString("\n" + i18n.T("subs.align.unmatched.lines") + "\n")
		for _, l := range ar.UnmatchedLines {
			fmt.Fprintf(&b, "%d %s：%s\n", l.Span.Line, l.Speaker, l.Text)
		}
	}
	if len(ar.UnmatchedLines) == 0 && len(ar.Missing) > 0 {
		b.WriteString("\n" + i18n.T("subs.align.unmatched.lines") + "\n")
	}
	for _, m := range ar.Missing {
		fmt.Fprintf(&b, "%d %s：…%s…\n", m.Line.Span.Line, m.Line.Speaker, m.Text)
	}
	lbl := widget.NewLabel(b.String())
	lbl.Wrapping = fyne.TextWrapBreak
	sc := container.NewVScroll(lbl)
	sc.SetMinSize(fyne.NewSize(560, 360))
	dialog.ShowCustomConfirm(i18n.T("subs.align"), i18n.T("subs.apply"), i18n.T("action.cancel"), sc, func(ok bool) {
		if ok {
			e.applyAlign(ar)
		}
	}, e.win)
}

func (e *editor) applyAlign(ar *subtitle.AlignResult) {
	e.s.track = ar.Track
	e.reloadForm()
	e.refresh()
	e.commit()
}

// proposeFix computes the fixed track and its change list for the preview.
func (e *editor) proposeFix() (*subtitle.Track, []subtitle.Change) {
	return subtitle.Fix(e.s.track, e.s.profile, nil)
}

func (e *editor) fixDialog() {
	fixed, changes := e.proposeFix()
	if len(changes) == 0 {
		dialog.ShowInformation(i18n.T("subs.fix"), i18n.T("subs.fix.none"), e.win)
		return
	}
	// A box of labels, not a List: entries have different heights.
	box := container.NewVBox()
	for i, c := range changes {
		if i == maxPreview {
			box.Add(widget.NewLabel(i18n.Tf("subs.fix.more", len(changes)-maxPreview)))
			break
		}
		head := widget.NewLabelWithStyle(fmt.Sprintf("#%d · %s", c.Cue, i18n.T("subs.change."+c.Kind)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body := widget.NewLabel("− " + strings.ReplaceAll(c.Before, "\n", "\n− ") + "\n+ " + strings.ReplaceAll(c.After, "\n", "\n+ "))
		body.Wrapping = fyne.TextWrapBreak
		box.Add(container.NewVBox(head, body))
	}
	content := container.NewBorder(widget.NewLabel(i18n.Tf("subs.fix.preview", len(changes))), nil, nil, nil, container.NewVScroll(box))
	d := dialog.NewCustomConfirm(i18n.T("subs.fix"), i18n.T("subs.apply"), i18n.T("action.cancel"), content, func(ok bool) {
		if ok {
			e.s.track = fixed
			e.reloadForm()
			e.refresh()
			e.commit()
			e.setStatus(i18n.Tf("subs.fix.applied", len(changes), e.s.errors+e.s.warnings))
		}
	}, e.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// render writes the track in a format; nothing is written on error.
func (e *editor) render(format string) ([]byte, error) {
	var buf bytes.Buffer
	err := subtitle.Write(&buf, e.s.track, subtitle.WriteOptions{
		Format: format, Profile: e.s.profile, Bilingual: e.bi.Checked, Title: e.title(),
	})
	return buf.Bytes(), err
}

func (e *editor) exportDialog() {
	name := subtitle.FileName(e.h.Project(), e.s.track.Episode, e.s.track.Lang, "srt")
	exts := []string{".srt", ".vtt", ".ass", ".ssa", ".ttml", ".dfxp", ".xml"}
	dock.SaveFile(e.win, dock.FileOptions{Purpose: dock.ForSubtitles, Exts: exts, Name: name, Dir: dock.ProjectDir(e.h)}, func(w fyne.URIWriteCloser) {
		format := subtitle.FormatFromName(w.URI().Name())
		if format == "" {
			format = subtitle.FormatSRT
		}
		data, err := e.render(format)
		if err == nil {
			_, err = w.Write(data)
		}
		cerr := w.Close()
		if err == nil {
			err = cerr
		}
		if err != nil {
			_ = storage.Delete(w.URI()) // never leave an empty or half file
			dialog.ShowError(err, e.win)
			return
		}
		e.setStatus(i18n.Tf("subs.exported", w.URI().Name()))
	})
}
