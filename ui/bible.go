package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/checkview"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// Filing limits of the WeChat mini-drama filing form.
const (
	taglineMax  = 30
	synopsisMax = 200
)

// Platforms and special subjects offered as check boxes.
var (
	platformChoices = []string{"抖音", "快手", "微信视频号", "红果短剧", "腾讯视频", "爱奇艺", "优酷", "芒果TV", "哔哩哔哩", "ReelShort", "DramaBox", "ShortMax"}
	subjectChoices  = []string{"政治", "军事", "外交", "国家安全", "统战", "民族", "宗教", "司法", "公安"}
	reDate          = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// bible is the series' metadata (with the filing fields), characters,
// locations and glossary. Every edit reaches the project and is saved.
type bible struct {
	u       *UI
	loading bool
	content fyne.CanvasObject

	title, tagline, logline, genres, audience, producer, writers, licence *widget.Entry
	synopsis, notes                                                       *widget.Entry
	episodes, seconds, budget, golive                                     *widget.Entry
	taglineCount, synopsisCount                                           *widget.Label
	platforms, subjects                                                   *checkGrid
	aiMade                                                                *widget.Check

	chars *recordList
	locs  *recordList
	gloss *recordList
}

func newBible(u *UI) *bible {
	b := &bible{u: u}
	entry := func(set func(string)) *widget.Entry {
		e := widget.NewEntry()
		e.OnChanged = func(s string) {
			if !b.loading && u.proj != nil {
				set(s)
				b.counters()
				u.projectEdited()
			}
		}
		return e
	}
	m := func() *script.Meta { return &u.proj.Meta }
	b.title = entry(func(s string) { m().Title = s })
	b.tagline = entry(func(s string) { m().Tagline = s })
	b.logline = entry(func(s string) { m().Logline = s })
	b.genres = entry(func(s string) { m().Genres = splitNames(s) })
	b.audience = entry(func(s string) { m().Audience = s })
	b.producer = entry(func(s string) { m().Producer = s })
	b.writers = entry(func(s string) { m().Writers = splitNames(s) })
	b.licence = entry(func(s string) { m().Licence = s })
	b.synopsis = entry(func(s string) { m().Synopsis = s })
	b.synopsis.MultiLine, b.synopsis.Wrapping = true, fyne.TextWrapWord
	b.synopsis.SetMinRowsVisible(4)
	b.notes = entry(func(s string) { m().Notes = s })
	b.notes.MultiLine, b.notes.Wrapping = true, fyne.TextWrapWord
	b.episodes = entry(func(s string) { m().TargetEpisodes = atoi(s) })
	b.seconds = entry(func(s string) { m().SecondsPerEpisode = atoi(s) })
	b.budget = entry(func(s string) { m().BudgetWan, _ = strconv.ParseFloat(strings.TrimSpace(s), 64) })
	b.golive = entry(func(s string) { m().GoLive = strings.TrimSpace(s) })
	b.golive.SetPlaceHolder("2026-12-31")
	b.golive.Validator = func(s string) error {
		if s != "" && !reDate.MatchString(strings.TrimSpace(s)) {
			return fmt.Errorf("%s", i18n.T("bible.date.invalid"))
		}
		return nil
	}
	for _, e := range []*widget.Entry{b.episodes, b.seconds, b.budget} {
		e.Validator = func(s string) error {
			if s = strings.TrimSpace(s); s != "" {
				if _, err := strconv.ParseFloat(s, 64); err != nil {
					return fmt.Errorf("%s", i18n.T("bible.number.invalid"))
				}
			}
			return nil
		}
	}
	b.taglineCount = widget.NewLabel("")
	b.synopsisCount = widget.NewLabel("")
	b.platforms = newCheckGrid(platformChoices, 3, func(s []string) {
		if !b.loading && u.proj != nil {
			m().Platforms = s
			u.projectEdited()
		}
	})
	b.subjects = newCheckGrid(subjectChoices, 4, func(s []string) {
		if !b.loading && u.proj != nil {
			m().SpecialSubjects = s
			u.projectEdited()
		}
	})
	b.aiMade = widget.NewCheck(i18n.T("bible.aimade.check"), func(v bool) {
		if !b.loading && u.proj != nil {
			m().AIMade = v
			u.projectEdited()
		}
	})

	withCount := func(e *widget.Entry, l *widget.Label) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, l, e)
	}
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("bible.title"), b.title),
		widget.NewFormItem(i18n.T("bible.tagline"), withCount(b.tagline, b.taglineCount)),
		widget.NewFormItem(i18n.T("bible.synopsis"), withCount(b.synopsis, b.synopsisCount)),
		widget.NewFormItem(i18n.T("bible.logline"), b.logline),
		widget.NewFormItem(i18n.T("bible.genres"), b.genres),
		widget.NewFormItem(i18n.T("bible.audience"), b.audience),
		widget.NewFormItem(i18n.T("bible.episodes"), b.episodes),
		widget.NewFormItem(i18n.T("bible.seconds"), b.seconds),
		widget.NewFormItem(i18n.T("bible.budget"), b.budget),
		widget.NewFormItem(i18n.T("bible.golive"), b.golive),
		widget.NewFormItem(i18n.T("bible.platforms"), b.platforms.content),
		widget.NewFormItem(i18n.T("bible.producer"), b.producer),
		widget.NewFormItem(i18n.T("bible.writers"), b.writers),
		widget.NewFormItem(i18n.T("bible.licence"), b.licence),
		widget.NewFormItem(i18n.T("bible.aimade"), b.aiMade),
		widget.NewFormItem(i18n.T("bible.subjects"), b.subjects.content),
		widget.NewFormItem(i18n.T("bible.notes"), b.notes),
	)
	b.chars = newCharacterList(b)
	b.locs = newLocationList(b)
	b.gloss = newGlossaryList(b)
	b.content = container.NewAppTabs(
		container.NewTabItem(i18n.T("bible.series"), container.NewVScroll(container.NewPadded(form))),
		container.NewTabItem(i18n.T("bible.characters"), b.chars.content),
		container.NewTabItem(i18n.T("bible.locations"), b.locs.content),
		container.NewTabItem(i18n.T("bible.glossary"), b.gloss.content),
		// The review tier and what the filing needs, from the self-check.
		container.NewTabItem(i18n.T("bible.filing"), container.NewVScroll(container.NewPadded(checkview.FilingChecklist(u)))),
	)
	return b
}

// load copies the project into the fields.
func (b *bible) load() {
	if b.u.proj == nil {
		return
	}
	b.loading = true
	defer func() { b.loading = false }()
	m := b.u.proj.Meta
	b.title.SetText(m.Title)
	b.tagline.SetText(m.Tagline)
	b.synopsis.SetText(m.Synopsis)
	b.logline.SetText(m.Logline)
	b.genres.SetText(strings.Join(m.Genres, "、"))
	b.audience.SetText(m.Audience)
	b.episodes.SetText(itoa(m.TargetEpisodes))
	b.seconds.SetText(itoa(m.SecondsPerEpisode))
	b.budget.SetText(ftoa(m.BudgetWan))
	b.golive.SetText(m.GoLive)
	b.producer.SetText(m.Producer)
	b.writers.SetText(strings.Join(m.Writers, "、"))
	b.licence.SetText(m.Licence)
	b.aiMade.SetChecked(m.AIMade)
	b.notes.SetText(m.Notes)
	b.platforms.set(mergeChoices(platformChoices, m.Platforms), m.Platforms)
	b.subjects.set(mergeChoices(subjectChoices, m.SpecialSubjects), m.SpecialSubjects)
	b.counters()
	b.chars.reload()
	b.locs.reload()
	b.gloss.reload()
}

// refresh reloads when the bible tab is shown (a panel may have changed it).
func (b *bible) refresh() { b.load() }

// counters shows the live length of the tagline and synopsis.
func (b *bible) counters() {
	count := func(l *widget.Label, s string, max int) {
		n := utf8.RuneCountInString(strings.TrimSpace(s))
		l.SetText(fmt.Sprintf("%d/%d", n, max))
		if n > max {
			l.Importance = widget.DangerImportance
		} else {
			l.Importance = widget.MediumImportance
		}
		l.Refresh()
	}
	count(b.taglineCount, b.tagline.Text, taglineMax)
	count(b.synopsisCount, b.synopsis.Text, synopsisMax)
}

// castChanged re-parses every episode: speaker detection uses the cast.
func (b *bible) castChanged() {
	b.u.reparseAll()
	if b.u.cur != nil {
		b.u.ed.updateStats()
	}
	b.u.projectEdited()
	b.u.nav.refresh()
}

// splitNames splits "a、b, c；d" into names.
func splitNames(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '/'
	})
	var out []string
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func mergeChoices(base, extra []string) []string {
	out := append([]string(nil), base...)
	for _, x := range extra {
		found := false
		for _, b := range base {
			if b == x {
				found = true
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

func atoi(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func ftoa(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// checkGrid is a group of check boxes laid out in columns (a horizontal
// CheckGroup does not wrap and would widen the window).
type checkGrid struct {
	cols     int
	options  []string
	checks   []*widget.Check
	selected map[string]bool
	onChange func([]string)
	loading  bool
	content  *fyne.Container
}

func newCheckGrid(options []string, cols int, onChange func([]string)) *checkGrid {
	g := &checkGrid{cols: cols, onChange: onChange, selected: map[string]bool{}, content: container.NewGridWithColumns(cols)}
	g.set(options, nil)
	return g
}

// set replaces the options and the selection without firing onChange.
func (g *checkGrid) set(options, selected []string) {
	g.loading = true
	defer func() { g.loading = false }()
	g.selected = map[string]bool{}
	for _, s := range selected {
		g.selected[s] = true
	}
	if !equalStrings(options, g.options) {
		g.options = options
		g.checks = nil
		g.content.Objects = nil
		for _, o := range options {
			o := o
			c := widget.NewCheck(o, func(v bool) {
				if g.loading {
					return
				}
				g.selected[o] = v
				g.onChange(g.Selected())
			})
			g.checks = append(g.checks, c)
			g.content.Add(c)
		}
	}
	for i, c := range g.checks {
		c.SetChecked(g.selected[g.options[i]])
	}
}

// Selected returns the checked options in display order.
func (g *checkGrid) Selected() []string {
	var out []string
	for _, o := range g.options {
		if g.selected[o] {
			out = append(out, o)
		}
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
