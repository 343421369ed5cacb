package aiview

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// ladderView runs the series ladder (idea → logline → bible → season arc
// → outlines in batches) one level per call. Its state is kept in the
// project (Project.AIPlan) after every level, so closing the dialog, a
// failure or quitting the app loses nothing; each level is applied to the
// project (metadata, cast, locations, episode outlines in the notes)
// without touching any episode's text.
type ladderView struct {
	p        *panel
	l        *ai.Ladder
	premise  *widget.Entry
	episodes *widget.Entry
	status   *widget.Label
	step     *widget.Button
	all      *widget.Button
	stop     *widget.Button
	task     *dock.Task
	content  fyne.CanvasObject
}

func (p *panel) showLadder() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	v := newLadderView(p)
	d := dialog.NewCustom(i18n.T("ai.ladder"), i18n.Pick("关闭", "Close"), v.content, p.h.Window())
	d.SetOnClosed(v.task.Cancel)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
	p.ladder = v
}

func newLadderView(p *panel) *ladderView {
	v := &ladderView{p: p, task: dock.NewTask(p.h)}
	proj := p.h.Project()
	l, err := ai.LoadLadder(proj)
	v.l = l
	v.premise = widget.NewMultiLineEntry()
	v.premise.Wrapping = dock.ProseWrap(i18n.Lang())
	v.premise.SetPlaceHolder(i18n.T("ai.ladder.premise"))
	v.premise.SetText(l.Premise)
	if l.Premise == "" {
		v.premise.SetText(proj.Meta.Logline)
	}
	v.episodes = widget.NewEntry()
	n := l.Episodes
	if n == 0 {
		n = max(proj.Meta.TargetEpisodes, 60)
	}
	v.episodes.SetText(strconv.Itoa(n))
	v.status = widget.NewLabel("")
	v.status.Wrapping = dock.ProseWrap(i18n.Lang())
	v.step = widget.NewButton(i18n.T("ai.ladder.step"), func() { v.run(1) })
	v.all = widget.NewButton(i18n.T("ai.ladder.all"), func() { v.run(0) })
	v.stop = widget.NewButton(i18n.T("ai.stop"), v.task.Stop) // the levels done so far stay
	v.stop.Disable()
	v.content = container.NewVBox(
		widget.NewForm(widget.NewFormItem(i18n.T("ai.ladder.premiseLabel"), v.premise),
			widget.NewFormItem(i18n.T("ai.ladder.episodes"), v.episodes)),
		container.NewHBox(v.step, v.all, v.stop), v.status)
	v.showState()
	if err != nil {
		v.status.SetText(err.Error())
	}
	return v
}

func (v *ladderView) showState() {
	next := v.l.Next()
	names := map[string]string{"logline": i18n.T("ai.ladder.logline"), "bible": i18n.T("ai.ladder.bible"),
		"arc": i18n.T("ai.ladder.arc"), "outlines": i18n.T("ai.ladder.outlines"), "done": i18n.T("ai.ladder.done")}
	v.status.SetText(i18n.Tf("ai.ladder.state", names[next], len(v.l.Outlines), v.l.Episodes))
	if next == "done" {
		v.step.Disable()
		v.all.Disable()
	}
}

// run does up to n levels (0 = until done), saving after each one.
func (v *ladderView) run(n int) {
	p := v.p
	l := *v.l // the worker owns this copy until it reports back
	l.Premise = strings.TrimSpace(v.premise.Text)
	if e, err := strconv.Atoi(strings.TrimSpace(v.episodes.Text)); err == nil && e > 0 && len(l.Outlines) == 0 {
		l.Episodes = e
	}
	l.Lang = promptLang(p)
	if p.needSetup() {
		return
	}
	v.step.Disable()
	v.all.Disable()
	v.stop.Enable()
	s, key, keySet := p.sess, p.sessKey, p.keySet
	scratch := p.h.Snapshot() // Step applies to this; the real project is updated on the Fyne goroutine
	v.task.Run(func(ctx context.Context, report func(func())) func() {
		c, err := p.client(s, key, keySet)
		for i := 0; err == nil && (n == 0 || i < n) && l.Next() != "done"; i++ {
			var step string
			step, err = c.Step(ctx, &l, scratch)
			if err != nil {
				break
			}
			done := l // a copy for the Fyne goroutine
			done.Outlines = append([]ai.EpisodeOutline(nil), l.Outlines...)
			report(func() {
				v.apply(&done)
				v.status.SetText(v.status.Text + " ✓ " + step)
			})
		}
		return func() {
			v.idle()
			if err != nil {
				v.status.SetText(v.status.Text + "\n" + ai.ErrorMessage(err, p.h.Lang()))
			}
		}
	})
}

// idle offers the steps again.
func (v *ladderView) idle() {
	v.stop.Disable()
	v.step.Enable()
	v.all.Enable()
	v.showState()
}

// apply takes a finished level into the project and saves the state.
func (v *ladderView) apply(l *ai.Ladder) {
	proj := v.p.h.Project()
	v.l = l
	l.Apply(proj)
	ai.SaveLadder(proj, l)
	v.p.h.Changed()
	v.showState()
}
