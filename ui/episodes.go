package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// addEpisode inserts a new episode after the current one (or at the end)
// with a first scene heading, and opens it. Later episodes move up one
// number, their scene headings with them.
func (u *UI) addEpisode() {
	at := len(u.proj.Episodes)
	if i := u.indexOf(u.cur); i >= 0 {
		at = i + 1
	}
	ep := &script.Episode{Status: script.StatusDraft}
	u.restructure(func() { u.insertEpisode(ep, at) }, nil)
	ep.Body = i18n.Tf("episode.template", ep.Number)
	parseEpisode(u.proj, ep, u.cast)
	u.structureChanged()
	u.OpenEpisode(ep.Number)
}

// duplicateEpisode inserts a copy of the current episode after it; the
// copy's scene headings take its own number.
func (u *UI) duplicateEpisode() {
	i := u.indexOf(u.cur)
	if i < 0 {
		return
	}
	src := u.cur
	cp := &script.Episode{Title: src.Title, Body: src.Body, Status: script.StatusDraft, Notes: src.Notes}
	if cp.Title != "" {
		cp.Title += i18n.T("episode.copysuffix")
	}
	parseEpisode(u.proj, cp, u.cast)
	u.restructure(func() { u.insertEpisode(cp, i+1) }, map[*script.Episode]int{cp: src.Number})
	u.structureChanged()
	u.OpenEpisode(cp.Number)
}

func (u *UI) insertEpisode(ep *script.Episode, at int) {
	eps := u.proj.Episodes
	eps = append(eps, nil)
	copy(eps[at+1:], eps[at:])
	eps[at] = ep
	u.proj.Episodes = eps
}

// deleteEpisode removes the current episode; Undo puts it back.
func (u *UI) deleteEpisode() {
	i := u.indexOf(u.cur)
	if i < 0 {
		return
	}
	ep := u.cur
	step := u.restructure(func() {
		u.proj.Episodes = append(u.proj.Episodes[:i:i], u.proj.Episodes[i+1:]...)
	}, nil)
	u.cur = nil
	u.structureChanged()
	if n := len(u.proj.Episodes); n > 0 {
		if i >= n {
			i = n - 1
		}
		u.OpenEpisode(u.proj.Episodes[i].Number)
	} else {
		u.ed.show(nil)
	}
	u.Status(i18n.Tf("episode.deleted", episodeLabel(ep)))
	u.showUndoDelete(ep, step)
}

// showUndoDelete offers the undo in the notice bar as well as the menu.
func (u *UI) showUndoDelete(ep *script.Episode, step *structUndo) {
	var row *fyne.Container
	btn := widget.NewButton(i18n.T("episode.undodelete"), func() {
		u.notice.Remove(row)
		// Only while the delete is the last episode change.
		if n := len(u.undoStack); n > 0 && u.undoStack[n-1] == step {
			u.undoDelete()
		}
	})
	btn.Importance = widget.HighImportance
	row = u.noticeRow(i18n.Tf("episode.deleted", episodeLabel(ep)), btn)
	u.notice.Add(row)
}

// undoDelete undoes the last episode change (add, duplicate, delete, move):
// order, numbers, scene headings and records come back in one step.
func (u *UI) undoDelete() {
	if u.undoStructure() && u.cur != nil {
		u.Status(i18n.Tf("episode.restored", episodeLabel(u.cur)))
	}
}

// moveEpisode moves the current episode by delta places.
func (u *UI) moveEpisode(delta int) {
	i := u.indexOf(u.cur)
	if i < 0 {
		return
	}
	u.moveEpisodeTo(i, i+delta)
}

// moveEpisodeTo moves the episode at index from to index to and renumbers.
func (u *UI) moveEpisodeTo(from, to int) {
	eps := u.proj.Episodes
	if from < 0 || from >= len(eps) || to < 0 || to >= len(eps) || from == to {
		return
	}
	u.restructure(func() {
		eps := u.proj.Episodes
		ep := eps[from]
		copy(eps[from:], eps[from+1:])
		eps = eps[:len(eps)-1]
		eps = append(eps, nil)
		copy(eps[to+1:], eps[to:])
		eps[to] = ep
		u.proj.Episodes = eps
	}, nil)
	u.structureChanged()
	if u.cur != nil {
		u.ed.heading.SetText(episodeLabel(u.cur))
		u.nav.selected = -1
		u.nav.selectEpisode(u.cur)
	}
}

// renameEpisode asks for a new title of the current episode.
func (u *UI) renameEpisode() {
	ep := u.cur
	if ep == nil {
		return
	}
	u.showEntryDialog(i18n.T("episode.rename"), i18n.T("episode.title"), ep.Title, func(title string) {
		u.setEpisodeTitle(ep, title)
	})
}

func (u *UI) setEpisodeTitle(ep *script.Episode, title string) {
	ep.Title = title
	u.dirtyEps[ep] = true
	u.projectEdited()
	u.nav.refreshEpisode(ep)
	if ep == u.cur {
		u.ed.heading.SetText(episodeLabel(ep))
	}
}

// structureChanged saves and redraws after episodes were added, removed or
// reordered.
func (u *UI) structureChanged() {
	u.projectEdited()
	u.nav.refresh()
	u.board.refresh()
}
