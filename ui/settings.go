package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// showSettings edits the app preferences (language, appearance) and the
// project's estimate settings (speech rate, target length).
func (u *UI) showSettings() {
	langs := []string{i18n.T("settings.lang.system"), "中文", "English"}
	langVals := []string{"", string(i18n.Zh), string(i18n.En)}
	lang := widget.NewSelect(langs, nil)
	lang.SetSelectedIndex(indexOf(langVals, u.app.Preferences().String(prefLang)))

	looks := []string{i18n.T("settings.look.system"), i18n.T("settings.look.light"), i18n.T("settings.look.dark")}
	lookVals := []string{AppearanceSystem, AppearanceLight, AppearanceDark}
	look := widget.NewSelect(looks, nil)
	look.SetSelectedIndex(indexOf(lookVals, u.app.Preferences().String(prefAppearance)))

	set := u.proj.Settings.Effective()
	rate := widget.NewEntry()
	rate.SetText(strconv.FormatFloat(set.SpeechRate, 'f', -1, 64))
	minS, maxS := widget.NewEntry(), widget.NewEntry()
	minS.SetText(strconv.Itoa(set.TargetMinSecs))
	maxS.SetText(strconv.Itoa(set.TargetMaxSecs))

	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("settings.lang"), lang),
		widget.NewFormItem(i18n.T("settings.look"), look),
		widget.NewFormItem(i18n.T("settings.rate"), rate),
		widget.NewFormItem(i18n.T("settings.target"), container.NewGridWithColumns(2, minS, maxS)),
	}
	d := dialog.NewForm(i18n.T("menu.settings"), i18n.T("action.ok"), i18n.T("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		newLang := langVals[max(0, lang.SelectedIndex())]
		if newLang != u.app.Preferences().String(prefLang) {
			u.app.Preferences().SetString(prefLang, newLang)
			u.showNotice(i18n.T("settings.lang.restart"))
		}
		newLook := lookVals[max(0, look.SelectedIndex())]
		u.app.Preferences().SetString(prefAppearance, newLook)
		u.app.Settings().SetTheme(NewTheme(newLook))
		u.applyEstimateSettings(rate.Text, minS.Text, maxS.Text)
	}, u.win)
	d.Resize(fyne.NewSize(480, 320))
	u.escapeCloses(d)
	d.Show()
}

func (u *UI) applyEstimateSettings(rate, minS, maxS string) {
	s := &u.proj.Settings
	changed := false
	if r, err := strconv.ParseFloat(strings.TrimSpace(rate), 64); err == nil && r > 0 && r != s.Effective().SpeechRate {
		s.SpeechRate, changed = r, true
	}
	if v := atoi(minS); v > 0 && v != s.Effective().TargetMinSecs {
		s.TargetMinSecs, changed = v, true
	}
	if v := atoi(maxS); v > 0 && v != s.Effective().TargetMaxSecs {
		s.TargetMaxSecs, changed = v, true
	}
	if changed {
		u.projectEdited()
		u.nav.refresh()
		if u.cur != nil {
			u.ed.updateStats()
		}
	}
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func (u *UI) showAbout() {
	text := fmt.Sprintf("%s %s\n\n%s\n\n%s", i18n.T("app.name"), script.Version, i18n.T("about.text"), i18n.T("about.font"))
	l := widget.NewLabel(text)
	l.Wrapping = textWrap()
	d := dialog.NewCustom(i18n.T("menu.about"), i18n.T("action.ok"), l, u.win)
	d.Resize(fyne.NewSize(460, 300))
	u.escapeCloses(d)
	d.Show()
}

// shortcutRows is the Shortcuts help: every key the app answers to.
func shortcutRows() [][2]string {
	rows := [][2]string{
		{"Ctrl+N / O / I", i18n.T("menu.new") + " / " + i18n.T("menu.open") + " / " + i18n.T("menu.import")},
		{"Ctrl+S / Ctrl+Shift+S", i18n.T("menu.save") + " / " + i18n.T("menu.saveas")},
		{"Ctrl+E", i18n.T("menu.export")},
		{"Ctrl+,", i18n.T("menu.settings")},
		{"Ctrl+Q", i18n.T("menu.quit")},
		{"Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z", i18n.T("menu.undo") + " / " + i18n.T("menu.redo")},
		{"Ctrl+F", i18n.T("menu.find")},
		{"Ctrl+H", i18n.T("menu.replace")},
		{"Ctrl+Home / Ctrl+End", i18n.T("shortcuts.startend")},
		{"Ctrl+1", i18n.T("insert.scene")},
		{"Ctrl+2", i18n.T("insert.action")},
		{"Ctrl+3", i18n.T("insert.dialogue")},
	}
	for i, m := range script.Markers {
		rows = append(rows, [2]string{fmt.Sprintf("Ctrl+%d", i+4), "【" + string(m) + "】"})
	}
	return append(rows,
		[2]string{"Ctrl+Shift+N", i18n.T("episode.add")},
		[2]string{"Ctrl+Shift+↑ / ↓", i18n.T("episode.up") + " / " + i18n.T("episode.down")},
		[2]string{"Ctrl+PgUp / PgDn", i18n.T("episode.prev") + " / " + i18n.T("episode.next")},
		[2]string{"Ctrl+B / Ctrl+Shift+H", i18n.T("tab.board") + " / " + i18n.T("tab.history")},
	)
}

func (u *UI) showShortcuts() {
	form := widget.NewForm()
	for _, r := range shortcutRows() {
		form.Append(r[0], widget.NewLabel(r[1]))
	}
	note := widget.NewLabel(i18n.T("shortcuts.mac"))
	note.Importance = widget.LowImportance
	d := dialog.NewCustom(i18n.T("menu.shortcuts"), i18n.T("action.ok"), container.NewVScroll(container.NewVBox(form, note)), u.win)
	d.Resize(fyne.NewSize(520, 600))
	u.escapeCloses(d)
	d.Show()
}

// appIcon is the window icon.
func appIcon() fyne.Resource {
	b := assets.Icon()
	if len(b) == 0 {
		return nil
	}
	return fyne.NewStaticResource("icon.png", b)
}
