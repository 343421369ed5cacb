package checkview

import (
	"fmt"
	"os/user"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/report"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// detailView shows one finding: why, the text, how to fix it, the source,
// and the waive / re-open and jump buttons.
type detailView struct {
	p                                       *panel
	content                                 fyne.CanvasObject
	actions                                 fyne.CanvasObject // kept in view below the scrolling text
	head, message, excerpt, fix, source, wv *widget.Label
	waive, reopen, jump, ai                 *widget.Button
	f                                       *check.Finding
}

func newDetailView(p *panel) *detailView {
	d := &detailView{p: p}
	wrap := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = dock.ProseWrap(i18n.Lang())
		return l
	}
	d.head, d.message, d.excerpt, d.fix, d.source, d.wv = wrap(), wrap(), wrap(), wrap(), wrap(), wrap()
	d.head.TextStyle = fyne.TextStyle{Bold: true}
	d.excerpt.TextStyle = fyne.TextStyle{Italic: true}
	d.waive = widget.NewButton(i18n.T("check.waive"), d.askWaive)
	d.reopen = widget.NewButton(i18n.T("check.reopen"), d.doReopen)
	d.jump = widget.NewButton(i18n.T("check.jump"), func() {
		if d.f != nil {
			p.jump(d.f)
		}
	})
	d.ai = widget.NewButtonWithIcon(i18n.T("check.ai.fix"), theme.ComputerIcon(), func() {
		if d.f != nil {
			p.fixFinding(d.f)
		}
	})
	d.content = container.NewVBox(d.head, d.message, d.excerpt, d.fix, d.source, d.wv)
	// A grid lays out only the visible buttons, so a hidden one leaves no gap.
	d.actions = container.NewGridWithColumns(3, d.jump, d.ai, d.waive, d.reopen)
	d.show(nil)
	return d
}

func (d *detailView) show(f *check.Finding) {
	d.f = f
	if f == nil {
		d.head.SetText(i18n.T("check.pick"))
		for _, l := range []*widget.Label{d.message, d.excerpt, d.fix, d.source, d.wv} {
			l.SetText("")
		}
		d.waive.Disable()
		d.reopen.Hide()
		d.jump.Disable()
		d.ai.Hide()
		return
	}
	lang := d.p.h.Lang()
	d.head.SetText("[" + readerBadge(*f) + "] " + f.Rule + " · " + f.Severity.Label(lang) + " · " + check.CategoryLabel(f.Category, lang) + " · " + where(lang, *f))
	msg := f.Message
	if f.Reader == check.ReaderModel {
		msg += "\n" + fmt.Sprintf(i18n.T("check.model.note"), f.Score, strings.Join(f.Evidence, "、"))
	}
	d.message.SetText(msg)
	d.excerpt.SetText(strings.TrimSpace(f.Excerpt))
	d.fix.SetText(i18n.T("check.fix") + colon() + f.Suggestion)
	src := i18n.T("check.source") + colon() + f.Source.Name + " [" + f.Source.Mark + "]"
	if f.Source.URL != "" {
		src += "\n" + f.Source.URL
	}
	d.source.SetText(src)
	d.jump.Enable()
	if canFixWithAI(d.p.h.Project(), f) {
		d.ai.Show()
	} else {
		d.ai.Hide()
	}
	if f.Waived() {
		d.wv.SetText(i18n.Tf("check.waived", f.Waiver.Reason))
		d.waive.Hide()
		d.reopen.Show()
	} else {
		d.wv.SetText("")
		d.waive.Show()
		d.waive.Enable()
		d.reopen.Hide()
	}
}

// askWaive asks for a reason and stores the waiver in the project.
func (d *detailView) askWaive() {
	if d.f == nil {
		return
	}
	f := *d.f
	dock.ShowEntry(d.p.h.Window(), dock.EntryOptions{
		Title: i18n.T("check.waive.title"), Label: i18n.T("check.waive.reason"),
		PlaceHolder: i18n.T("check.waive.hint"), Wrap: true,
		Confirm: i18n.T("check.waive.confirm"), Dismiss: i18n.T("check.cancel"),
		Validate: func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("%s", i18n.T("check.waive.need"))
			}
			return nil
		},
		OnOK: func(reason string) { d.p.waive(f, reason) },
	})
}

func (d *detailView) doReopen() {
	if d.f != nil {
		d.p.unwaive(*d.f)
	}
}

// waive records the waiver, tells the host and checks again.
func (p *panel) waive(f check.Finding, reason string) {
	proj := p.h.Project()
	if proj == nil || strings.TrimSpace(reason) == "" {
		return
	}
	check.Waive(proj, f, reason, userName(), time.Now())
	p.h.Changed()
	p.recheck()
}

func (p *panel) unwaive(f check.Finding) {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	if check.Unwaive(proj, f) {
		p.h.Changed()
		p.recheck()
	}
}

func userName() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return ""
}

// where says where a finding is, briefly.
func where(lang script.Lang, f check.Finding) string {
	if f.Episode == 0 {
		return fieldName(lang, f.Field)
	}
	s := fmt.Sprintf("%s%d", lang.Pick("第", "ep "), f.Episode) + lang.Pick("集", "")
	if f.Scene != "" {
		s += " " + f.Scene
	}
	return s
}

func fieldName(lang script.Lang, field string) string {
	if field == "" {
		return i18n.T("check.where.series")
	}
	return report.FieldLabel(lang, field)
}

// saveReport writes an HTML (or, by the chosen name, Markdown) report.
func (p *panel) saveReport() {
	if p.res == nil {
		return
	}
	res := p.res
	name := "自检报告.html"
	if t := strings.TrimSpace(res.Project); t != "" {
		name = t + p.h.Lang().Pick("-自检报告.html", "-self-check.html")
	}
	dock.SaveFile(p.h.Window(), dock.FileOptions{Purpose: dock.ForReport, Exts: []string{".html", ".htm", ".md", ".markdown", ".json"}, Name: name, Dir: dock.ProjectDir(p.h)}, func(w fyne.URIWriteCloser) {
		defer w.Close()
		format := report.HTML
		if f, e := report.FormatOf(w.URI().Name()); e == nil && f != report.PDF {
			format = f
		}
		if err := report.Write(w, res, format); err != nil {
			p.h.Status(i18n.Tf("check.report.error", err))
			return
		}
		p.h.Status(i18n.Tf("check.report.saved", w.URI().Name()))
	})
}

// colon is the label separator of the UI language.
func colon() string { return i18n.Pick("：", ": ") }
