// Package checkview is the Self-check tab of the right dock: it re-checks
// the project as the writer types (only the edited episode's text is
// checked again), groups findings by severity and category, jumps to the
// text of a finding and selects it, waives a finding with a reason, puts
// badges on the navigator and the board, and saves a report. It also
// offers FilingChecklist, the tier and filing checklist the Bible embeds.
package checkview

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/theme"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func init() {
	dock.Register(func(h dock.Host) dock.Panel { return newPanel(h) })
}

// debounce is how long the panel waits after the last change before it
// checks again.
var debounce = 500 * time.Millisecond

type panel struct {
	h       dock.Host
	eng     *check.Engine
	content fyne.CanvasObject

	tier, summary *widget.Label
	showWaived    *widget.Check
	minSev        *widget.Select
	list          *widget.List
	detail        *detailView

	// Owned by the Fyne goroutine.
	res      *check.Result
	rows     []row
	selected *check.Finding
	badged   map[int]string
	rowH     map[widget.ListItemID]float32 // the rows' heights as fitted
	task     *dock.Task
	later    *dock.Debouncer

	cache *episodeCache
	air   *aiReview
}

// row is one line of the findings list: a severity/category header or a
// finding.
type row struct {
	header   bool
	severity check.Severity
	category string
	count    int
	finding  int // index in res.Findings
}

func newPanel(h dock.Host) *panel {
	p := &panel{h: h, badged: map[int]string{}, cache: newEpisodeCache(), task: dock.NewTask(h)}
	eng, err := check.Default()
	if err != nil {
		p.content = widget.NewLabel(i18n.Tf("check.rules.error", err))
		return p
	}
	p.eng = eng
	p.tier = widget.NewLabel("")
	p.tier.Wrapping = dock.ProseWrap(i18n.Lang())
	p.summary = widget.NewLabel(i18n.T("check.running"))
	p.summary.Wrapping = dock.ProseWrap(i18n.Lang())
	p.showWaived = widget.NewCheck(i18n.T("check.show_waived"), func(bool) { p.rebuildRows() })
	sevs := make([]string, 0, len(check.Severities))
	for _, s := range check.Severities {
		sevs = append(sevs, s.Label(h.Lang()))
	}
	p.minSev = widget.NewSelect(sevs, func(string) { p.rebuildRows() })
	p.minSev.SetSelectedIndex(len(sevs) - 1)
	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			// findings wrap rather than end in "…": each row is as tall as
			// its text at the list's width
			l := widget.NewLabel("")
			l.Wrapping = dock.ProseWrap(h.Lang())
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			p.renderRow(id, l)
			p.fitRow(id, l)
		},
	)
	p.list.OnSelected = p.onSelect
	p.detail = newDetailView(p)
	reportBtn := widget.NewButton(i18n.T("check.report"), p.saveReport)
	p.air = newAIReview(p)
	top := container.NewVBox(p.tier, p.summary, container.NewBorder(nil, nil, widget.NewLabel(i18n.T("check.min")), p.showWaived, p.minSev))
	split := container.NewVSplit(p.list, container.NewBorder(nil, p.detail.actions, nil, nil, container.NewVScroll(p.detail.content)))
	split.Offset = 0.6
	p.content = container.NewBorder(top, container.NewVBox(p.air.content, reportBtn), nil, nil, split)
	p.later = dock.NewDebouncer(debounce, h.Do, p.recheck)
	h.OnChange(p.later.Poke)
	p.recheck()
	return p
}

func (p *panel) ID() dock.PanelID           { return dock.Check }
func (p *panel) Title() string              { return i18n.T("check.title") }
func (p *panel) Content() fyne.CanvasObject { return p.content }

func (p *panel) opts() check.Options { return check.Options{Lang: p.h.Lang()} }

// recheck checks a snapshot of the project in a goroutine and shows the
// result on the Fyne goroutine.
func (p *panel) recheck() {
	proj := p.h.Project()
	if proj == nil || p.eng == nil {
		return
	}
	// origs[i] is the live episode behind snap.Episodes[i]: the cache is
	// keyed by it, so only edited episodes are checked again.
	snap, origs := p.h.Snapshot(), append([]*script.Episode(nil), proj.Episodes...)
	opts := p.opts()
	p.air.restore()
	mergeAI := p.air.merger()
	p.task.Run(func(ctx context.Context, _ func(func())) func() {
		res := p.cache.check(ctx, p.eng, snap, origs, opts)
		if res == nil {
			return nil
		}
		mergeAI(snap, res) // the AI's findings on unchanged episodes stay
		return func() { p.apply(res) }
	})
}

// episodeCache keeps each episode's last result so that only edited
// episodes are checked again.
type episodeCache struct {
	mu   sync.Mutex
	last map[*script.Episode]check.EpisodeResult
	lang script.Lang
}

func newEpisodeCache() *episodeCache {
	return &episodeCache{last: map[*script.Episode]check.EpisodeResult{}}
}

func (c *episodeCache) check(ctx context.Context, eng *check.Engine, snap *script.Project, origs []*script.Episode, o check.Options) *check.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lang != o.Lang {
		c.last = map[*script.Episode]check.EpisodeResult{}
		c.lang = o.Lang
	}
	eps := make([]check.EpisodeResult, len(snap.Episodes))
	next := make(map[*script.Episode]check.EpisodeResult, len(snap.Episodes))
	for i, ep := range snap.Episodes {
		if ctx.Err() != nil {
			return nil
		}
		r, ok := c.last[origs[i]]
		if !ok || !r.Fresh(ep) {
			r = eng.CheckEpisode(snap, ep, o)
		}
		eps[i] = r
		next[origs[i]] = r
	}
	c.last = next
	return eng.Assemble(snap, o, eps)
}

// apply shows a result: tier, summary, rows, badges.
func (p *panel) apply(res *check.Result) {
	p.res = res
	p.tier.SetText(i18n.T("check.tier") + colon() + res.Tier.Name + " — " + res.Tier.Reason)
	s := res.Summary
	if s.Open == 0 {
		p.summary.SetText(i18n.T("check.clean"))
	} else {
		p.summary.SetText(fmt.Sprintf(i18n.T("check.summary"), s.Open, s.BySeverity[check.Blocker], s.BySeverity[check.High], s.BySeverity[check.Medium], s.BySeverity[check.Low], s.Waived))
	}
	p.rebuildRows()
	p.updateBadges()
	p.detail.show(p.findSelected())
	p.air.show(res)
}

// findSelected finds the selected finding again in a new result.
func (p *panel) findSelected() *check.Finding {
	if p.selected == nil || p.res == nil {
		return nil
	}
	for i := range p.res.Findings {
		f := &p.res.Findings[i]
		if f.Rule == p.selected.Rule && f.Episode == p.selected.Episode && f.Excerpt == p.selected.Excerpt {
			p.selected = f
			return f
		}
	}
	p.selected = nil
	return nil
}

func (p *panel) minSeverity() check.Severity {
	i := p.minSev.SelectedIndex()
	if i < 0 || i >= len(check.Severities) {
		return check.Info
	}
	return check.Severities[i]
}

// rebuildRows groups the visible findings by severity, then category.
func (p *panel) rebuildRows() {
	if p.res == nil || p.list == nil {
		return
	}
	min := p.minSeverity()
	p.rows = p.rows[:0]
	for _, sev := range check.Severities {
		if !sev.AtLeast(min) {
			continue
		}
		for _, cat := range check.Categories {
			var idx []int
			for i, f := range p.res.Findings {
				if f.Severity == sev && f.Category == cat && (!f.Waived() || p.showWaived.Checked) {
					idx = append(idx, i)
				}
			}
			if len(idx) == 0 {
				continue
			}
			p.rows = append(p.rows, row{header: true, severity: sev, category: cat, count: len(idx)})
			for _, i := range idx {
				p.rows = append(p.rows, row{severity: sev, category: cat, finding: i})
			}
		}
	}
	p.rowH = nil // rows change: fitted again as they are shown
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *panel) renderRow(id widget.ListItemID, l *widget.Label) {
	if id < 0 || id >= len(p.rows) || p.res == nil {
		l.SetText("")
		return
	}
	r := p.rows[id]
	if r.header {
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.SetText(sevMark(r.severity) + " " + r.severity.Label(p.h.Lang()) + " · " + check.CategoryLabel(r.category, p.h.Lang()) + " (" + strconv.Itoa(r.count) + ")")
		return
	}
	f := p.res.Findings[r.finding]
	l.TextStyle = fyne.TextStyle{}
	text := "    [" + readerBadge(f) + "] " + where(p.h.Lang(), f) + "  " + f.Message
	if f.Waived() {
		text = "    ✓ " + text[4:]
	}
	l.SetText(text)
}

// fitRow gives row id the height its wrapped text needs at the list's
// width (Fyne lists do not size rows by themselves).
func (p *panel) fitRow(id widget.ListItemID, l *widget.Label) {
	w := p.list.Size().Width - theme.ScrollBarSize()
	if w <= 0 {
		return
	}
	l.Resize(fyne.NewSize(w, l.Size().Height))
	h := l.MinSize().Height
	l.Resize(fyne.NewSize(w, h)) // Fyne lays wrapped text out again at this size
	h = l.MinSize().Height
	if p.rowH == nil {
		p.rowH = map[widget.ListItemID]float32{}
	}
	if old, ok := p.rowH[id]; !ok || old != h {
		p.rowH[id] = h
		p.list.SetItemHeight(id, h)
	}
}

// readerBadge names who raised a finding: 规则, 模型 or AI, with "+AI认同"
// when the AI review raised it too.
func readerBadge(f check.Finding) string {
	agreed := ""
	if slices.Contains(f.Tags, check.AgreedTag) {
		agreed = "+" + i18n.T("check.reader.agreed")
	}
	switch f.Reader {
	case check.ReaderModel:
		return i18n.T("check.reader.model") + agreed
	case check.ReaderAI:
		return i18n.T("check.reader.ai")
	}
	return i18n.T("check.reader.rule") + agreed
}

func sevMark(s check.Severity) string {
	switch s {
	case check.Blocker:
		return "⛔"
	case check.High:
		return "▲"
	case check.Medium:
		return "◆"
	case check.Low:
		return "●"
	}
	return "ⓘ"
}

func (p *panel) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(p.rows) || p.res == nil {
		return
	}
	r := p.rows[id]
	if r.header {
		return
	}
	f := &p.res.Findings[r.finding]
	p.selected = f
	p.detail.show(f)
	p.jump(f)
}

// jump shows the finding's text in the editor, selected.
func (p *panel) jump(f *check.Finding) {
	if f.Episode > 0 && p.h.Project() != nil && p.h.Project().Episode(f.Episode) != nil {
		p.h.Select(f.Episode, f.Start, f.End)
		return
	}
	p.h.Status(i18n.Tf("check.meta", fieldName(p.h.Lang(), f.Field)))
}

// updateBadges puts the number of open findings (info excluded) on each
// episode; "⚠" marks a blocker or high one.
func (p *panel) updateBadges() {
	count := map[int]int{}
	worst := map[int]check.Severity{}
	for _, f := range p.res.Findings {
		if f.Episode == 0 || f.Waived() || f.Severity == check.Info {
			continue
		}
		count[f.Episode]++
		if f.Severity.Rank() > worst[f.Episode].Rank() {
			worst[f.Episode] = f.Severity
		}
	}
	next := map[int]string{}
	for n, c := range count {
		t := strconv.Itoa(c)
		if worst[n].AtLeast(check.High) {
			t = "⚠" + t
		}
		next[n] = t
	}
	for n, t := range next {
		if p.badged[n] != t {
			p.h.SetBadge("check", n, t)
		}
	}
	for n := range p.badged {
		if _, ok := next[n]; !ok {
			p.h.SetBadge("check", n, "")
		}
	}
	p.badged = next
}
