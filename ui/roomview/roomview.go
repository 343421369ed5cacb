// Package roomview is the writers' room in the app: the comments dock tab
// and the side-by-side merge of a conflicting episode. The shell (package
// ui) opens the room and hands it over with SetRoom; without a room the tab
// says how to open one.
package roomview

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/diff"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// Room is what the comments tab needs of an open writers' room
// (*store.Store implements it).
type Room interface {
	User() string
	Comments(epID, text string) ([]store.Comment, error)
	AddComment(epID string, parent int64, text string, from, to int, body string) (store.Comment, error)
	ResolveComment(id int64, resolved bool) error
}

var (
	mu     sync.Mutex
	room   Room
	panels []*panel
)

// SetRoom tells the comments tab which room is open (nil: none). Call on the
// Fyne goroutine.
func SetRoom(r Room) {
	mu.Lock()
	room = r
	ps := append([]*panel(nil), panels...)
	mu.Unlock()
	for _, p := range ps {
		p.refresh()
	}
}

// Refresh reloads the comments (after a notification). Fyne goroutine.
func Refresh() {
	mu.Lock()
	ps := append([]*panel(nil), panels...)
	mu.Unlock()
	for _, p := range ps {
		p.refresh()
	}
}

func current() Room {
	mu.Lock()
	defer mu.Unlock()
	return room
}

func init() {
	dock.Register(func(h dock.Host) dock.Panel { return newPanel(h) })
}

type panel struct {
	h       dock.Host
	list    *fyne.Container
	info    *widget.Label
	entry   *widget.Entry
	add     *widget.Button
	content fyne.CanvasObject
}

func newPanel(h dock.Host) *panel {
	p := &panel{h: h, list: container.NewVBox(), info: widget.NewLabel("")}
	p.info.Wrapping = fyne.TextWrapWord
	p.entry = widget.NewMultiLineEntry()
	p.entry.SetPlaceHolder(i18n.T("room.comment.placeholder"))
	p.entry.SetMinRowsVisible(2)
	p.add = widget.NewButton(i18n.T("room.comment.add"), p.addComment)
	p.content = container.NewBorder(p.info, container.NewVBox(p.entry, p.add), nil, nil, container.NewVScroll(p.list))
	h.OnChange(p.refresh)
	mu.Lock()
	panels = append(panels, p)
	mu.Unlock()
	p.refresh()
	return p
}

func (p *panel) ID() dock.PanelID           { return dock.Comments }
func (p *panel) Title() string              { return i18n.T("room.comments") }
func (p *panel) Content() fyne.CanvasObject { return p.content }

// refresh lists the current episode's comments.
func (p *panel) refresh() {
	p.list.Objects = nil
	r, ep := current(), p.h.Current()
	switch {
	case r == nil:
		p.info.SetText(i18n.T("room.comments.none"))
		p.entry.Disable()
		p.add.Disable()
	case ep == nil || ep.ID == "":
		p.info.SetText("")
		p.entry.Disable()
		p.add.Disable()
	default:
		p.entry.Enable()
		p.add.Enable()
		cs, err := r.Comments(ep.ID, ep.Body)
		if err != nil {
			p.info.SetText(store.ZH(err))
			break
		}
		open := 0
		for _, c := range cs {
			if !c.Resolved && c.ParentID == 0 {
				open++
			}
			p.list.Add(p.row(r, c))
		}
		p.info.SetText(i18n.Tf("room.comments.count", len(cs), open))
	}
	p.list.Refresh()
}

func (p *panel) row(r Room, c store.Comment) fyne.CanvasObject {
	head := c.Author + " · " + c.Created.Local().Format("01-02 15:04")
	switch {
	case c.ParentID != 0:
		head = "↳ " + head
	case c.Orphaned:
		head += " · " + i18n.T("room.comment.orphaned")
	default:
		head += " · " + i18n.Tf("room.comment.lines", c.From, c.To)
	}
	if c.Resolved {
		head += " · " + i18n.Tf("room.comment.resolvedBy", c.ResolvedBy)
	}
	body := widget.NewLabel(c.Body)
	body.Wrapping = fyne.TextWrapWord
	top := widget.NewLabel(head)
	top.TextStyle.Italic = true
	var actions []fyne.CanvasObject
	if c.ParentID == 0 {
		label := i18n.T("room.comment.resolve")
		if c.Resolved {
			label = i18n.T("room.comment.reopen")
		}
		actions = append(actions,
			widget.NewButton(label, func() {
				if err := r.ResolveComment(c.ID, !c.Resolved); err != nil {
					p.h.Status(store.ZH(err))
				}
				p.refresh()
			}),
			widget.NewButton(i18n.T("room.comment.reply"), func() { p.reply(r, c) }),
		)
		if !c.Orphaned && c.From > 0 {
			actions = append(actions, widget.NewButton(i18n.T("room.comment.show"), func() { p.show(c) }))
		}
	}
	return container.NewVBox(top, body, container.NewHBox(actions...), widget.NewSeparator())
}

// show selects the comment's lines in the editor.
func (p *panel) show(c store.Comment) {
	ep := p.h.Current()
	if ep == nil {
		return
	}
	start, end := lineBytes(ep.Body, c.From, c.To)
	p.h.Select(ep.Number, start, end)
}

func (p *panel) reply(r Room, c store.Comment) {
	e := widget.NewMultiLineEntry()
	dialog.ShowForm(i18n.T("room.comment.reply"), i18n.T("room.comment.add"), i18n.T("room.cancel"),
		[]*widget.FormItem{widget.NewFormItem("", e)}, func(ok bool) {
			if !ok || strings.TrimSpace(e.Text) == "" {
				return
			}
			ep := p.h.Current()
			if _, err := r.AddComment(c.EpisodeID, c.ID, ep.Body, 0, 0, e.Text); err != nil {
				p.h.Status(store.ZH(err))
			}
			p.refresh()
		}, p.h.Window())
}

// addComment comments on the lines of the editor's selection (or the
// cursor's line).
func (p *panel) addComment() {
	r, ep := current(), p.h.Current()
	if r == nil || ep == nil || strings.TrimSpace(p.entry.Text) == "" {
		return
	}
	from, to := selectionLines(ep.Body, p.h.Cursor(), p.h.SelectedText())
	if _, err := r.AddComment(ep.ID, 0, ep.Body, from, to, p.entry.Text); err != nil {
		p.h.Status(store.ZH(err))
		return
	}
	p.entry.SetText("")
	p.refresh()
}

// selectionLines returns the 1-based line span of the selection (which ends
// at or starts at the cursor) or of the cursor's line.
func selectionLines(body string, cursor int, sel string) (int, int) {
	cursor = max(0, min(cursor, len(body)))
	start := cursor
	if sel != "" {
		if i := strings.Index(body, sel); i >= 0 {
			// The occurrence touching the cursor if there is one.
			for j := i; j >= 0; {
				if j <= cursor && cursor <= j+len(sel) {
					i = j
					break
				}
				k := strings.Index(body[j+1:], sel)
				if k < 0 {
					break
				}
				j += 1 + k
			}
			start = i
			from := strings.Count(body[:start], "\n") + 1
			return from, from + strings.Count(strings.TrimSuffix(sel, "\n"), "\n")
		}
	}
	l := strings.Count(body[:start], "\n") + 1
	return l, l
}

// lineBytes returns the byte span of lines from..to (1-based) of body.
func lineBytes(body string, from, to int) (int, int) {
	start, line := 0, 1
	for line < from {
		i := strings.IndexByte(body[start:], '\n')
		if i < 0 {
			return len(body), len(body)
		}
		start += i + 1
		line++
	}
	end := start
	for line <= to {
		i := strings.IndexByte(body[end:], '\n')
		if i < 0 {
			return start, len(body)
		}
		end += i + 1
		line++
	}
	return start, max(start, end-1)
}

// ShowMerge shows a conflicting episode side by side — the server's text
// (who saved it) and this computer's — with the line diff, and an editable
// merge that starts as this computer's text. save gets the merge; nothing
// is saved on Cancel (the editor keeps this computer's text).
func ShowMerge(win fyne.Window, ce *store.ConflictError, save func(merged string)) {
	theirs := widget.NewMultiLineEntry()
	theirs.SetText(ce.Theirs)
	theirs.Disable()
	mine := widget.NewMultiLineEntry()
	mine.SetText(ce.Mine)
	mine.Disable()
	merged := widget.NewMultiLineEntry()
	merged.SetText(ce.Mine)
	merged.SetMinRowsVisible(8)
	var b strings.Builder
	for _, l := range diff.Lines(ce.Theirs, ce.Mine) {
		if l.Op != diff.Equal {
			fmt.Fprintf(&b, "%s %s\n", l.Op, l.Text)
		}
	}
	changes := widget.NewLabel(strings.TrimRight(b.String(), "\n"))
	changes.Wrapping = fyne.TextWrapWord
	sides := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabel(i18n.Tf("room.merge.theirs", ce.By)), nil, nil, nil, theirs),
		container.NewBorder(widget.NewLabel(i18n.T("room.merge.mine")), nil, nil, nil, mine))
	body := container.NewVSplit(sides, container.NewBorder(
		widget.NewLabel(i18n.T("room.merge.merged")), nil, nil, nil,
		container.NewVSplit(container.NewVScroll(changes), merged)))
	d := dialog.NewCustomConfirm(i18n.Tf("room.merge.title", ce.Number), i18n.T("room.merge.save"), i18n.T("room.cancel"),
		body, func(ok bool) {
			if ok {
				save(merged.Text)
			}
		}, win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
