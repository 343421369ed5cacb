package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/stats"
	"github.com/duanju-studio/duanju/ui/i18n"
)

var cardSize = fyne.NewSize(240, 232)

// board is the whole series as a grid of cards: title, the first line (the
// hook), the last marker (the cliffhanger), the paywall flag and the
// duration. A click opens the episode; drag a card onto another, or use its
// arrows, to reorder. The grid is virtualised: only visible cards exist.
type board struct {
	u       *UI
	grid    *widget.GridWrap
	cards   []*boardCard // every card object created by the grid
	content fyne.CanvasObject
	stale   bool
}

func newBoard(u *UI) *board {
	b := &board{u: u}
	b.grid = widget.NewGridWrap(
		func() int {
			if u.proj == nil {
				return 0
			}
			return len(u.proj.Episodes)
		},
		func() fyne.CanvasObject {
			c := newBoardCard(b)
			b.cards = append(b.cards, c)
			return c
		},
		func(i widget.GridWrapItemID, o fyne.CanvasObject) {
			if i < len(u.proj.Episodes) {
				set := u.proj.Settings.Effective()
				e := u.proj.Episodes[i]
				o.(*boardCard).set(i, e, stats.ForEpisode(e, set), set)
			}
		},
	)
	hint := widget.NewLabel(i18n.T("board.hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = textWrap()
	b.content = container.NewBorder(hint, nil, nil, nil, b.grid)
	return b
}

func (b *board) markStale() { b.stale = true }

// refresh redraws the visible cards (only while the board is shown;
// otherwise it is marked stale and redrawn when selected).
func (b *board) refresh() {
	if b.u.proj == nil {
		return
	}
	if b.u.center != nil && (b.u.center.Selected() == nil || b.u.center.Selected().Content != b.content) {
		b.stale = true
		return
	}
	b.stale = false
	b.grid.Refresh()
}

// move reorders from → to and redraws.
func (b *board) move(from, to int) {
	b.u.moveEpisodeTo(from, to)
	b.refresh()
}

// cardFor returns the card showing episode index i, if it is on screen.
func (b *board) cardFor(i int) *boardCard {
	for _, c := range b.cards {
		if c.index == i && c.ep != nil && c.Visible() {
			return c
		}
	}
	return nil
}

// cardAt returns the index of the card under p (absolute canvas
// coordinates), or -1.
func (b *board) cardAt(p fyne.Position) int {
	for _, c := range b.cards {
		if c.ep == nil || !c.Visible() {
			continue
		}
		pos, size := c.cellPosition(), c.Size()
		if p.X >= pos.X && p.Y >= pos.Y && p.X < pos.X+size.Width && p.Y < pos.Y+size.Height {
			return c.index
		}
	}
	return -1
}

// hookLine is the episode's first line of script (action or dialogue).
func hookLine(e *script.Episode) string {
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			switch l.Kind {
			case script.LineDialogue:
				return l.Speaker + "：" + l.Text
			case script.LineAction, script.LineMarker:
				if l.Text != "" {
					return l.Text
				}
			}
		}
	}
	return ""
}

// cliffhanger is the text of the episode's last marker.
func cliffhanger(e *script.Episode) (script.Marker, string) {
	var m script.Marker
	text := ""
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			if l.Kind == script.LineMarker {
				m, text = l.Marker, l.Text
			}
		}
	}
	return m, text
}

func hasMarker(st stats.Episode, m script.Marker) bool {
	for _, x := range st.Markers {
		if x == string(m) {
			return true
		}
	}
	return false
}

// boardCard is one episode on the board.
type boardCard struct {
	widget.BaseWidget
	b        *board
	index    int
	ep       *script.Episode
	bg       *canvas.Rectangle
	title    *widget.Label
	hook     *widget.Label
	cliff    *widget.Label
	info     *widget.Label
	badge    *widget.Label // findings and culture badges, on their own line so nothing is cut
	paywall  *widget.Label
	bar      *durationBar
	left     *widget.Button
	right    *widget.Button
	dragPos  fyne.Position
	dragging bool
}

func newBoardCard(b *board) *boardCard {
	c := &boardCard{b: b, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))}
	c.bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.hook = widget.NewLabel("")
	c.hook.Wrapping = fyne.TextWrapBreak // script text is mostly Chinese
	c.cliff = widget.NewLabel("")
	c.cliff.Truncation = fyne.TextTruncateEllipsis
	c.cliff.Importance = widget.WarningImportance
	c.info = widget.NewLabel("")
	c.info.Truncation = fyne.TextTruncateEllipsis
	c.badge = widget.NewLabel("")
	c.badge.Truncation = fyne.TextTruncateEllipsis
	c.badge.Importance = widget.DangerImportance
	c.paywall = widget.NewLabel(i18n.T("board.paywall"))
	c.paywall.Importance = widget.DangerImportance
	c.bar = newDurationBar()
	c.left = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { b.move(c.index, c.index-1) })
	c.right = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { b.move(c.index, c.index+1) })
	c.left.Importance, c.right.Importance = widget.LowImportance, widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

func (c *boardCard) CreateRenderer() fyne.WidgetRenderer {
	bottom := container.NewBorder(nil, nil, c.left, c.right, c.info)
	flags := container.NewBorder(nil, nil, nil, c.paywall, c.badge)
	body := container.NewBorder(c.title, container.NewVBox(c.cliff, flags, c.bar, bottom), nil, nil, c.hook)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewPadded(body)))
}

func (c *boardCard) set(i int, e *script.Episode, st stats.Episode, set script.Settings) {
	c.index, c.ep = i, e
	c.title.SetText(episodeLabel(e))
	c.hook.SetText(clip(hookLine(e), 24))
	m, text := cliffhanger(e)
	if m != "" {
		c.cliff.SetText("【" + string(m) + "】" + text)
	} else {
		c.cliff.SetText(i18n.T("board.nocliff"))
	}
	c.info.SetText(formatDuration(st.Seconds) + " · " + statusLabel(e.Status))
	c.info.Alignment = fyne.TextAlignCenter
	c.badge.SetText(strings.TrimSpace(c.b.u.badgeText(e.Number)))
	if hasMarker(st, script.MarkerPaywall) {
		c.paywall.Show()
	} else {
		c.paywall.Hide()
	}
	c.bar.set(st.Seconds, set.TargetMinSecs, set.TargetMaxSecs)
	if e == c.b.u.cur {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	c.bg.Refresh()
	c.left.Enable()
	c.right.Enable()
	if i == 0 {
		c.left.Disable()
	}
	if i == len(c.b.u.proj.Episodes)-1 {
		c.right.Disable()
	}
}

// MinSize is the grid cell size.
func (c *boardCard) MinSize() fyne.Size { return cardSize }

// cellPosition is the card's absolute position on the canvas (GridWrap
// positions a cell object around each card, so Position() would be 0,0).
func (c *boardCard) cellPosition() fyne.Position {
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(c)
}

// Tapped opens the episode in the editor.
func (c *boardCard) Tapped(*fyne.PointEvent) {
	if c.ep != nil {
		c.b.u.OpenEpisode(c.ep.Number)
		c.b.u.center.SelectIndex(0)
	}
}

// Dragged follows the pointer; the drop happens in DragEnd.
func (c *boardCard) Dragged(e *fyne.DragEvent) {
	c.dragging = true
	c.dragPos = e.Position
	c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	c.bg.StrokeWidth = 2
	c.bg.Refresh()
}

// DragEnd moves the card to where it was dropped.
func (c *boardCard) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.bg.StrokeWidth = 0
	c.bg.Refresh()
	drop := c.cellPosition().Add(c.dragPos)
	if to := c.b.cardAt(drop); to >= 0 && to != c.index {
		c.b.move(c.index, to)
	}
}

// clip shortens s to n runes with an ellipsis (a card shows about two lines).
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
