package exportview

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/script/export/pack"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// packager is the Package view's state.
type packager struct {
	h         dock.Host
	proj      *script.Project // the project this view was built for
	tier      *widget.Label
	summary   *widget.Label
	items     *fyne.Container
	force     *widget.Check
	watermark *widget.Entry
	build     *widget.Button
	recheck   *widget.Button
	cancelBtn *widget.Button
	progress  *widget.ProgressBar
	status    *widget.Label
	files     *widget.Label
	checklist pack.Checklist
	checked   bool
	checking  *dock.Task // the running check (a new one supersedes it)
	building  *dock.Task // the running build
}

// PackageView is the submission-package view: the checklist for the
// project's review tier, options, and the Build button.
func PackageView(h dock.Host) fyne.CanvasObject {
	return newPackager(h).content()
}

func newPackager(h dock.Host) *packager {
	k := &packager{h: h, proj: h.Project(), checking: dock.NewTask(h), building: dock.NewTask(h)}
	k.tier = widget.NewLabel("")
	k.tier.TextStyle.Bold = true
	k.summary = widget.NewLabel("")
	k.summary.Wrapping = dock.ProseWrap(i18n.Lang())
	k.items = container.NewVBox()
	k.force = widget.NewCheck(i18n.T("package.force"), func(bool) { k.refreshButtons() })
	k.watermark = widget.NewEntry()
	k.watermark.SetPlaceHolder(i18n.T("export.watermark.hint"))
	if p := h.Project(); p != nil {
		k.watermark.SetText(p.Settings.Watermark)
	}
	k.build = widget.NewButton(i18n.T("package.build"), k.chooseFile)
	k.build.Importance = widget.HighImportance
	k.recheck = widget.NewButton(i18n.T("package.recheck"), k.runCheck)
	// Cancel stops the build, which still reports (as cancelled).
	k.cancelBtn = widget.NewButton(i18n.T("export.cancel"), k.building.Stop)
	k.cancelBtn.Hide()
	k.progress = widget.NewProgressBar()
	k.progress.Hide()
	k.status = widget.NewLabel("")
	k.status.Wrapping = dock.ProseWrap(i18n.Lang())
	k.files = widget.NewLabel("")
	k.files.Wrapping = dock.ProseWrap(i18n.Lang())
	h.OnChange(func() {
		// The shell builds a new view for another project; this one retires.
		if k.h.Project() == k.proj {
			k.runCheck()
		} else {
			k.checking.Cancel()
			k.building.Cancel()
		}
	})
	k.runCheck()
	return k
}

func (k *packager) content() fyne.CanvasObject {
	title := widget.NewLabel(i18n.T("package.title"))
	title.TextStyle.Bold = true
	intro := widget.NewLabel(i18n.T("package.intro"))
	intro.Wrapping = dock.ProseWrap(i18n.Lang())
	opts := widget.NewForm(widget.NewFormItem(i18n.T("export.watermark"), k.watermark))
	top := container.NewVBox(title, intro, widget.NewSeparator(), k.tier, k.summary)
	bottom := container.NewVBox(widget.NewSeparator(), opts, k.force,
		container.NewHBox(k.recheck, k.build, k.cancelBtn), k.progress, k.status, k.files)
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(k.items))
}

// runCheck recomputes the checklist in the background; a check still
// running is superseded.
func (k *packager) runCheck() {
	p := k.h.Project()
	if p == nil {
		return
	}
	snap := k.h.Snapshot()
	k.summary.SetText(i18n.T("package.checking"))
	k.checking.Run(func(ctx context.Context, _ func(func())) func() {
		cl, _, err := pack.Prepare(ctx, snap, pack.Options{})
		return func() {
			if err != nil {
				k.summary.SetText(err.Error())
				return
			}
			k.show(cl)
		}
	})
}

// show renders the checklist.
func (k *packager) show(cl pack.Checklist) {
	k.checklist, k.checked = cl, true
	if cl.Tier.Name != "" {
		k.tier.SetText(i18n.Tf("package.tier", cl.Tier.Name+" — "+cl.Tier.Reason))
	} else {
		k.tier.SetText(i18n.T("package.tier.unknown"))
	}
	if n := len(cl.Missing()); n > 0 {
		k.summary.SetText(i18n.Tf("package.missing", n))
	} else {
		k.summary.SetText(i18n.T("package.ready"))
	}
	k.items.RemoveAll()
	lang := i18n.Lang()
	for _, it := range cl.Items {
		l := widget.NewLabel(mark(it.State) + "  " + it.Text(lang))
		l.Wrapping = dock.ProseWrap(i18n.Lang())
		switch it.State {
		case pack.StateMissing:
			l.Importance = widget.DangerImportance
		case pack.StateTodo:
			l.Importance = widget.WarningImportance
		case pack.StateOK:
			l.Importance = widget.SuccessImportance
		}
		k.items.Add(l)
	}
	k.refreshButtons()
}

func mark(state string) string {
	switch state {
	case pack.StateOK:
		return "✓"
	case pack.StateMissing:
		return "✗"
	case pack.StateTodo:
		return "!"
	}
	return "·"
}

func (k *packager) refreshButtons() {
	if k.checked && (k.checklist.Ready() || k.force.Checked) && !k.building.Running() {
		k.build.Enable()
	} else {
		k.build.Disable()
	}
}

func (k *packager) options() pack.Options {
	o := pack.Options{Force: k.force.Checked}
	o.Watermark = k.watermark.Text
	if o.Watermark == "" {
		o.Watermark = export.NoWatermark
	}
	return o
}

// chooseFile asks where to write the zip.
func (k *packager) chooseFile() {
	if !k.checklist.Ready() && !k.force.Checked {
		k.status.SetText(i18n.T("package.incomplete"))
		return
	}
	name := k.h.Project().Meta.Title
	if name == "" {
		name = "package"
	}
	dock.SaveFile(k.h.Window(), dock.FileOptions{Purpose: dock.ForPackage, Exts: []string{".zip"}, Name: name + "-提交包", Dir: dock.ProjectDir(k.h)}, func(w fyne.URIWriteCloser) {
		uri := w.URI()
		_ = w.Close()
		k.buildTo(uri)
	})
}

// buildTo builds the package into uri (atomically for local files).
func (k *packager) buildTo(uri fyne.URI) {
	snap := k.h.Snapshot()
	o := k.options()
	k.build.Disable()
	k.recheck.Disable()
	k.cancelBtn.Show()
	k.progress.SetValue(0)
	k.progress.Show()
	k.status.SetText(i18n.T("package.building"))
	k.files.SetText("")
	k.building.Run(func(ctx context.Context, report func(func())) func() {
		o.Progress = func(n, total int) {
			v := float64(n) / float64(total)
			report(func() { k.progress.SetValue(v) })
		}
		var res *pack.Result
		var err error
		if uri.Scheme() == "file" {
			res, err = pack.WriteFile(ctx, snap, uri.Path(), o)
		} else {
			err = errors.New("only local files are supported for packages: " + uri.String())
		}
		return func() {
			k.cancelBtn.Hide()
			k.progress.Hide()
			k.recheck.Enable()
			k.refreshButtons()
			if err != nil && uri.Scheme() == "file" {
				// The save dialog created an empty file; don't leave it behind.
				if ok, _ := storage.Exists(uri); ok {
					if info, e := fileSize(uri.Path()); e == nil && info == 0 {
						_ = storage.Delete(uri)
					}
				}
			}
			switch {
			case errors.Is(err, context.Canceled):
				k.status.SetText(i18n.T("export.cancelled"))
			case errors.Is(err, pack.ErrIncomplete):
				k.status.SetText(i18n.T("package.incomplete"))
			case err != nil:
				k.status.SetText(err.Error())
			default:
				msg := i18n.Tf("package.built", uri.Name(), len(res.Manifest.Files)+1)
				k.status.SetText(msg)
				k.h.Status(msg)
				var names []string
				for _, f := range res.Manifest.Files {
					names = append(names, "• "+f.Path)
				}
				names = append(names, "• "+pack.ManifestName)
				k.files.SetText(i18n.T("package.files") + "\n" + strings.Join(names, "\n"))
			}
		}
	})
}
