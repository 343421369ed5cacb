package ui

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// exportKind is one entry of File ▸ Export.
type exportKind struct {
	key   string // i18n key of the menu label
	ext   string
	write func(ctx context.Context, p *script.Project, w io.Writer, o export.Options) error
}

var exportKinds = []exportKind{
	{"export.pdf", ".pdf", export.PDF},
	{"export.docx", ".docx", export.DOCX},
	{"export.fdx", ".fdx", func(_ context.Context, p *script.Project, w io.Writer, o export.Options) error {
		return export.FDX(p, w, o)
	}},
	{"export.txt", ".txt", func(_ context.Context, p *script.Project, w io.Writer, _ export.Options) error {
		_, err := io.WriteString(w, format.WriteChinese(p))
		return err
	}},
	{"export.fountain", ".fountain", func(_ context.Context, p *script.Project, w io.Writer, _ export.Options) error {
		_, err := io.WriteString(w, format.WriteFountain(p))
		return err
	}},
}

// exportMenu lists the exports of script/export and script/format.
func (u *UI) exportMenu() *fyne.MenuItem {
	m := fyne.NewMenuItem(i18n.T("menu.export"), nil)
	m.ChildMenu = fyne.NewMenu("")
	for _, k := range exportKinds {
		k := k
		m.ChildMenu.Items = append(m.ChildMenu.Items, fyne.NewMenuItem(i18n.T(k.key), func() { u.exportDialog(k) }))
	}
	return m
}

func (u *UI) exportDialog(k exportKind) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		u.runExport(k, path)
	}, u.win)
	name := u.proj.Meta.Title
	if name == "" {
		name = i18n.T("file.untitled")
	}
	d.SetFileName(name + k.ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{k.ext}))
	u.setDialogLocation(d)
	d.Show()
}

// runExport writes a copy of the project in the background with a progress
// dialog that can cancel; the file appears only when complete.
func (u *UI) runExport(k exportKind, path string) {
	u.Save()
	p, err := copyProject(u.proj)
	if err != nil {
		u.showError(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	label := widget.NewLabel(filepath.Base(path))
	prog := dialog.NewCustomWithoutButtons(i18n.T("export.running"), container.NewVBox(label, bar,
		widget.NewButton(i18n.T("action.cancel"), cancel)), u.win)
	prog.Show()
	opts := export.Options{Progress: func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				bar.SetValue(float64(done) / float64(total))
			}
		})
	}}
	go func() {
		err := writeAtomically(path, func(w io.Writer) error { return k.write(ctx, p, w, opts) })
		cancel()
		fyne.Do(func() {
			prog.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				u.Status(i18n.T("export.cancelled"))
			case err != nil:
				u.showError(err)
			default:
				u.Status(i18n.Tf("status.exported", filepath.Base(path)))
			}
		})
	}()
}

// writeAtomically writes to a temporary file and renames it over path.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// copyProject deep-copies p so a worker can read it while the writer types.
func copyProject(p *script.Project) (*script.Project, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var q script.Project
	if err := json.Unmarshal(b, &q); err != nil {
		return nil, err
	}
	return &q, nil
}
