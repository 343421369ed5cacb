package subtitleview

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// exportFormats are offered by "Export all".
var exportFormats = []string{subtitle.FormatSRT, subtitle.FormatVTT, subtitle.FormatASS, subtitle.FormatTTML}

// renderAll renders every track of a language, one file per episode named
// by the platform rule "剧名 - 第x集.<lang>.<ext>". Nothing is written here:
// a track that cannot be rendered stops the export before any file exists.
func renderAll(proj *script.Project, lang string, prof *subtitle.Profile, format string, bilingual bool) (map[string][]byte, error) {
	trs, raw, _ := tracksOf(proj)
	out := map[string][]byte{}
	for i, tr := range trs {
		if tr.Lang != lang || raw[i].Name != "" && hasNamedTwin(trs, raw, i) {
			continue
		}
		var buf bytes.Buffer
		title := proj.EpisodeName(tr.Episode)
		if err := subtitle.Write(&buf, tr, subtitle.WriteOptions{Format: format, Profile: prof, Bilingual: bilingual, Title: title}); err != nil {
			return nil, fmt.Errorf("%s: %w", title, err)
		}
		out[subtitle.FileName(proj, tr.Episode, lang, format)] = buf.Bytes()
	}
	return out, nil
}

// hasNamedTwin reports that track i (a named, imported track) has an
// unnamed track for the same episode and language, which is exported
// instead: one file per episode.
func hasNamedTwin(trs []*subtitle.Track, raw []script.SubtitleTrack, i int) bool {
	for j, t := range trs {
		if j != i && raw[j].Name == "" && t.Episode == trs[i].Episode && t.Lang == trs[i].Lang {
			return true
		}
	}
	return false
}

// exportAllDialog asks for the format, then the folder, and writes every
// episode's track of the chosen language there.
func (p *panel) exportAllDialog() {
	prof, err := p.profile()
	if err != nil {
		p.showErr(err)
		return
	}
	form := widget.NewSelect(exportFormats, nil)
	form.SetSelected(subtitle.FormatSRT)
	bi := widget.NewCheck(i18n.T("subs.bilingual"), nil)
	content := container.NewVBox(widget.NewLabel(i18n.Tf("subs.exportall.what", prof.Lang)), form, bi)
	dialog.ShowCustomConfirm(i18n.T("subs.exportall"), i18n.T("action.ok"), i18n.T("action.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		files, err := renderAll(p.h.Project(), prof.Lang, prof, form.Selected, bi.Checked)
		if err != nil {
			p.showErr(err)
			return
		}
		if len(files) == 0 {
			p.h.Status(i18n.T("subs.exportall.none"))
			return
		}
		dock.OpenFolder(p.h.Window(), dock.FileOptions{Purpose: dock.ForSubtitles, Dir: dock.ProjectDir(p.h)}, func(dir fyne.ListableURI) {
			p.expAll.Run(func(ctx context.Context, _ func(func())) func() {
				n, err := writeAll(ctx, dir, files)
				return func() {
					if err != nil {
						p.showErr(err)
					}
					p.h.Status(i18n.Tf("subs.exportall.done", n, dir.Path()))
				}
			})
		})
	}, p.h.Window())
}

// writeAll writes rendered files into a folder, in name order, until ctx
// is cancelled.
func writeAll(ctx context.Context, dir fyne.URI, files map[string][]byte) (int, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		u, err := storage.Child(dir, name)
		if err != nil {
			return i, err
		}
		w, err := storage.Writer(u)
		if err != nil {
			return i, err
		}
		_, err = w.Write(files[name])
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = storage.Delete(u)
			return i, fmt.Errorf("%s: %w", name, err)
		}
	}
	return len(names), nil
}
