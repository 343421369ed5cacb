package aiview

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// now is the clock of provenance records (tests fix it).
var now = time.Now

// acceptJob applies the proposal as one undo step and records it as AI
// text. It refuses when the text under the proposal changed meanwhile.
func (p *panel) acceptJob() {
	j := p.job
	if j == nil || j.running {
		return
	}
	if j.accept != nil {
		j.accept()
		p.finishAccept()
		return
	}
	proj := p.h.Project()
	ep := proj.Episode(j.ep)
	text := ai.CleanText(j.text)
	if ep == nil || text == "" {
		return
	}
	if j.end > len(ep.Body) || ep.Body[j.start:j.end] != j.original {
		p.showNotice(i18n.T("ai.textChanged"))
		return
	}
	if j.task == ai.TaskContinue || j.task == ai.TaskDraft {
		text = joinContinuation(ep.Body[:j.start], text)
	}
	ai.ShiftForEdit(proj, j.ep, j.start, j.end, len(text))
	p.h.Replace(j.ep, j.start, j.end, text)
	ai.RecordAccepted(proj, j.ep, j.start, text, j.model, string(j.task), now())
	p.h.Changed()
	p.finishAccept()
}

// joinContinuation starts continued text on a new line when the body does
// not end with one (the model writes whole script lines).
func joinContinuation(before, text string) string {
	if before != "" && before[len(before)-1] != '\n' {
		return "\n" + text
	}
	return text
}

// insertJob inserts the proposal at the editor's cursor.
func (p *panel) insertJob() {
	j := p.job
	cur := p.h.Current()
	if j == nil || j.running || cur == nil {
		return
	}
	text := ai.CleanText(j.text)
	if text == "" {
		return
	}
	proj := p.h.Project()
	at := p.h.Cursor()
	ai.ShiftForEdit(proj, cur.Number, at, at, len(text))
	p.h.Insert(text)
	ai.RecordAccepted(proj, cur.Number, at, text, j.model, string(j.task), now())
	p.h.Changed()
	p.finishAccept()
}

func (p *panel) finishAccept() {
	p.h.Status(i18n.T("ai.accepted"))
	p.discardJob()
	p.showNotice(i18n.T("ai.accepted"))
}

func (p *panel) copyJob() {
	if p.job == nil {
		return
	}
	p.h.App().Clipboard().SetContent(ai.CleanText(p.job.text))
	p.h.Status(i18n.T("ai.copied"))
}

// discardJob drops the proposal (stopping it if it runs); the script was
// never touched.
func (p *panel) discardJob() {
	p.task.Cancel()
	p.job = nil
	p.output.SetText("")
	p.reasoning.SetText("")
	p.reasonAcc.Hide()
	p.diffBox.RemoveAll()
	p.notice.SetText("")
	p.setIdle()
}

func boldLabel(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}
