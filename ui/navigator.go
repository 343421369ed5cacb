package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/stats"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// navigator is the series list on the left: number, title, status, a
// duration bar against the target, marker icons and badges from features.
type navigator struct {
	u         *UI
	list      *widget.List
	header    *widget.Label
	content   fyne.CanvasObject
	selected  int
	syncing   bool
	shown     map[*script.Episode]string // what each row shows, to skip redraws
	legend    *widget.PopUp
	legendBtn *widget.Button
}

func newNavigator(u *UI) *navigator {
	n := &navigator{u: u, selected: -1, shown: map[*script.Episode]string{}}
	n.list = widget.NewList(
		func() int {
			if u.proj == nil {
				return 0
			}
			return len(u.proj.Episodes)
		},
		func() fyne.CanvasObject { return newNavRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(u.proj.Episodes) {
				n.shown[u.proj.Episodes[i]] = o.(*navRow).set(u, u.proj.Episodes[i])
			}
		},
	)
	n.list.OnSelected = func(i widget.ListItemID) {
		n.selected = i
		if n.syncing || i >= len(u.proj.Episodes) {
			return
		}
		u.OpenEpisode(u.proj.Episodes[i].Number)
	}
	n.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.header.Truncation = fyne.TextTruncateEllipsis
	tools := container.NewHBox(
		iconButton(theme.ContentAddIcon(), i18n.T("episode.add"), u.addEpisode),
		iconButton(theme.ContentCopyIcon(), i18n.T("episode.duplicate"), u.duplicateEpisode),
		iconButton(theme.DeleteIcon(), i18n.T("episode.delete"), u.deleteEpisode),
		iconButton(theme.MoveUpIcon(), i18n.T("episode.up"), func() { u.moveEpisode(-1) }),
		iconButton(theme.MoveDownIcon(), i18n.T("episode.down"), func() { u.moveEpisode(1) }),
		iconButton(theme.DocumentCreateIcon(), i18n.T("episode.rename"), u.renameEpisode),
	)
	// Fyne 2.7 has no tooltips: the marks and badges are explained here.
	n.legendBtn = iconButton(theme.InfoIcon(), i18n.T("nav.legend"), n.showLegend)
	head := container.NewBorder(nil, nil, nil, n.legendBtn, n.header)
	n.content = container.NewBorder(container.NewVBox(head, tools), nil, nil, nil, n.list)
	return n
}

func iconButton(icon fyne.Resource, tip string, f func()) *widget.Button {
	b := widget.NewButtonWithIcon("", icon, f)
	b.Importance = widget.LowImportance
	_ = tip // Fyne 2.7 buttons have no tooltips; the Episode menu names each action
	return b
}

// showLegend explains the row's marks, badges and bar in the UI language.
func (n *navigator) showLegend() {
	if n.legend == nil {
		l := widget.NewLabel(i18n.T("nav.legend.text"))
		n.legend = widget.NewPopUp(container.NewPadded(l), n.u.win.Canvas())
	}
	n.legend.ShowAtRelativePosition(fyne.NewPos(0, n.legendBtn.Size().Height), n.legendBtn)
}

func (n *navigator) refresh() {
	if n.u.proj != nil {
		set := n.u.proj.Settings.Effective()
		total := 0.0
		for _, e := range n.u.proj.Episodes {
			total += stats.ForEpisode(e, set).Seconds
		}
		n.header.SetText(i18n.Tf("nav.header", len(n.u.proj.Episodes), formatDuration(total)))
	}
	n.shown = map[*script.Episode]string{}
	n.list.Refresh()
}

// refreshEpisode redraws one row when what it shows changed: on most
// keystrokes the rounded duration and the markers stay the same.
func (n *navigator) refreshEpisode(ep *script.Episode) {
	st := stats.ForEpisode(ep, n.u.proj.Settings.Effective())
	sig := rowSignature(n.u, ep, st)
	if n.shown[ep] == sig {
		return
	}
	if i := n.u.indexOf(ep); i >= 0 {
		n.list.RefreshItem(i)
	}
}

func rowSignature(u *UI, e *script.Episode, st stats.Episode) string {
	return episodeLabel(e) + "|" + string(e.Status) + "|" + formatDuration(st.Seconds) + "|" + strings.Join(st.Markers, ",") + "|" + u.badgeText(e.Number)
}

// selectEpisode highlights ep without reopening it.
func (n *navigator) selectEpisode(ep *script.Episode) {
	i := n.u.indexOf(ep)
	if i < 0 || i == n.selected {
		return
	}
	n.syncing = true
	n.list.Select(i)
	n.list.ScrollTo(i)
	n.syncing = false
}

// formatDuration is m:ss.
func formatDuration(secs float64) string {
	s := int(secs + 0.5)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// navRow is one navigator entry.
type navRow struct {
	widget.BaseWidget
	title   *widget.Label
	info    *canvas.Text
	markers *canvas.Text
	badge   *canvas.Text
	bar     *durationBar
	line    *fyne.Container // re-laid out when the texts change width
}

func newNavRow() *navRow {
	r := &navRow{
		title:   widget.NewLabel(""),
		info:    canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder)),
		markers: canvas.NewText("", theme.Color(theme.ColorNamePrimary)),
		badge:   canvas.NewText("", theme.Color(theme.ColorNameError)),
		bar:     newDurationBar(),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	small := theme.Size(theme.SizeNameCaptionText)
	r.info.TextSize, r.markers.TextSize, r.badge.TextSize = small, small, small
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out as: title; status · duration, markers
// and badges on the right; the duration bar. Nothing has a wide minimum,
// so a narrow navigator truncates the title instead of clipping icons.
func (r *navRow) CreateRenderer() fyne.WidgetRenderer {
	// The right inset keeps the icons clear of the list's scroll bar.
	pad := theme.Padding()
	r.line = container.NewBorder(nil, nil, r.info, container.NewHBox(r.markers, r.badge))
	line := container.New(layout.NewCustomPaddedLayout(0, 0, pad*2, pad*2+theme.Size(theme.SizeNameScrollBar)), r.line)
	return widget.NewSimpleRenderer(container.NewVBox(r.title, line, r.bar))
}

// set shows e and returns its row signature.
func (r *navRow) set(u *UI, e *script.Episode) string {
	set := u.proj.Settings.Effective()
	st := stats.ForEpisode(e, set)
	r.title.SetText(episodeLabel(e))
	r.info.Text = statusLabel(e.Status) + " · " + formatDuration(st.Seconds)
	r.info.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.markers.Text = markerIcons(st.Markers)
	r.markers.Color = theme.Color(theme.ColorNamePrimary)
	r.badge.Text = strings.TrimSpace(u.badgeText(e.Number))
	r.badge.Color = theme.Color(theme.ColorNameError)
	r.bar.set(st.Seconds, set.TargetMinSecs, set.TargetMaxSecs)
	if r.line != nil {
		for _, o := range r.line.Objects {
			if c, ok := o.(*fyne.Container); ok {
				c.Refresh() // the HBox of icons: new minimum width
			}
		}
		r.line.Refresh()
	}
	r.info.Refresh()
	r.markers.Refresh()
	r.badge.Refresh()
	return rowSignature(u, e, st)
}

// markerIcons is one short symbol per kind of marker present, in order
// 钩 反 卡 付 (hook, reversal, cliffhanger, paywall).
func markerIcons(ms []string) string {
	has := map[string]bool{}
	for _, m := range ms {
		has[m] = true
	}
	var b strings.Builder
	for _, m := range script.Markers {
		if has[string(m)] {
			b.WriteString(markerIcon(m))
		}
	}
	return b.String()
}

func markerIcon(m script.Marker) string {
	switch m {
	case script.MarkerHook:
		return i18n.T("marker.icon.hook")
	case script.MarkerReversal:
		return i18n.T("marker.icon.reversal")
	case script.MarkerCliff:
		return i18n.T("marker.icon.cliff")
	case script.MarkerPaywall:
		return i18n.T("marker.icon.paywall")
	}
	return ""
}

// durationBar shows seconds against the target range: green inside, amber
// below the minimum, red above the maximum.
type durationBar struct {
	widget.BaseWidget
	track, fill *canvas.Rectangle
	frac        float32
}

func newDurationBar() *durationBar {
	b := &durationBar{track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), fill: canvas.NewRectangle(color.Transparent)}
	b.track.CornerRadius, b.fill.CornerRadius = 2, 2
	b.ExtendBaseWidget(b)
	return b
}

func (b *durationBar) set(secs float64, min, max int) {
	if max <= 0 {
		max = script.DefaultTargetMax
	}
	b.frac = float32(secs / float64(max))
	if b.frac > 1 {
		b.frac = 1
	}
	switch {
	case secs > float64(max):
		b.fill.FillColor = theme.Color(theme.ColorNameError)
	case secs < float64(min):
		b.fill.FillColor = theme.Color(theme.ColorNameWarning)
	default:
		b.fill.FillColor = theme.Color(theme.ColorNameSuccess)
	}
	b.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	b.Refresh()
}

func (b *durationBar) CreateRenderer() fyne.WidgetRenderer { return &durationBarRenderer{b} }

type durationBarRenderer struct{ b *durationBar }

func (r *durationBarRenderer) Layout(s fyne.Size) {
	r.b.track.Resize(s)
	r.b.fill.Resize(fyne.NewSize(s.Width*r.b.frac, s.Height))
}
func (r *durationBarRenderer) MinSize() fyne.Size { return fyne.NewSize(40, 4) }
func (r *durationBarRenderer) Refresh() {
	r.Layout(r.b.Size())
	r.b.track.Refresh()
	r.b.fill.Refresh()
}
func (r *durationBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.b.track, r.b.fill}
}
func (r *durationBarRenderer) Destroy() {}
