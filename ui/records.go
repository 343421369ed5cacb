package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// recordList edits a list of records (characters, locations, glossary
// terms): a list on the left, the selected record's fields on the right.
type recordList struct {
	b       *bible
	list    *widget.List
	form    *widget.Form
	entries []*widget.Entry
	fields  []recordField
	sel     int
	loading bool
	content fyne.CanvasObject

	count  func() int
	name   func(i int) string
	add    func() int
	remove func(i int)
	after  func() // after an edit (e.g. re-parse on cast change)
}

type recordField struct {
	label string
	multi bool
	get   func(i int) string
	set   func(i int, s string)
}

func newRecordList(b *bible, fields []recordField) *recordList {
	r := &recordList{b: b, fields: fields, sel: -1}
	r.list = widget.NewList(
		func() int {
			if b.u.proj == nil {
				return 0
			}
			return r.count()
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			n := r.name(i)
			if strings.TrimSpace(n) == "" {
				n = i18n.T("bible.unnamed")
			}
			o.(*widget.Label).SetText(n)
		},
	)
	r.list.OnSelected = func(i widget.ListItemID) { r.sel = i; r.show() }
	r.form = widget.NewForm()
	for _, f := range fields {
		f := f
		e := widget.NewEntry()
		if f.multi {
			e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
			e.SetMinRowsVisible(6)
		}
		e.OnChanged = func(s string) {
			if r.loading || r.sel < 0 || r.sel >= r.count() {
				return
			}
			f.set(r.sel, s)
			r.list.RefreshItem(r.sel)
			if r.after != nil {
				r.after()
			} else {
				b.u.projectEdited()
			}
		}
		r.entries = append(r.entries, e)
		r.form.Append(f.label, e)
	}
	addBtn := widget.NewButtonWithIcon(i18n.T("bible.add"), theme.ContentAddIcon(), func() {
		i := r.add()
		r.changed()
		r.list.Select(i)
	})
	delBtn := widget.NewButtonWithIcon(i18n.T("bible.delete"), theme.DeleteIcon(), func() {
		if r.sel < 0 || r.sel >= r.count() {
			return
		}
		r.remove(r.sel)
		r.sel = -1
		r.list.UnselectAll()
		r.changed()
		r.show()
	})
	left := container.NewBorder(nil, container.NewHBox(addBtn, delBtn), nil, nil, r.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(r.form)))
	split.Offset = 0.3
	r.content = split
	r.show()
	return r
}

func (r *recordList) changed() {
	r.list.Refresh()
	if r.after != nil {
		r.after()
	} else {
		r.b.u.projectEdited()
	}
}

// reload redraws from the project (a new project or outside edits).
func (r *recordList) reload() {
	if r.sel >= r.count() {
		r.sel = -1
		r.list.UnselectAll()
	}
	r.list.Refresh()
	r.show()
}

func (r *recordList) show() {
	r.loading = true
	defer func() { r.loading = false }()
	ok := r.b.u.proj != nil && r.sel >= 0 && r.sel < r.count()
	for k, e := range r.entries {
		if ok {
			e.SetText(r.fields[k].get(r.sel))
			e.Enable()
		} else {
			e.SetText("")
			e.Disable()
		}
	}
}

func newCharacterList(b *bible) *recordList {
	cs := func() []script.Character { return b.u.proj.Characters }
	c := func(i int) *script.Character { return &b.u.proj.Characters[i] }
	r := newRecordList(b, []recordField{
		{label: i18n.T("char.name"), get: func(i int) string { return c(i).Name }, set: func(i int, s string) { c(i).Name = strings.TrimSpace(s) }},
		{label: i18n.T("char.aliases"), get: func(i int) string { return strings.Join(c(i).Aliases, "、") }, set: func(i int, s string) { c(i).Aliases = splitNames(s) }},
		{label: i18n.T("char.age"), get: func(i int) string { return itoa(c(i).Age) }, set: func(i int, s string) { c(i).Age = atoi(s) }},
		{label: i18n.T("char.gender"), get: func(i int) string { return c(i).Gender }, set: func(i int, s string) { c(i).Gender = s }},
		{label: i18n.T("char.role"), get: func(i int) string { return c(i).Role }, set: func(i int, s string) { c(i).Role = s }},
		{label: i18n.T("char.bio"), multi: true, get: func(i int) string { return c(i).Bio }, set: func(i int, s string) { c(i).Bio = s }},
	})
	r.count = func() int { return len(cs()) }
	r.name = func(i int) string {
		ch := c(i)
		if ch.Role != "" {
			return ch.Name + "（" + ch.Role + "）"
		}
		return ch.Name
	}
	r.add = func() int {
		b.u.proj.Characters = append(b.u.proj.Characters, script.Character{})
		return len(b.u.proj.Characters) - 1
	}
	r.remove = func(i int) {
		b.u.proj.Characters = append(b.u.proj.Characters[:i:i], b.u.proj.Characters[i+1:]...)
	}
	r.after = b.castChanged
	return r
}

func newLocationList(b *bible) *recordList {
	l := func(i int) *script.Location { return &b.u.proj.Locations[i] }
	r := newRecordList(b, []recordField{
		{label: i18n.T("loc.name"), get: func(i int) string { return l(i).Name }, set: func(i int, s string) { l(i).Name = s }},
		{label: i18n.T("loc.region"), get: func(i int) string { return l(i).Region }, set: func(i int, s string) { l(i).Region = strings.TrimSpace(s) }},
		{label: i18n.T("loc.notes"), multi: true, get: func(i int) string { return l(i).Notes }, set: func(i int, s string) { l(i).Notes = s }},
	})
	r.count = func() int { return len(b.u.proj.Locations) }
	r.name = func(i int) string { return l(i).Name }
	r.add = func() int {
		b.u.proj.Locations = append(b.u.proj.Locations, script.Location{})
		return len(b.u.proj.Locations) - 1
	}
	r.remove = func(i int) {
		b.u.proj.Locations = append(b.u.proj.Locations[:i:i], b.u.proj.Locations[i+1:]...)
	}
	return r
}

func newGlossaryList(b *bible) *recordList {
	g := func(i int) *script.GlossaryEntry { return &b.u.proj.Glossary[i] }
	render := func(i int, lang string) string {
		if g(i).Render == nil {
			return ""
		}
		return g(i).Render[lang]
	}
	setRender := func(i int, lang, s string) {
		if g(i).Render == nil {
			g(i).Render = map[string]string{}
		}
		if s = strings.TrimSpace(s); s == "" {
			delete(g(i).Render, lang)
		} else {
			g(i).Render[lang] = s
		}
	}
	r := newRecordList(b, []recordField{
		{label: i18n.T("gloss.term"), get: func(i int) string { return g(i).Term }, set: func(i int, s string) { g(i).Term = strings.TrimSpace(s) }},
		{label: i18n.T("gloss.en"), get: func(i int) string { return render(i, "en") }, set: func(i int, s string) { setRender(i, "en", s) }},
		{label: i18n.T("gloss.note"), multi: true, get: func(i int) string { return g(i).Note }, set: func(i int, s string) { g(i).Note = s }},
	})
	r.count = func() int { return len(b.u.proj.Glossary) }
	r.name = func(i int) string {
		if en := render(i, "en"); en != "" {
			return g(i).Term + " → " + en
		}
		return g(i).Term
	}
	r.add = func() int {
		b.u.proj.Glossary = append(b.u.proj.Glossary, script.GlossaryEntry{})
		return len(b.u.proj.Glossary) - 1
	}
	r.remove = func(i int) {
		b.u.proj.Glossary = append(b.u.proj.Glossary[:i:i], b.u.proj.Glossary[i+1:]...)
	}
	return r
}
