package subtitleview

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/translate"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// translated runs after a translation reported back (tests wait on it).
var translated = func() {}

// translation is a finished AI translation waiting for Keep or Discard.
// It is shown in the Translation column by cue id, so edits made while it
// waits are neither lost nor shifted.
type translation struct {
	s      *session // the track it was made from
	lang   string
	track  *subtitle.Track // the target-language track (failed cues empty)
	byID   map[string]subtitle.Cue
	report translate.TrackReport
}

// trUI is the translation strip of the editor: progress with Cancel while
// the AI works, then the result with Keep / Discard.
type trUI struct {
	btn                 *widget.Button
	progress            *widget.ProgressBar
	progressLabel       *widget.Label
	cancelBtn           *widget.Button
	running             *fyne.Container
	result              *widget.Label
	keep, discard       *widget.Button
	review              *fyne.Container
	task                *dock.Task // the running translation
	pending             *translation
	lastLang            string
	failedMark, waiting string
}

func (e *editor) buildTranslate() fyne.CanvasObject {
	t := &e.tr
	t.btn = widget.NewButtonWithIcon(i18n.T("subs.translate"), theme.ComputerIcon(), e.translateDialog)
	t.progress = widget.NewProgressBar()
	t.progressLabel = widget.NewLabel(i18n.T("subs.translate.running"))
	t.cancelBtn = widget.NewButtonWithIcon(i18n.T("action.cancel"), theme.CancelIcon(), e.cancelTranslate)
	t.running = container.NewBorder(nil, nil, t.progressLabel, t.cancelBtn, t.progress)
	t.running.Hide()
	t.result = widget.NewLabel("")
	t.result.Wrapping = dock.ProseWrap(e.h.Lang())
	t.keep = widget.NewButtonWithIcon(i18n.T("subs.translate.keep"), theme.ConfirmIcon(), e.keepTranslation)
	t.keep.Importance = widget.HighImportance
	t.discard = widget.NewButtonWithIcon(i18n.T("subs.translate.discard"), theme.DeleteIcon(), e.discardTranslation)
	t.review = container.NewBorder(nil, nil, nil, container.NewHBox(t.keep, t.discard), t.result)
	t.review.Hide()
	return container.NewVBox(t.running, t.review)
}

// targetLangs are the language profiles except the track's own language,
// with the labels the picker shows ("en · English (Netflix)").
func targetLangs(src string) (ids, labels []string) {
	for _, p := range subtitle.Profiles() {
		if p.Layer || strings.EqualFold(p.ID, src) {
			continue
		}
		ids = append(ids, p.ID)
		label := p.ID
		if p.Name != "" {
			label += " · " + p.Name
		}
		labels = append(labels, label)
	}
	return ids, labels
}

// defaultTarget is the last language used, else English for a Chinese
// track and Simplified Chinese for any other.
func (e *editor) defaultTarget(langs []string) string {
	want := "en"
	if e.tr.lastLang != "" {
		want = e.tr.lastLang
	} else if !strings.HasPrefix(strings.ToLower(e.s.track.Lang), "zh") && e.s.track.Lang != "" {
		want = "zh-Hans"
	}
	for _, l := range langs {
		if l == want {
			return l
		}
	}
	if len(langs) > 0 {
		return langs[0]
	}
	return ""
}

func (e *editor) translateDialog() {
	if e.tr.task.Running() {
		return
	}
	if len(e.s.track.Cues) == 0 {
		e.setStatus(i18n.T("subs.translate.empty"))
		return
	}
	langs, labels := targetLangs(e.s.track.Lang)
	sel := widget.NewSelect(labels, nil)
	sel.PlaceHolder = i18n.T("subs.translate.pick")
	want := e.defaultTarget(langs)
	for i, l := range langs {
		if l == want {
			sel.SetSelectedIndex(i)
		}
	}
	note := widget.NewLabel(i18n.Tf("subs.translate.note", len(e.s.track.Cues)))
	note.Wrapping = dock.ProseWrap(e.h.Lang())
	content := container.NewVBox(widget.NewForm(widget.NewFormItem(i18n.T("subs.translate.to"), sel)), note)
	d := dialog.NewCustomConfirm(i18n.T("subs.translate.title"), i18n.T("subs.translate.start"), i18n.T("action.cancel"), content,
		func(ok bool) {
			if i := sel.SelectedIndex(); ok && i >= 0 {
				e.startTranslate(langs[i])
			}
		}, e.win)
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}

// startTranslate runs the AI translation in the background. The track is
// copied first: the table stays editable and nothing changes until Keep.
func (e *editor) startTranslate(lang string) {
	if e.tr.task.Running() {
		return
	}
	prof, err := subtitle.Resolve(lang, "")
	if err != nil {
		e.setStatus(i18n.Tf("subs.error", err.Error()))
		return
	}
	e.discardTranslation()
	src := e.s.track.Clone()
	if src.Lang == "" {
		src.Lang = subtitle.DetectLang(src.Cues)
	}
	glossary := &script.Project{}
	if p := e.h.Project(); p != nil {
		glossary.Glossary = append(glossary.Glossary, p.Glossary...)
	}
	t := &e.tr
	t.lastLang = lang
	t.progress.SetValue(0)
	t.progressLabel.SetText(i18n.Tf("subs.translate.running.to", lang))
	t.running.Show()
	t.btn.Disable()
	app, sess := e.h.App(), e.s
	t.task.Run(func(ctx context.Context, report func(func())) func() {
		c, err := aiconf.Client(app)
		if err != nil {
			return func() { e.translateDone(&translation{s: sess}, err) }
		}
		progress := func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				report(func() { t.progress.SetValue(v) })
			}
		}
		tr, rep, err := translate.TranslateTrack(ctx, translate.New(c), src, lang, prof, glossary, &translate.MemCheckpoint{}, progress)
		res := &translation{s: sess, lang: lang, track: tr, report: rep}
		return func() { e.translateDone(res, err) }
	})
}

// cancelTranslate stops the AI; the run still reports (what was done is
// dropped, the strip is reset and the status says it was cancelled).
func (e *editor) cancelTranslate() {
	if e.tr.task.Running() {
		e.tr.task.Stop()
		e.tr.cancelBtn.Disable()
	}
}

// translateDone shows the result for review, or says what went wrong. A
// run that translated nothing leaves the track as it was.
func (e *editor) translateDone(res *translation, err error) {
	defer translated()
	t := &e.tr
	t.running.Hide()
	t.cancelBtn.Enable()
	t.btn.Enable()
	if res.s != e.s { // another track was opened in this window meanwhile
		return
	}
	if errors.Is(err, context.Canceled) {
		e.setStatus(i18n.T("subs.translate.cancelled"))
		return
	}
	if err != nil && aiconf.NotSetUp(err) {
		e.askAISettings(err)
		return
	}
	done := res.report.OK + res.report.Fitted + res.report.Long
	if err != nil && done == 0 {
		msg := ai.ErrorMessage(err, e.h.Lang())
		first, _, _ := strings.Cut(msg, "\n")
		e.setStatus(i18n.Tf("subs.translate.failed", first))
		dialog.ShowError(fmt.Errorf("%s", i18n.Tf("subs.translate.failed", msg)), e.win)
		return
	}
	if done == 0 || res.track == nil {
		e.setStatus(i18n.T("subs.translate.nothing"))
		return
	}
	res.byID = map[string]subtitle.Cue{}
	for _, c := range res.track.Cues {
		res.byID[c.ID] = c
	}
	t.pending = res
	r := res.report
	summary := i18n.Tf("subs.translate.result", res.lang, done, r.Cues)
	if r.Failed > 0 {
		summary += " " + i18n.Tf("subs.translate.result.failed", r.Failed)
	}
	if r.Long > 0 {
		summary += " " + i18n.Tf("subs.translate.result.long", r.Long)
	}
	summary += " " + i18n.T("subs.translate.result.keep")
	if err != nil {
		summary += "\n" + ai.ErrorMessage(err, e.h.Lang())
	}
	t.result.SetText(summary)
	t.result.Importance = widget.MediumImportance
	if r.Failed > 0 || err != nil {
		t.result.Importance = widget.WarningImportance
	}
	t.result.Refresh()
	t.review.Show()
	e.table.Refresh()
}

// askAISettings explains that AI is not set up and offers the settings.
func (e *editor) askAISettings(err error) {
	msg := i18n.T("subs.translate.noai")
	if !errors.Is(err, aiconf.ErrNotConfigured) {
		msg += "\n\n" + ai.ErrorMessage(err, e.h.Lang())
	}
	e.setStatus(i18n.T("subs.translate.noai"))
	l := widget.NewLabel(msg)
	l.Wrapping = dock.ProseWrap(e.h.Lang())
	d := dialog.NewCustomConfirm(i18n.T("subs.translate.title"), i18n.T("subs.translate.settings"), i18n.T("action.cancel"), l,
		func(ok bool) {
			if !ok {
				return
			}
			if e.h.Request(dock.ShowAISettings{}) {
				e.h.Window().RequestFocus()
			} else {
				e.setStatus(i18n.T("subs.translate.noaitab"))
			}
		}, e.win)
	d.Resize(fyne.NewSize(480, 240))
	d.Show()
}

// pendingFor is the waiting translation of a cue, if any.
func (e *editor) pendingFor(c subtitle.Cue) (subtitle.Cue, bool) {
	if e.tr.pending == nil {
		return subtitle.Cue{}, false
	}
	t, ok := e.tr.pending.byID[c.ID]
	return t, ok
}

// keepTranslation puts the translation into the Translation column and
// stores the target-language track in the project beside this one. A cue
// the AI failed keeps whatever translation it had.
func (e *editor) keepTranslation() {
	res := e.tr.pending
	if res == nil {
		return
	}
	for i, c := range e.s.track.Cues {
		t, ok := res.byID[c.ID]
		if !ok || len(t.Lines) == 0 {
			continue
		}
		e.s.track.Cues[i].Translation = append([]string(nil), t.Lines...)
		if c.Status != subtitle.StatusChecked {
			e.s.track.Cues[i].Status = subtitle.StatusTranslated
		}
	}
	e.s.track.TransLang = res.lang
	if p := e.h.Project(); p != nil {
		res.track.Episode = e.s.track.Episode
		if st, err := res.track.ToProject(e.s.name); err == nil {
			subtitle.PutTrack(p, st)
		}
	}
	e.tr.pending = nil
	e.tr.review.Hide()
	e.bi.SetChecked(true)
	e.reloadForm()
	e.refresh()
	e.commit()
	e.setStatus(i18n.Tf("subs.translate.kept", res.lang))
}

// discardTranslation drops the waiting translation; nothing was changed.
func (e *editor) discardTranslation() {
	if e.tr.pending == nil {
		return
	}
	e.tr.pending = nil
	e.tr.review.Hide()
	e.table.Refresh()
	e.setStatus(i18n.T("subs.translate.discarded"))
}

// stopTranslation cancels a running translation and drops a waiting one
// (the window closes or shows another track).
func (e *editor) stopTranslation() {
	e.tr.task.Cancel()
	e.tr.running.Hide()
	e.tr.cancelBtn.Enable()
	e.tr.btn.Enable()
	e.tr.pending = nil
	e.tr.review.Hide()
}
