package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func item(label string, sc fyne.Shortcut, f func()) *fyne.MenuItem {
	m := fyne.NewMenuItem(label, f)
	m.Shortcut = sc
	return m
}

// mainMenu is the menu bar. Shortcuts live on menu items: Fyne runs menu
// shortcuts before the focused widget's, so they work while typing.
func (u *UI) mainMenu() *fyne.MainMenu {
	u.recentMenu = fyne.NewMenuItem(i18n.T("menu.recent"), nil)
	u.recentMenu.ChildMenu = fyne.NewMenu("")
	u.refreshRecentMenu()
	quit := item(i18n.T("menu.quit"), ctrl(fyne.KeyQ), u.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu(i18n.T("menu.file"),
		item(i18n.T("menu.new"), ctrl(fyne.KeyN), u.newProjectDialog),
		item(i18n.T("menu.open"), ctrl(fyne.KeyO), u.openDialog),
		u.recentMenu,
		item(i18n.T("menu.import"), ctrl(fyne.KeyI), u.importDialog),
		fyne.NewMenuItem(i18n.T("room.menu.open"), u.openRoomDialog),
		fyne.NewMenuItem(i18n.T("room.menu.push"), u.pushDialog),
		fyne.NewMenuItem(i18n.T("room.menu.pull"), u.pullDialog),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("menu.save"), ctrl(fyne.KeyS), u.saveNow),
		item(i18n.T("menu.saveas"), ctrlShift(fyne.KeyS), u.saveAsDialog),
		u.exportMenu(),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("menu.settings"), ctrl(fyne.KeyComma), u.showSettings),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu(i18n.T("menu.edit"),
		item(i18n.T("menu.undo"), &fyne.ShortcutUndo{}, func() { u.editShortcut(&fyne.ShortcutUndo{}) }),
		item(i18n.T("menu.redo"), ctrlShift(fyne.KeyZ), func() { u.editShortcut(&fyne.ShortcutRedo{}) }),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("menu.find"), ctrl(fyne.KeyF), func() { u.ed.find.open(false) }),
		item(i18n.T("menu.replace"), ctrl(fyne.KeyH), func() { u.ed.find.open(true) }),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("insert.scene"), ctrl(fyne.Key1), u.ed.insertScene),
		item(i18n.T("insert.action"), ctrl(fyne.Key2), u.ed.insertAction),
		item(i18n.T("insert.dialogue"), ctrl(fyne.Key3), u.ed.pickSpeaker),
	)
	keys := []fyne.KeyName{fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
	for i, m := range script.Markers {
		m := m
		edit.Items = append(edit.Items, item(i18n.T("insert.marker")+" 【"+string(m)+"】", ctrl(keys[i]), func() { u.ed.insertMarker(m) }))
	}
	episode := fyne.NewMenu(i18n.T("menu.episode"),
		item(i18n.T("episode.add"), ctrlShift(fyne.KeyN), u.addEpisode),
		fyne.NewMenuItem(i18n.T("episode.duplicate"), u.duplicateEpisode),
		fyne.NewMenuItem(i18n.T("episode.rename"), u.renameEpisode),
		fyne.NewMenuItem(i18n.T("episode.delete"), u.deleteEpisode),
		fyne.NewMenuItem(i18n.T("episode.undo"), u.undoDelete),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("episode.up"), ctrlShift(fyne.KeyUp), func() { u.moveEpisode(-1) }),
		item(i18n.T("episode.down"), ctrlShift(fyne.KeyDown), func() { u.moveEpisode(1) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("room.menu.takeover"), u.takeOver),
		item(i18n.T("episode.prev"), ctrl(fyne.KeyPageUp), func() { u.stepEpisode(-1) }),
		item(i18n.T("episode.next"), ctrl(fyne.KeyPageDown), func() { u.stepEpisode(1) }),
	)
	view := fyne.NewMenu(i18n.T("menu.view"),
		fyne.NewMenuItem(i18n.T("tab.editor"), func() { u.center.SelectIndex(0) }),
		item(i18n.T("tab.board"), ctrl(fyne.KeyB), func() { u.center.SelectIndex(1) }),
		fyne.NewMenuItem(i18n.T("tab.bible"), func() { u.center.SelectIndex(2) }),
		item(i18n.T("tab.history"), ctrlShift(fyne.KeyH), func() { u.center.SelectIndex(3) }),
	)
	for _, id := range dockIDs {
		id := id
		view.Items = append(view.Items, fyne.NewMenuItem(i18n.T("dock."+string(id)), func() { u.ShowPanel(id) }))
	}
	help := fyne.NewMenu(i18n.T("menu.help"),
		fyne.NewMenuItem(i18n.T("menu.shortcuts"), u.showShortcuts),
		fyne.NewMenuItem(i18n.T("menu.about"), u.showAbout),
	)
	return fyne.NewMainMenu(file, edit, episode, view, help)
}

// editShortcut sends undo/redo to the focused field, or to the editor.
func (u *UI) editShortcut(s fyne.Shortcut) {
	if f := u.win.Canvas().Focused(); f != nil && f != fyne.Focusable(u.ed.entry) {
		if sc, ok := f.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
		return
	}
	u.ed.entry.TypedShortcut(s)
}

// addShortcuts adds keys without a menu item. Ctrl+Y reaches the focused
// Entry as fyne.ShortcutRedo by itself.
func (u *UI) addShortcuts() {}

// stepEpisode opens the previous or next episode.
func (u *UI) stepEpisode(d int) {
	i := u.indexOf(u.cur) + d
	if i >= 0 && i < len(u.proj.Episodes) {
		u.OpenEpisode(u.proj.Episodes[i].Number)
	}
}

// saveNow saves (Ctrl+S) and says so.
func (u *UI) saveNow() {
	u.Save()
	if u.path != "" {
		u.Status(i18n.Tf("status.saved", filepath.Base(u.path)))
	} else {
		u.saveAsDialog()
	}
}

func (u *UI) refreshRecentMenu() {
	if u.recentMenu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range u.recent() {
		p := p
		items = append(items, fyne.NewMenuItem(p, func() { u.OpenPath(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(i18n.T("menu.recent.none"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	u.recentMenu.ChildMenu.Items = items
}
