// Package subtitleview is the Subtitles tab of the right dock and the
// subtitle editor window opened from it: generate tracks from the script,
// import timed files, lint and fix against a language profile, align to the
// script, and export SRT/WebVTT/ASS/TTML (bilingual and 9:16 included).
package subtitleview

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func init() {
	dock.Register(func(h dock.Host) dock.Panel { return newPanel(h) })
}

// importExts are the files the import dialogs offer.
var importExts = []string{".srt", ".vtt", ".ass", ".ssa", ".ttml", ".dfxp", ".xml", ".stl"}

type trackRow struct {
	track *subtitle.Track
	name  string
	text  string
}

type panel struct {
	h       dock.Host
	lang    *widget.Select
	layer   *widget.Select
	list    *widget.List
	empty   *widget.Label
	rows    []trackRow
	content fyne.CanvasObject
	editors map[string]*editor
	genAll  *dock.Task
	imp     *dock.Task // import a file
	expAll  *dock.Task // write every track into a folder
	warmed  bool       // the word list was asked for (see Shown)
	// layerSet: the writer picked the layout layer; until then it follows
	// the project (9:16 for a vertical series)
	layerSet, setting bool
}

func newPanel(h dock.Host) *panel {
	p := &panel{h: h, editors: map[string]*editor{}, genAll: dock.NewTask(h), imp: dock.NewTask(h), expAll: dock.NewTask(h)}
	if dir := subtitle.UserProfileDir(); dir != "" {
		_ = subtitle.LoadProfileDir(dir) // a broken user profile must not stop the app
	}
	var langs, layers []string
	layers = append(layers, i18n.T("subs.profile.default"))
	for _, pr := range subtitle.Profiles() {
		if pr.Layer {
			layers = append(layers, pr.ID)
		} else {
			langs = append(langs, pr.ID)
		}
	}
	p.lang = widget.NewSelect(langs, nil)
	p.lang.SetSelected(p.defaultLang())
	p.layer = widget.NewSelect(layers, nil)
	p.layer.SetSelectedIndex(0)

	gen := widget.NewButton(i18n.T("subs.generate"), p.generateCurrent)
	genAll := widget.NewButton(i18n.T("subs.generate.all"), p.generateAll)
	imp := widget.NewButton(i18n.T("subs.import"), p.importDialog)
	open := widget.NewButton(i18n.T("subs.open"), p.openCurrent)
	expAll := widget.NewButton(i18n.T("subs.exportall"), p.exportAllDialog)

	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rows[id].text) },
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.rows) {
			r := p.rows[id]
			p.openEditor(r.track, r.name)
		}
		p.list.UnselectAll()
	}
	p.empty = widget.NewLabel(i18n.T("subs.none"))
	p.empty.Wrapping = dock.ProseWrap(h.Lang()) // English breaks at words ("TTML", not "TTM|L")

	form := widget.NewForm(
		widget.NewFormItem(i18n.T("subs.lang"), p.lang),
		widget.NewFormItem(i18n.T("subs.profile"), p.layer),
	)
	top := container.NewVBox(form, container.NewGridWithColumns(2, gen, genAll, imp, open), expAll,
		widget.NewLabelWithStyle(i18n.T("subs.tracks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	// The list and its empty state share the space below.
	p.content = container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
	p.lang.OnChanged = func(string) { p.refresh() }
	p.layer.OnChanged = func(string) {
		if !p.setting {
			p.layerSet = true
		}
		p.refresh()
	}
	h.OnChange(p.refresh)
	p.refresh()
	return p
}

func (p *panel) ID() dock.PanelID           { return dock.Subtitles }
func (p *panel) Title() string              { return i18n.T("subs.title") }
func (p *panel) Content() fyne.CanvasObject { return p.content }

func (p *panel) defaultLang() string {
	if prof, err := subtitle.Resolve(subtitle.DetectScriptLang(p.h.Project()), ""); err == nil {
		return prof.ID
	}
	return "zh-Hans"
}

// followProject picks the vertical layer for a vertical series, the
// default for another, until the writer picks one.
func (p *panel) followProject() {
	if p.layerSet || p.h.Project() == nil {
		return
	}
	want := 0
	if p.h.Project().Vertical() {
		for i, o := range p.layer.Options {
			if o == verticalLayer {
				want = i
			}
		}
	}
	if p.layer.SelectedIndex() != want {
		p.setting = true
		p.layer.SetSelectedIndex(want) // refreshes through OnChanged
		p.setting = false
	}
}

// verticalLayer is the 9:16 layout safe on every short-video app.
const verticalLayer = "vertical"

// profile is the chosen language profile with the chosen layout layer.
func (p *panel) profile() (*subtitle.Profile, error) {
	layer := ""
	if p.layer.SelectedIndex() > 0 {
		layer = p.layer.Selected
	}
	return subtitle.Resolve(p.lang.Selected, layer)
}

// refresh rebuilds the track list from the project.
func (p *panel) refresh() {
	p.followProject()
	prof, err := p.profile()
	trs, raw, errs := tracksOf(p.h.Project())
	p.rows = p.rows[:0]
	for i, tr := range trs {
		status := ""
		if err == nil {
			pr := prof
			if tr.Lang != "" && tr.Lang != prof.Lang {
				if alt, e2 := subtitle.Resolve(tr.Lang, ""); e2 == nil {
					pr = alt
				}
			}
			ps := subtitle.Lint(tr.Cues, pr)
			hi := subtitle.CountBySeverity(ps, subtitle.SevHigh)
			if len(ps) == 0 {
				status = i18n.T("subs.track.ok")
			} else {
				status = i18n.Tf("subs.track.problems", hi, len(ps)-hi)
			}
		}
		label := tr.Lang
		if raw[i].Name != "" {
			label += " · " + raw[i].Name
		}
		p.rows = append(p.rows, trackRow{track: tr, name: raw[i].Name, text: i18n.Tf("subs.track.row", tr.Episode, label, len(tr.Cues), status)})
	}
	sort.SliceStable(p.rows, func(i, j int) bool { return p.rows[i].track.Episode < p.rows[j].track.Episode })
	for _, e := range errs {
		p.h.Status(i18n.Tf("subs.error", e.Error()))
	}
	if len(p.rows) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	p.list.Refresh()
}

// hasTimedWork reports a track whose timing came from a file or a person:
// regenerating must not overwrite it silently.
func hasTimedWork(tr *subtitle.Track) bool {
	for _, c := range tr.Cues {
		if c.Status != subtitle.StatusEstimated && c.Status != "" {
			return true
		}
	}
	return false
}

func (p *panel) generateCurrent() {
	ep := p.h.Current()
	if ep == nil {
		p.h.Status(i18n.T("subs.noepisode"))
		return
	}
	prof, err := p.profile()
	if err != nil {
		p.showErr(err)
		return
	}
	do := func() {
		tr := subtitle.Generate(p.h.Project(), ep, prof)
		tr.Lang = prof.Lang
		s := newSession(tr, "", prof)
		if err := s.save(p.h.Project()); err != nil {
			p.showErr(err)
			return
		}
		p.h.Changed()
		p.h.Status(i18n.Tf("subs.generated", len(tr.Cues), 1))
		p.refresh()
		p.openSession(s)
	}
	if old, _ := findTrack(p.h.Project(), ep.Number, prof.Lang); old != nil && hasTimedWork(old) {
		dialog.ShowConfirm(i18n.T("subs.generate"), i18n.Pick("本集已有带时间轴的字幕，重新生成会替换它。继续吗？", "This episode already has a timed track; generating replaces it. Continue?"),
			func(ok bool) {
				if ok {
					do()
				}
			}, p.h.Window())
		return
	}
	do()
}

// generateAll makes a track for every episode in the background; tracks
// with timed work are kept.
func (p *panel) generateAll() {
	proj := p.h.Project()
	prof, err := p.profile()
	if err != nil || proj == nil {
		if err != nil {
			p.showErr(err)
		}
		return
	}
	// The worker reads a snapshot: the editor re-parses scenes meanwhile.
	snap := p.h.Snapshot()
	p.genAll.Run(func(ctx context.Context, _ func(func())) func() {
		var tracks []*subtitle.Track
		for _, ep := range snap.Episodes {
			if ctx.Err() != nil {
				return nil
			}
			tr := subtitle.Generate(snap, ep, prof)
			tr.Lang = prof.Lang
			tracks = append(tracks, tr)
		}
		return func() {
			n, cues := 0, 0
			for _, tr := range tracks {
				if old, _ := findTrack(proj, tr.Episode, tr.Lang); old != nil && hasTimedWork(old) {
					continue
				}
				if err := newSession(tr, "", prof).save(proj); err == nil {
					n++
					cues += len(tr.Cues)
				}
			}
			p.h.Changed()
			p.h.Status(i18n.Tf("subs.generated", cues, n))
			p.refresh()
		}
	})
}

func (p *panel) openCurrent() {
	ep := p.h.Current()
	if ep == nil {
		p.h.Status(i18n.T("subs.noepisode"))
		return
	}
	prof, err := p.profile()
	if err != nil {
		p.showErr(err)
		return
	}
	tr, name := findTrack(p.h.Project(), ep.Number, prof.Lang)
	if tr == nil {
		tr = &subtitle.Track{Lang: prof.Lang, Episode: ep.Number}
	}
	p.openEditor(tr, name)
}

// warm loads the Chinese word list that line breaking needs, in the
// background (about a second).
var warm = subtitle.WarmSegmenter

// Shown starts loading the word list the first time the tab is shown, so
// the first generate or fix does not wait for it.
func (p *panel) Shown() {
	if !p.warmed {
		p.warmed = true
		warm()
	}
}

func (p *panel) importDialog() {
	dock.OpenFile(p.h.Window(), dock.FileOptions{Purpose: dock.ForSubtitles, Exts: importExts, Dir: dock.ProjectDir(p.h)}, func(r fyne.URIReadCloser) {
		name := r.URI().Name()
		p.imp.Run(func(ctx context.Context, _ func(func())) func() {
			// read and parse off the Fyne goroutine
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, 64<<20))
			var res *subtitle.ReadResult
			if err == nil {
				res, err = subtitle.Read(name, data)
			}
			return func() {
				if err == nil {
					err = p.applyImport(name, res)
				}
				if err != nil {
					p.showErr(err)
				}
			}
		})
	})
}

// applyImport stores a parsed file (on the Fyne goroutine).
func (p *panel) applyImport(name string, res *subtitle.ReadResult) error {
	tr := res.Track
	if ep := p.h.Current(); ep != nil {
		tr.Episode = ep.Number
		for i := range tr.Cues {
			tr.Cues[i].Episode = ep.Number
		}
	}
	if tr.Lang == "" {
		tr.Lang = subtitle.DetectLang(tr.Cues)
	}
	prof, err := subtitle.Resolve(tr.Lang, p.layerID())
	if err != nil {
		if prof, err = p.profile(); err != nil {
			return err
		}
	}
	s := newSession(tr, strings.TrimSuffix(name, filepath.Ext(name)), prof)
	if err := s.save(p.h.Project()); err != nil {
		return err
	}
	p.h.Changed()
	p.h.Status(i18n.Tf("subs.imported", len(tr.Cues), strings.ToUpper(res.Format), res.Encoding))
	p.refresh()
	p.openSession(s)
	return nil
}

func (p *panel) openEditor(tr *subtitle.Track, name string) {
	prof, err := subtitle.Resolve(tr.Lang, p.layerID())
	if err != nil {
		if prof, err = p.profile(); err != nil {
			p.showErr(err)
			return
		}
	}
	p.openSession(newSession(tr.Clone(), name, prof))
}

func (p *panel) layerID() string {
	if p.layer.SelectedIndex() > 0 {
		return p.layer.Selected
	}
	return ""
}

func (p *panel) openSession(s *session) {
	key := fmt.Sprintf("%d/%s/%s", s.track.Episode, s.track.Lang, s.name)
	if e, ok := p.editors[key]; ok {
		e.load(s)
		e.win.RequestFocus()
		return
	}
	e := newEditor(p.h, s, func() {
		delete(p.editors, key)
		p.refresh()
	})
	p.editors[key] = e
	e.win.Show()
}

func (p *panel) showErr(err error) {
	p.h.Status(i18n.Tf("subs.error", err.Error()))
	if w := p.h.Window(); w != nil {
		dialog.ShowError(err, w)
	}
}
