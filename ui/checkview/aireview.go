package checkview

import (
	"context"
	"errors"
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aicheck"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// aiCachePath is the AI review's answer cache, shared with the CLI; tests
// point it elsewhere.
var aiCachePath = aicheck.DefaultPath

// aiReview is the panel's AI review: the self-check's third reader, run
// on demand (it costs tokens) over the open episode or the whole series.
// Its findings are kept per episode with the text they were read on, so a
// recheck of unchanged episodes keeps them and an edited episode drops
// them until it is reviewed again.
type aiReview struct {
	p            *panel
	task         *dock.Task
	episode, all *widget.Button
	stop         *widget.Button
	bar          *widget.ProgressBar
	running      fyne.CanvasObject // the bar and Stop, shown while it runs
	note         *widget.Label     // how the last run went, or why it failed
	content      fyne.CanvasObject

	// Owned by the Fyne goroutine.
	found    map[int]aiRead
	status   *check.ReaderStatus
	announce bool           // the next result is the run's: say it in the status bar
	cache    *aicheck.Cache // opened on the first run
	// restoring reads the cache at start-up (its own slot: a review
	// started meanwhile must not cancel it, nor it the review)
	restoring   *dock.Task
	restoredFor *script.Project
}

// aiRead is what the AI found in one episode's text.
type aiRead struct {
	body     string
	findings []check.Finding
}

func newAIReview(p *panel) *aiReview {
	a := &aiReview{p: p, task: dock.NewTask(p.h), found: map[int]aiRead{}}
	a.episode = widget.NewButtonWithIcon(i18n.T("check.aireview.episode"), theme.ComputerIcon(), func() { a.start(false) })
	a.all = widget.NewButton(i18n.T("check.aireview.all"), func() { a.start(true) })
	a.bar = widget.NewProgressBar()
	a.bar.TextFormatter = func() string { return "" }
	a.stop = widget.NewButton(i18n.T("check.aireview.stop"), func() { a.task.Stop() })
	a.running = container.NewBorder(nil, nil, nil, a.stop, a.bar)
	a.running.Hide()
	a.note = widget.NewLabel("")
	a.note.Wrapping = dock.ProseWrap(p.h.Lang())
	a.note.Hide()
	a.content = container.NewVBox(a.note, a.running, container.NewGridWithColumns(2, a.episode, a.all))
	return a
}

// restore shows the AI findings of an earlier session again: answers in
// the cache for the configured model and the episodes' current text. It
// asks the AI nothing; the cache file is read on a worker.
// The panel calls it before each check; it runs once per project (the
// window builds its panels before it opens one, and may open another):
// another project starts with none of the last one's AI findings.
func (a *aiReview) restore() {
	proj := a.p.h.Project()
	if proj == nil || proj == a.restoredFor {
		return
	}
	if a.restoredFor != nil {
		a.task.Cancel()
		a.setRunning(false)
		a.found, a.status = map[int]aiRead{}, nil
		a.note.Hide()
	}
	a.restoredFor = proj
	if a.restoring == nil {
		a.restoring = dock.NewTask(a.p.h)
	}
	s := aiconf.Load(a.p.h.App().Preferences())
	if !s.Configured() || s.Model == "" {
		return
	}
	snap, lang, model, path := a.p.h.Snapshot(), a.p.h.Lang(), s.Model, aiCachePath()
	a.restoring.Run(func(ctx context.Context, _ func(func())) func() {
		cache := aicheck.OpenCache(path)
		fs, st := aicheck.Cached(snap, cache, model, "zh", lang)
		return func() {
			if a.cache == nil {
				a.cache = cache
			}
			if st.Reviewed == 0 || a.status != nil { // nothing kept, or a run already reported
				return
			}
			a.keep(snap, st, fs)
			a.announce = false
			a.p.recheck()
		}
	})
}

// start reviews the open episode (or every episode) on a worker: the
// client is made there (the keychain may take a moment); when AI is not
// set up the writer is asked to set it up instead of shown an error.
func (a *aiReview) start(all bool) {
	proj := a.p.h.Project()
	if proj == nil || a.task.Running() {
		return
	}
	var eps []int
	if !all {
		cur := a.p.h.Current()
		if cur == nil {
			a.p.h.Status(i18n.T("check.aireview.noep"))
			return
		}
		eps = []int{cur.Number}
	}
	snap := a.p.h.Snapshot()
	app, lang := a.p.h.App(), a.p.h.Lang()
	if a.cache == nil {
		a.cache = aicheck.OpenCache(aiCachePath())
	}
	cache := a.cache
	a.setRunning(true)
	a.bar.SetValue(0)
	a.task.Run(func(ctx context.Context, report func(func())) func() {
		c, err := aiconf.Client(app)
		if err != nil && aiconf.NotSetUp(err) {
			return func() { a.setRunning(false); a.askSettings(err) }
		}
		fs, st := aicheck.Review(ctx, c, err, snap, cache, aicheck.Options{Episodes: eps, Lang: lang,
			Progress: func(done, total int) {
				report(func() {
					a.bar.SetValue(float64(done) / float64(max(total, 1)))
					a.p.h.Status(i18n.Tf("check.aireview.progress", done, total))
				})
			}})
		_ = cache.Save() // only a cache: a failure costs a question next time
		return func() {
			a.setRunning(false)
			a.keep(snap, st, fs)
			a.p.recheck()
		}
	})
}

func (a *aiReview) setRunning(on bool) {
	if on {
		a.running.Show()
		a.episode.Disable()
		a.all.Disable()
		return
	}
	a.running.Hide()
	a.episode.Enable()
	a.all.Enable()
}

// keep stores the findings of the episodes the AI read, with the text it
// read, and the run's status.
func (a *aiReview) keep(snap *script.Project, st check.ReaderStatus, fs []check.Finding) {
	for _, n := range st.Episodes {
		if slices.Contains(st.Failed, n) {
			continue
		}
		ep := snap.Episode(n)
		if ep == nil {
			continue
		}
		r := aiRead{body: ep.Body}
		for _, f := range fs {
			if f.Episode == n {
				r.findings = append(r.findings, f)
			}
		}
		a.found[n] = r
	}
	a.status = &st
	a.announce = true
}

// show says how the AI review went, with the counts of the merged result
// (what it added and agreed with is only known after the merge).
func (a *aiReview) show(res *check.Result) {
	st, ok := res.Reader(check.ReaderAI)
	if !ok {
		return
	}
	if st.Error != "" {
		a.note.SetText(st.Error)
	} else {
		a.note.SetText(i18n.Tf("check.aireview.done", st.Model, st.Reviewed, st.Cached, st.Findings, st.Agreed))
	}
	a.note.Show()
	if a.announce {
		a.announce = false
		a.p.h.Status(a.note.Text)
	}
}

// merger returns what a recheck worker needs to merge the AI findings
// into its result: a copy, taken on the Fyne goroutine.
func (a *aiReview) merger() func(snap *script.Project, res *check.Result) {
	if a.status == nil {
		return func(*script.Project, *check.Result) {}
	}
	found, st := maps.Clone(a.found), *a.status
	return func(snap *script.Project, res *check.Result) {
		var fs []check.Finding
		for n, r := range found {
			// an edited episode's AI findings point at text that moved
			if ep := snap.Episode(n); ep != nil && ep.Body == r.body {
				fs = append(fs, r.findings...)
			}
		}
		res.AddReader(snap, st, fs)
	}
}

// askSettings explains that AI is not set up and offers its settings.
func (a *aiReview) askSettings(err error) {
	h := a.p.h
	msg := i18n.T("check.aireview.noai")
	if !errors.Is(err, aiconf.ErrNotConfigured) {
		msg += "\n\n" + ai.ErrorMessage(err, h.Lang())
	}
	l := widget.NewLabel(msg)
	l.Wrapping = dock.ProseWrap(h.Lang())
	d := dialog.NewCustomConfirm(i18n.T("check.aireview.title"), i18n.T("check.aireview.settings"), i18n.T("action.cancel"), l,
		func(ok bool) {
			if !ok {
				return
			}
			if !h.Request(dock.ShowAISettings{}) {
				h.Status(i18n.T("check.aireview.noaitab"))
			}
		}, h.Window())
	d.Resize(fyne.NewSize(480, 240))
	d.Show()
}
