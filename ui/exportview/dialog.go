// Package exportview is the Export dialog (format, episodes, watermark, AI
// label, progress, cancel) and the Package view (the completeness checklist
// for the review tier and the submission package). The shell calls
// ShowExportDialog from the File menu and shows PackageView as a view.
package exportview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// exporter is the Export dialog's state.
type exporter struct {
	h         dock.Host
	format    *widget.Select
	scope     *widget.RadioGroup
	rng       *widget.Entry
	watermark *widget.Entry
	aiLabel   *widget.Check
	progress  *widget.ProgressBar
	status    *widget.Label
	run       *widget.Button
	cancelBtn *widget.Button
	task      *dock.Task // the running export
	dlg       dialog.Dialog
}

func label(f export.Format) string { return i18n.Pick(f.ZH, f.EN) }

func newExporter(h dock.Host) *exporter {
	x := &exporter{h: h, task: dock.NewTask(h)}
	var names []string
	for _, f := range export.Formats {
		names = append(names, label(f))
	}
	x.format = widget.NewSelect(names, func(string) { x.refresh() })
	x.scope = widget.NewRadioGroup([]string{i18n.T("export.episodes.all"), i18n.T("export.episodes.current"), i18n.T("export.episodes.range")},
		func(string) { x.refresh() })
	x.scope.Horizontal = true
	x.rng = widget.NewEntry()
	x.rng.SetPlaceHolder(i18n.T("export.episodes.range.hint"))
	x.watermark = widget.NewEntry()
	x.watermark.SetPlaceHolder(i18n.T("export.watermark.hint"))
	x.aiLabel = widget.NewCheck(i18n.T("export.ailabel"), nil)
	x.progress = widget.NewProgressBar()
	x.progress.Hide()
	x.status = widget.NewLabel("")
	x.status.Wrapping = dock.ProseWrap(i18n.Lang())
	x.run = widget.NewButton(i18n.T("export.run"), x.chooseFile)
	x.run.Importance = widget.HighImportance
	x.cancelBtn = widget.NewButton(i18n.T("export.close"), x.cancelOrClose)

	if p := h.Project(); p != nil {
		x.watermark.SetText(p.Settings.Watermark)
		x.aiLabel.SetChecked(p.Settings.LabelAIContent)
		if !export.HasAIText(p) {
			x.aiLabel.SetText(i18n.T("export.ailabel") + " — " + i18n.T("export.ailabel.none"))
		}
	}
	x.format.SetSelectedIndex(0)
	x.scope.SetSelected(i18n.T("export.episodes.all"))
	return x
}

func (x *exporter) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("export.format"), x.format),
		widget.NewFormItem(i18n.T("export.episodes"), container.NewVBox(x.scope, x.rng)),
		widget.NewFormItem(i18n.T("export.watermark"), x.watermark),
		widget.NewFormItem("", x.aiLabel),
	)
	buttons := container.NewHBox(x.cancelBtn, x.run)
	return container.NewVBox(form, x.progress, x.status, container.NewCenter(buttons))
}

// selectedFormat is the chosen format.
func (x *exporter) selectedFormat() export.Format {
	i := x.format.SelectedIndex()
	if i < 0 {
		i = 0
	}
	return export.Formats[i]
}

// refresh enables the inputs that apply.
func (x *exporter) refresh() {
	if x.scope.Selected == i18n.T("export.episodes.range") {
		x.rng.Enable()
	} else {
		x.rng.Disable()
	}
	if x.selectedFormat().Options {
		x.watermark.Enable()
		x.aiLabel.Enable()
		if p := x.h.Project(); p != nil && !export.HasAIText(p) {
			x.aiLabel.Disable() // nothing to label
		}
	} else {
		x.watermark.Disable()
		x.aiLabel.Disable()
	}
}

// options turns the inputs into export options, or a message for the user.
func (x *exporter) options() (export.Options, error) {
	var o export.Options
	p := x.h.Project()
	switch x.scope.Selected {
	case i18n.T("export.episodes.current"):
		cur := x.h.Current()
		if cur == nil {
			return o, errors.New(i18n.T("export.no.current"))
		}
		o.Episodes = []int{cur.Number}
	case i18n.T("export.episodes.range"):
		eps, err := parseEpisodes(x.rng.Text)
		if err != nil {
			return o, errors.New(i18n.Tf("export.bad.range", x.rng.Text))
		}
		found := false
		for _, n := range eps {
			found = found || p.Episode(n) != nil
		}
		if !found {
			return o, errors.New(i18n.T("export.no.episodes"))
		}
		o.Episodes = eps
	}
	o.Watermark = x.watermark.Text
	if o.Watermark == "" {
		o.Watermark = export.NoWatermark
	}
	ai := x.aiLabel.Checked
	o.AILabel = &ai
	return o, nil
}

// chooseFile asks where to save, then exports there.
func (x *exporter) chooseFile() {
	o, err := x.options()
	if err != nil {
		x.status.SetText(err.Error())
		return
	}
	f := x.selectedFormat()
	name := x.h.Project().Meta.Title
	if name == "" {
		name = "script"
	}
	if len(o.Episodes) == 1 {
		name = x.h.Project().EpisodeName(o.Episodes[0])
	}
	if f.ID == "breakdown" {
		name += "-breakdown"
	}
	dock.SaveFile(x.h.Window(), dock.FileOptions{Purpose: dock.ForExport, Exts: []string{f.Ext}, Name: name, Dir: dock.ProjectDir(x.h)}, func(w fyne.URIWriteCloser) {
		x.start(o, w)
	})
}

// start exports into w in the background; on failure or cancel the
// half-written file is removed.
func (x *exporter) start(o export.Options, w fyne.URIWriteCloser) {
	x.begin(o, w, func(err error) {
		if err != nil {
			_ = storage.Delete(w.URI())
		}
	})
}

// begin runs the export into w with progress and cancel; after ends the run
// on the Fyne goroutine with the result.
func (x *exporter) begin(o export.Options, w io.WriteCloser, after func(error)) {
	p := x.h.Snapshot() // the export reads a copy while the writer types on
	x.run.Disable()
	x.cancelBtn.SetText(i18n.T("export.cancel"))
	x.progress.SetValue(0)
	x.progress.Show()
	x.status.SetText(i18n.T("export.running"))
	f := x.selectedFormat()
	name := uriName(w)
	x.task.Run(func(ctx context.Context, report func(func())) func() {
		o.Progress = func(n, total int) {
			if total > 0 {
				v := float64(n) / float64(total)
				report(func() { x.progress.SetValue(v) })
			}
		}
		var buf bytes.Buffer
		err := f.Write(ctx, p, &buf, o)
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return func() {
			x.run.Enable()
			x.cancelBtn.SetText(i18n.T("export.close"))
			x.progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				x.status.SetText(i18n.T("export.cancelled"))
			case err != nil:
				x.status.SetText(err.Error())
			default:
				msg := i18n.Tf("export.done", name)
				x.status.SetText(msg)
				x.h.Status(msg)
			}
			if after != nil {
				after(err)
			}
		}
	})
}

func uriName(w io.Writer) string {
	if u, ok := w.(fyne.URIWriteCloser); ok && u.URI() != nil {
		return u.URI().Name()
	}
	return fmt.Sprint(i18n.T("export.dialog.title"))
}

// cancelOrClose stops a running export (which still reports, as
// cancelled) or closes the dialog.
func (x *exporter) cancelOrClose() {
	if x.task.Running() {
		x.task.Stop()
		return
	}
	if x.dlg != nil {
		x.dlg.Hide()
	}
}

// ShowExportDialog opens the Export dialog on the host's window.
func ShowExportDialog(h dock.Host) {
	if h.Project() == nil {
		return
	}
	x := newExporter(h)
	x.dlg = dialog.NewCustomWithoutButtons(i18n.T("export.dialog.title"), x.content(), h.Window())
	x.dlg.Resize(fyne.NewSize(520, 0))
	x.dlg.Show()
}
