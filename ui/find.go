package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// finder is the find/replace bar above the episode text (Ctrl+F, Ctrl+H):
// in this episode or across the series, with a list of every hit that
// jumps to it.
type finder struct {
	u          *UI
	query      *keyEntry
	with       *keyEntry
	series     *widget.Check
	count      *widget.Label
	replaceRow *fyne.Container
	list       *widget.List
	listBox    *fyne.Container
	content    *fyne.Container
	hits       []findHit
	at         int // the hit shown last, -1 before the first
}

// findHit is one occurrence: bytes [start,end) of ep's body.
type findHit struct {
	ep         *script.Episode
	start, end int
}

// findListHeight is the height of the result list (about five rows).
const findListHeight = 170

func newFinder(u *UI) *finder {
	f := &finder{u: u, at: -1}
	f.query = newKeyEntry()
	f.query.SetPlaceHolder(i18n.T("find.query"))
	f.query.OnChanged = func(string) { f.search() }
	f.query.OnSubmitted = func(string) { f.step(1) }
	f.query.OnEscape = f.hide
	f.with = newKeyEntry()
	f.with.SetPlaceHolder(i18n.T("find.with"))
	f.with.OnSubmitted = func(string) { f.replaceOne() }
	f.with.OnEscape = f.hide
	f.series = widget.NewCheck(i18n.T("find.series"), func(bool) { f.search() })
	f.count = widget.NewLabel("")
	btn := func(label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, fn)
		b.Importance = widget.LowImportance
		return b
	}
	findRow := container.NewBorder(nil, nil, nil,
		container.NewHBox(f.series, f.count,
			btn("", theme.MoveUpIcon(), func() { f.step(-1) }),
			btn("", theme.MoveDownIcon(), func() { f.step(1) }),
			btn("", theme.CancelIcon(), f.hide)),
		f.query)
	f.replaceRow = container.NewBorder(nil, nil, nil,
		container.NewHBox(btn(i18n.T("find.replace"), nil, f.replaceOne), btn(i18n.T("find.replaceall"), nil, f.replaceAll)),
		f.with)
	f.list = widget.NewList(
		func() int { return len(f.hits) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.hits) {
				o.(*widget.Label).SetText(f.hitLabel(f.hits[i]))
			}
		},
	)
	f.list.OnSelected = func(i widget.ListItemID) {
		if i != f.at {
			f.show(i)
		}
	}
	f.listBox = container.New(fixedHeight{findListHeight}, f.list)
	f.content = container.NewVBox(findRow, f.replaceRow, f.listBox)
	f.content.Hide()
	return f
}

// open shows the bar (with the replace row for Ctrl+H), takes the selected
// text as the query and focuses it.
func (f *finder) open(replace bool) {
	if sel := f.u.SelectedText(); sel != "" && !strings.Contains(sel, "\n") {
		f.query.SetText(sel)
	}
	if replace {
		f.replaceRow.Show()
	} else {
		f.replaceRow.Hide()
	}
	f.u.showEditorTab()
	f.u.center.SelectIndex(0)
	f.content.Show()
	f.search()
	f.u.win.Canvas().Focus(f.query)
	f.query.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (f *finder) hide() {
	f.content.Hide()
	if f.u.cur != nil {
		f.u.win.Canvas().Focus(f.u.ed.entry)
	}
}

// search lists every hit of the query in scope.
func (f *finder) search() {
	f.hits, f.at = nil, -1
	q := f.query.Text
	if q != "" && f.u.proj != nil {
		eps := []*script.Episode{f.u.cur}
		if f.series.Checked {
			eps = f.u.proj.Episodes
		}
		for _, ep := range eps {
			if ep == nil {
				continue
			}
			for _, s := range findAll(ep.Body, q) {
				f.hits = append(f.hits, findHit{ep, s, s + len(q)})
			}
		}
	}
	f.list.UnselectAll()
	f.list.Refresh()
	if len(f.hits) > 0 {
		f.listBox.Show()
	} else {
		f.listBox.Hide()
	}
	f.showCount()
}

func (f *finder) showCount() {
	switch {
	case f.query.Text == "":
		f.count.SetText("")
	case len(f.hits) == 0:
		f.count.SetText(i18n.T("find.none"))
	case f.at < 0:
		f.count.SetText(i18n.Tf("find.count", len(f.hits)))
	default:
		f.count.SetText(i18n.Tf("find.at", f.at+1, len(f.hits)))
	}
}

// step shows the next (d=1) or previous (d=-1) hit after the cursor.
func (f *finder) step(d int) {
	if len(f.hits) == 0 || !f.fresh() {
		f.search()
	}
	if len(f.hits) == 0 {
		return
	}
	i := f.at + d
	if f.at < 0 {
		i = f.firstFromCursor(d)
	}
	f.show((i + len(f.hits)) % len(f.hits))
}

// firstFromCursor is the first hit at or after the cursor in the current
// episode (or before it, going back).
func (f *finder) firstFromCursor(d int) int {
	cur := f.u.Cursor()
	idx := f.u.indexOf(f.u.cur)
	best := -1
	for i, h := range f.hits {
		hi := f.u.indexOf(h.ep)
		if d > 0 && (hi > idx || hi == idx && h.start >= cur) {
			return i
		}
		if d < 0 && (hi < idx || hi == idx && h.end <= cur) {
			best = i
		}
	}
	if d > 0 {
		return 0
	}
	if best < 0 {
		return len(f.hits) - 1
	}
	return best
}

// fresh reports whether the hits still stand where they were found.
func (f *finder) fresh() bool {
	for _, h := range f.hits {
		if h.end > len(h.ep.Body) || h.ep.Body[h.start:h.end] != f.query.Text && !strings.EqualFold(h.ep.Body[h.start:h.end], f.query.Text) {
			return false
		}
	}
	return true
}

// show selects hit i in the editor and the list.
func (f *finder) show(i int) {
	if i < 0 || i >= len(f.hits) {
		return
	}
	f.at = i
	h := f.hits[i]
	f.u.Select(h.ep.Number, h.start, h.end)
	f.list.Select(i)
	f.list.ScrollTo(i)
	f.showCount()
}

// replaceOne replaces the selected hit (or finds the next one first) as
// one undo step, then moves on.
func (f *finder) replaceOne() {
	if f.at < 0 || !f.fresh() || f.u.SelectedText() == "" {
		f.step(1)
		return
	}
	h := f.hits[f.at]
	at := f.at
	f.u.Replace(h.ep.Number, h.start, h.end, f.with.Text)
	f.search()
	if len(f.hits) > 0 {
		f.show(at % len(f.hits))
	}
}

// replaceAll replaces every hit in scope. In the open episode this is one
// undo step; other episodes get a history snapshot first, so nothing is
// lost.
func (f *finder) replaceAll() {
	f.search()
	if len(f.hits) == 0 {
		return
	}
	q, with := f.query.Text, f.with.Text
	n := len(f.hits)
	by := map[*script.Episode][]findHit{}
	var order []*script.Episode
	for _, h := range f.hits {
		if by[h.ep] == nil {
			order = append(order, h.ep)
		}
		by[h.ep] = append(by[h.ep], h)
	}
	for _, ep := range order {
		hs := by[ep]
		if ep == f.u.cur {
			continue
		}
		f.u.snapshot(ep, i18n.T("find.beforereplace"))
		for i := len(hs) - 1; i >= 0; i-- { // back to front: offsets stay valid
			h := hs[i]
			ai.ShiftForEdit(f.u.proj, ep.Number, h.start, h.end, len(with))
			ep.Body = ep.Body[:h.start] + with + ep.Body[h.end:]
		}
		parseEpisode(f.u.proj, ep, f.u.cast)
		f.u.dirtyEps[ep] = true
		f.u.nav.refreshEpisode(ep)
	}
	if hs := by[f.u.cur]; len(hs) > 0 {
		body := f.u.cur.Body
		var b strings.Builder
		at := 0
		for _, h := range hs {
			b.WriteString(body[at:h.start])
			b.WriteString(with)
			at = h.end
		}
		b.WriteString(body[at:])
		f.u.ed.replaceBytes(0, len(body), b.String())
	}
	f.u.projectEdited()
	f.search()
	f.u.Status(i18n.Tf("find.replaced", n, q, with))
}

// hitLabel is "第3集 · …上下文…" for the result list.
func (f *finder) hitLabel(h findHit) string {
	b := h.ep.Body
	if h.end > len(b) {
		return episodeLabel(h.ep)
	}
	const around = 14 // runes of context each side
	s := h.start
	for i := 0; i < around && s > 0; i++ {
		_, w := utf8.DecodeLastRuneInString(b[:s])
		if b[s-w] == '\n' {
			break
		}
		s -= w
	}
	e := h.end
	for i := 0; i < around && e < len(b); i++ {
		r, w := utf8.DecodeRuneInString(b[e:])
		if r == '\n' {
			break
		}
		e += w
	}
	line := 1 + strings.Count(b[:h.start], "\n")
	return i18n.Tf("find.hit", h.ep.Number, line) + "  " + b[s:h.start] + "【" + b[h.start:h.end] + "】" + b[h.end:e]
}

// findAll returns the byte offsets of the non-overlapping occurrences of q
// in s. ASCII letters match either case; everything else (Chinese) exactly.
func findAll(s, q string) []int {
	if q == "" {
		return nil
	}
	ls, lq := asciiLower(s), asciiLower(q)
	var out []int
	for at := 0; at <= len(ls)-len(lq); {
		i := strings.Index(ls[at:], lq)
		if i < 0 {
			break
		}
		out = append(out, at+i)
		at += i + len(lq)
	}
	return out
}

// asciiLower lowers A–Z only, so byte offsets stay those of s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// fixedHeight gives its objects a fixed minimum height.
type fixedHeight struct{ h float32 }

func (l fixedHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, l.h)
}

func (l fixedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
