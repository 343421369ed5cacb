package cultureview

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// coverageView is the episodes × elements grid with the plan advice.
type coverageView struct {
	p       *panel
	summary *widget.Label
	table   *widget.Table
	hints   *widget.Label
	content fyne.CanvasObject
}

// depthMark is the one-character grid mark of a depth.
func depthMark(d string, lang script.Lang) string {
	if lang == script.Zh {
		return map[string]string{culture.DepthMention: "提", culture.DepthSetting: "景", culture.DepthVisual: "画", culture.DepthPlot: "情"}[d]
	}
	return map[string]string{culture.DepthMention: "M", culture.DepthSetting: "S", culture.DepthVisual: "V", culture.DepthPlot: "P"}[d]
}

func newCoverageView(p *panel) *coverageView {
	v := &coverageView{p: p, summary: widget.NewLabel(""), hints: widget.NewLabel("")}
	v.summary.Wrapping = dock.ProseWrap(i18n.Lang())
	v.hints.Wrapping = dock.ProseWrap(i18n.Lang())
	v.table = widget.NewTableWithHeaders(v.size,
		func() fyne.CanvasObject { return widget.NewLabel("情") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id.Row, id.Col)) })
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0:
			l.SetText(v.colHeader(id.Col))
		case id.Col < 0 && id.Row >= 0:
			l.SetText(v.rowHeader(id.Row))
		default:
			l.SetText("")
		}
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		v.jump(id.Row, id.Col)
		v.table.UnselectAll()
	}
	v.table.SetColumnWidth(-1, 150)
	split := container.NewVSplit(v.table, container.NewVScroll(v.hints))
	split.Offset = 0.6
	v.content = container.NewBorder(v.summary, nil, nil, nil, split)
	return v
}

func (v *coverageView) cov() *culture.Coverage { return v.p.coverage }

// size: one row per element plus the dialect row; one column per episode.
func (v *coverageView) size() (int, int) {
	c := v.cov()
	if c == nil || len(c.Episodes) == 0 {
		return 0, 0
	}
	return len(c.Elements) + 1, len(c.Episodes)
}

func (v *coverageView) colHeader(col int) string {
	c := v.cov()
	if c == nil || col >= len(c.Episodes) {
		return ""
	}
	return strconv.Itoa(c.Episodes[col])
}

func (v *coverageView) rowHeader(row int) string {
	c := v.cov()
	if c == nil {
		return ""
	}
	if row == len(c.Elements) {
		return i18n.T("culture.coverage.dialect")
	}
	if row >= len(c.Elements) {
		return ""
	}
	e := c.Elements[row]
	if c.Planned[e.ID] {
		return "★ " + e.Name
	}
	return e.Name
}

func (v *coverageView) cell(row, col int) string {
	c := v.cov()
	if c == nil || col >= len(c.Episodes) {
		return ""
	}
	n := c.Episodes[col]
	if row == len(c.Elements) {
		d := c.Dialect[n]
		if d.WithDialect == 0 {
			return ""
		}
		return fmt.Sprintf("%.0f%%", d.Ratio()*100)
	}
	if row >= len(c.Elements) {
		return ""
	}
	return depthMark(c.Cells[c.Elements[row].ID][n], v.p.h.Lang())
}

// jump selects the first use of the element in that episode.
func (v *coverageView) jump(row, col int) {
	c := v.cov()
	if c == nil || row < 0 || row >= len(c.Elements) || col < 0 || col >= len(c.Episodes) {
		return
	}
	id, n := c.Elements[row].ID, c.Episodes[col]
	for _, h := range v.p.hits {
		if h.Element.ID == id && h.Episode == n {
			v.p.h.Select(n, h.Start, h.End)
			return
		}
	}
}

func (v *coverageView) refresh() {
	c := v.cov()
	if c == nil {
		return
	}
	used, eps := 0, map[int]bool{}
	for _, e := range c.Elements {
		if len(c.Cells[e.ID]) > 0 {
			used++
		}
	}
	for _, h := range v.p.hits {
		eps[h.Episode] = true
	}
	if len(c.Elements) == 0 {
		v.summary.SetText(i18n.T("culture.coverage.none"))
	} else {
		v.summary.SetText(i18n.Tf("culture.coverage.summary", len(c.Planned), used, len(v.p.hits), len(eps)))
	}
	var b strings.Builder
	for _, h := range c.Hints {
		b.WriteString("· " + h.Message(v.p.h.Lang()) + "\n")
	}
	v.hints.SetText(strings.TrimSpace(b.String()))
	v.table.Refresh()
}
