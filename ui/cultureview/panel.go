// Package cultureview is the Culture tab of the right dock: browse and search
// the regional elements, read an element's card, add it to the series plan
// (and the glossary), insert a mention at the cursor, see the coverage grid
// (episodes × elements with depth of use), fix detection on this episode,
// and put culture badges on the navigator and the board.
package cultureview

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func init() {
	dock.Register(func(h dock.Host) dock.Panel { return newPanel(h) })
}

type panel struct {
	h  dock.Host
	ds *culture.Dataset

	// browse
	region  *widget.Select
	kind    *widget.Select
	search  *widget.Entry
	count   *widget.Label
	list    *widget.List
	results []*culture.Element
	card    *widget.Card
	cardBox *fyne.Container
	addBtn  *widget.Button
	insBtn  *widget.Button
	current *culture.Element

	cov     *coverageView
	ep      *episodeView
	content fyne.CanvasObject

	// scan state, owned by the Fyne goroutine
	scan     *dock.Task
	hits     []culture.ScriptHit
	coverage *culture.Coverage
	badged   map[int]string // badge text last sent per episode
}

func newPanel(h dock.Host) *panel {
	p := &panel{h: h, badged: map[int]string{}, scan: dock.NewTask(h)}
	ds, err := culture.Builtin()
	if err != nil {
		p.content = widget.NewLabel(err.Error())
		return p
	}
	p.ds = ds
	p.buildBrowse()
	p.cov = newCoverageView(p)
	p.ep = newEpisodeView(p)
	tabs := container.NewAppTabs(
		container.NewTabItem(i18n.T("culture.tab.browse"), p.browseContent()),
		container.NewTabItem(i18n.T("culture.tab.coverage"), p.cov.content),
		container.NewTabItem(i18n.T("culture.tab.episode"), p.ep.content),
	)
	tabs.OnSelected = func(*container.TabItem) {
		if tabs.SelectedIndex() == 2 {
			p.ep.refresh() // the editor may show another episode by now
		}
	}
	p.content = tabs
	p.refreshResults()
	h.OnChange(p.rescan)
	p.rescan()
	return p
}

func (p *panel) ID() dock.PanelID           { return dock.Culture }
func (p *panel) Title() string              { return i18n.T("culture.title") }
func (p *panel) Content() fyne.CanvasObject { return p.content }

// regionOptions lists "All" then the province-level regions.
func (p *panel) regionOptions() ([]string, []string) {
	labels := []string{i18n.T("culture.region.all")}
	codes := []string{""}
	for _, r := range p.ds.Provinces() {
		name := r.Short
		if p.h.Lang() != script.Zh {
			name = r.English
		}
		labels = append(labels, name)
		codes = append(codes, r.Code)
	}
	return labels, codes
}

func (p *panel) buildBrowse() {
	labels, codes := p.regionOptions()
	p.region = widget.NewSelect(labels, func(string) { p.refreshResults() })
	p.region.SetSelectedIndex(0)
	if r := p.homeRegion(); r != "" {
		for i, c := range codes {
			if c == r {
				p.region.SetSelectedIndex(i)
			}
		}
	}
	kinds := []string{i18n.T("culture.type.all")}
	for _, t := range culture.Types {
		kinds = append(kinds, culture.TypeName(t, p.h.Lang()))
	}
	p.kind = widget.NewSelect(kinds, func(string) { p.refreshResults() })
	p.kind.SetSelectedIndex(0)
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(i18n.T("culture.search.placeholder"))
	p.search.OnChanged = func(string) { p.refreshResults() }
	p.count = widget.NewLabel("")
	p.list = widget.NewList(
		func() int { return len(p.results) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.rowText(p.results[id])) },
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(p.results) {
			p.show(p.results[id])
		}
	}
	p.addBtn = widget.NewButton(i18n.T("culture.add"), p.togglePlan)
	p.insBtn = widget.NewButton(i18n.T("culture.insert"), p.insertMention)
	p.addBtn.Disable()
	p.insBtn.Disable()
	p.cardBox = container.NewVBox(widget.NewLabel(i18n.T("culture.pick")))
	p.card = widget.NewCard("", "", p.cardBox)
}

func (p *panel) browseContent() fyne.CanvasObject {
	filters := container.NewGridWithColumns(2, p.region, p.kind)
	top := container.NewVBox(filters, p.search, p.count)
	detail := container.NewBorder(nil, container.NewGridWithColumns(2, p.addBtn, p.insBtn), nil, nil,
		container.NewVScroll(p.card))
	split := container.NewVSplit(p.list, detail)
	split.Offset = 0.45
	return container.NewBorder(top, nil, nil, nil, split)
}

// homeRegion is the province the series is set in: the project's regions,
// else its planned elements.
func (p *panel) homeRegion() string {
	proj := p.h.Project()
	if proj == nil {
		return ""
	}
	for _, r := range proj.Meta.Regions {
		if len(r) == 6 {
			return culture.ProvinceOf(r)
		}
	}
	for _, id := range proj.Culture.Planned {
		if e := p.ds.Element(id); e != nil {
			return e.Province()
		}
	}
	return ""
}

func (p *panel) planned(id string) bool {
	if proj := p.h.Project(); proj != nil {
		for _, x := range proj.Culture.Planned {
			if x == id {
				return true
			}
		}
	}
	return false
}

func (p *panel) rowText(e *culture.Element) string {
	mark := ""
	if p.planned(e.ID) {
		mark = "★ "
	}
	region := ""
	if len(e.Regions) > 0 {
		region = p.ds.RegionName(e.Regions[0])
	}
	return fmt.Sprintf("%s%s · %s · %s", mark, e.Name, culture.TypeName(e.Type, p.h.Lang()), region)
}

func (p *panel) query() culture.Query {
	q := culture.Query{Text: p.search.Text}
	_, codes := p.regionOptions()
	if i := p.region.SelectedIndex(); i > 0 && i < len(codes) {
		q.Region = codes[i]
	}
	if i := p.kind.SelectedIndex(); i > 0 && i <= len(culture.Types) {
		q.Type = culture.Types[i-1]
	}
	return q
}

func (p *panel) refreshResults() {
	if p.list == nil || p.search == nil || p.kind == nil {
		return // still building
	}
	res, err := p.ds.Search(p.query())
	if err != nil {
		p.count.SetText(err.Error())
		res = nil
	} else if len(res) == 0 {
		p.count.SetText(i18n.T("culture.empty"))
	} else {
		p.count.SetText(i18n.Tf("culture.results", len(res)))
	}
	p.results = res
	p.list.UnselectAll()
	p.list.Refresh()
}

// show fills the detail card.
func (p *panel) show(e *culture.Element) {
	p.current = e
	p.card.SetTitle(e.Name)
	p.card.SetSubTitle(e.English)
	wrap := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = dock.ProseWrap(i18n.Lang())
		return l
	}
	var rows []fyne.CanvasObject
	var regions []string
	for _, r := range e.Regions {
		regions = append(regions, p.ds.RegionName(r))
	}
	rows = append(rows, wrap(i18n.Tf("culture.card.type", culture.TypeName(e.Type, p.h.Lang()), strings.Join(regions, "、"))))
	if e.ICH != nil {
		parts := []string{e.ICH.Category}
		if e.ICH.Batch > 0 {
			parts = append(parts, i18n.Tf("culture.card.batch", e.ICH.Batch, e.ICH.Year))
		}
		if e.ICH.Code != "" {
			parts = append(parts, i18n.Tf("culture.card.code", e.ICH.Code+" / "+e.ICH.CodeASCII))
		}
		if !e.ICH.Verified {
			parts = append(parts, i18n.T("culture.card.code.unverified"))
		}
		rows = append(rows, wrap(i18n.Tf("culture.card.ich", strings.Join(parts, " · "))))
	}
	rows = append(rows, wrap(e.Description))
	if al := append(append([]string{}, e.Aliases...), e.Weak...); len(al) > 0 {
		rows = append(rows, wrap(i18n.Tf("culture.card.aliases", strings.Join(al, "、"))))
	}
	if len(e.Tags) > 0 {
		rows = append(rows, wrap(i18n.Tf("culture.card.tags", strings.Join(e.Tags, "、"))))
	}
	if e.Sensitivity != culture.SensNone {
		rows = append(rows, wrap(i18n.T("culture.card.sensitive")))
	}
	if e.Pack != "" && e.Pack != "project" {
		rows = append(rows, wrap(i18n.Tf("culture.card.pack", e.Pack, e.Author)))
	}
	var src []string
	for _, s := range e.Sources {
		if so := p.ds.Sources[s]; so != nil {
			t := so.Title
			if so.DocNo != "" {
				t += " " + so.DocNo
			}
			src = append(src, t)
		} else {
			src = append(src, s)
		}
	}
	rows = append(rows, wrap(i18n.Tf("culture.card.sources", strings.Join(src, "；"))))
	p.cardBox.Objects = rows
	p.cardBox.Refresh()
	p.updateButtons()
}

func (p *panel) updateButtons() {
	if p.current == nil {
		p.addBtn.Disable()
		p.insBtn.Disable()
		return
	}
	if p.planned(p.current.ID) {
		p.addBtn.SetText(i18n.T("culture.remove"))
	} else {
		p.addBtn.SetText(i18n.T("culture.add"))
	}
	p.addBtn.Enable()
	p.insBtn.Enable()
}

func (p *panel) togglePlan() {
	proj, e := p.h.Project(), p.current
	if proj == nil || e == nil {
		return
	}
	if p.planned(e.ID) {
		culture.RemoveFromPlan(proj, e.ID)
		p.h.Status(i18n.Tf("culture.removed", e.Name))
	} else {
		culture.AddToPlan(proj, e)
		p.h.Status(i18n.Tf("culture.added", e.Name))
	}
	p.h.Changed()
	p.updateButtons()
	p.list.Refresh()
	p.rescan()
}

func (p *panel) insertMention() {
	if p.current == nil {
		return
	}
	if p.h.Current() == nil {
		p.h.Status(i18n.T("culture.noepisode"))
		return
	}
	p.h.Insert(p.current.Name)
	p.h.Status(i18n.Tf("culture.inserted", p.current.Name))
}

// rescan scans the project in a goroutine and shows the result.
func (p *panel) rescan() {
	proj := p.h.Project()
	if proj == nil || p.ds == nil {
		return
	}
	snap := p.h.Snapshot()
	p.scan.Run(func(context.Context, func(func())) func() {
		hits := p.ds.Scan(snap)
		cov := p.ds.Cover(snap, hits)
		return func() { p.apply(hits, cov) }
	})
}

func (p *panel) apply(hits []culture.ScriptHit, cov *culture.Coverage) {
	p.hits, p.coverage = hits, cov
	per := map[int]map[string]bool{}
	for _, h := range hits {
		if per[h.Episode] == nil {
			per[h.Episode] = map[string]bool{}
		}
		per[h.Episode][h.Element.ID] = true
	}
	for n := range p.badged {
		if per[n] == nil {
			p.h.SetBadge("culture", n, "")
			delete(p.badged, n)
		}
	}
	eps := make([]int, 0, len(per))
	for n := range per {
		eps = append(eps, n)
	}
	sort.Ints(eps)
	for _, n := range eps {
		// Only changes are sent: every SetBadge refreshes the navigator.
		if text := i18n.Tf("culture.badge", len(per[n])); p.badged[n] != text {
			p.h.SetBadge("culture", n, text)
			p.badged[n] = text
		}
	}
	p.cov.refresh()
	p.ep.refresh()
}
