package aiview

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// job is one AI proposal: what it acts on and what came back. The
// writer's text is only touched by Accept or Insert.
type job struct {
	task       ai.Task
	ep         int
	start, end int    // span Accept replaces (start == end: insert)
	original   string // text of the span when the job started
	req        ai.Request
	text       string // the proposal so far
	reasoning  string
	model      string
	running    bool
	partial    bool // stopped or failed with some text: "continue" offered
	// accept overrides the default Accept (synopsis: project metadata)
	accept func()
}

// workFunc does the AI call, reporting streamed pieces.
type workFunc func(ctx context.Context, c *ai.Client, onDelta func(ai.Delta)) (ai.Result, error)

// start runs work for j, streaming into the output. done, if set, runs
// on the Fyne goroutine when the call ends (err is nil on success).
func (p *panel) start(j *job, work workFunc, done func(ai.Result, error)) {
	if p.needSetup() {
		return
	}
	p.job = j
	j.running = true
	p.output.SetText("")
	p.reasoning.SetText("")
	p.reasonAcc.Hide()
	p.diffBox.RemoveAll()
	p.showNotice(i18n.Tf("ai.working", p.sess.Model))
	p.tabs.SelectIndex(0)
	p.setRunning()
	s, key, keySet := p.sess, p.sessKey, p.keySet

	var mu sync.Mutex
	var text, think strings.Builder
	var last time.Time
	var pending bool // a trailing refresh is scheduled
	var flush func(force bool)
	var report func(func())
	flush = func(force bool) {
		mu.Lock()
		if !force && time.Since(last) < 50*time.Millisecond {
			if !pending { // show the last pieces even if no more arrive
				pending = true
				time.AfterFunc(60*time.Millisecond, func() { flush(true) })
			}
			mu.Unlock()
			return
		}
		if force {
			pending = false
		}
		last = time.Now()
		t, r := text.String(), think.String()
		rep := report
		mu.Unlock()
		rep(func() {
			if p.job != j || !j.running {
				return
			}
			j.text, j.reasoning = t, r
			p.output.SetText(t)
			if r != "" {
				p.reasoning.SetText(r)
				p.reasonAcc.Show()
			}
		})
	}
	onDelta := func(d ai.Delta) {
		mu.Lock()
		text.WriteString(d.Text)
		think.WriteString(d.Reasoning)
		mu.Unlock()
		flush(false)
	}
	// A Stop keeps the run current (what arrived stays); Discard or a new
	// task cancels it, and its report is dropped.
	p.task.Run(func(ctx context.Context, rep func(func())) func() {
		mu.Lock()
		report = rep
		mu.Unlock()
		c, err := p.client(s, key, keySet)
		var res ai.Result
		if err == nil {
			res, err = work(ctx, c, onDelta)
		}
		return func() {
			if p.job != j {
				return // discarded or replaced meanwhile
			}
			j.running = false
			if res.Text != "" || j.text == "" {
				j.text = res.Text
			}
			if res.Reasoning != "" {
				j.reasoning = res.Reasoning
			}
			j.model = res.Model
			if j.model == "" {
				j.model = s.Model
			}
			p.output.SetText(j.text)
			if j.reasoning != "" {
				p.reasoning.SetText(j.reasoning)
				p.reasonAcc.Show()
			}
			if err != nil {
				j.partial = strings.TrimSpace(j.text) != ""
				p.showError(err)
			} else {
				j.partial = res.Truncated()
				p.showNotice(res.Notice(i18n.Lang()))
				if p.notice.Text == "" {
					p.notice.SetText(i18n.Tf("ai.done", j.model, res.Usage.Total))
					p.notice.Importance = 0
					p.notice.Refresh()
				}
			}
			if done != nil {
				done(res, err)
			}
			p.showDiff()
			p.setIdle()
		}
	})
}

// stopJob cancels the running call; what arrived stays for review.
func (p *panel) stopJob() { p.task.Stop() }

// continueJob asks the model to go on from a cut or stopped reply.
func (p *panel) continueJob() {
	j := p.job
	if j == nil || j.running || len(j.req.Messages) == 0 {
		return
	}
	prev := j.text
	req := ai.Continue(j.req, prev, promptLang(p))
	nj := *j
	nj.text, nj.partial = "", false
	p.start(&nj, func(ctx context.Context, c *ai.Client, onDelta func(ai.Delta)) (ai.Result, error) {
		// show the earlier part while the rest streams in
		first := true
		res, err := c.Stream(ctx, req, func(d ai.Delta) {
			if first {
				d.Text = prev + d.Text
				first = false
			}
			onDelta(d)
		})
		res.Text = prev + res.Text
		return res, err
	}, nil)
}

// showDiff previews a replacement against the original text.
func (p *panel) showDiff() {
	p.diffBox.RemoveAll()
	j := p.job
	if j == nil || j.start == j.end || j.accept != nil || j.text == "" {
		return
	}
	p.diffBox.Add(boldLabel(i18n.T("ai.diff")))
	p.diffBox.Add(diffView(diff(j.original, ai.CleanText(j.text))))
}

func (p *panel) setRunning() {
	for _, b := range p.taskBtns {
		b.Disable()
	}
	p.chat.send.Disable()
	p.accept.Disable()
	p.insert.Disable()
	p.copyBtn.Disable()
	p.discard.Enable()
	p.stop.Enable()
	p.more.Disable()
}

func (p *panel) setIdle() {
	for _, b := range p.taskBtns {
		b.Enable()
	}
	p.chat.send.Enable()
	p.stop.Disable()
	j := p.job
	has := j != nil && strings.TrimSpace(j.text) != ""
	for _, b := range []interface {
		Enable()
		Disable()
	}{p.accept, p.insert, p.copyBtn, p.discard} {
		if has {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if has && j.accept == nil && j.start == j.end && j.task != ai.TaskContinue && j.task != ai.TaskDraft {
		p.accept.Disable() // nothing to replace: Insert only
	}
	if has && j.accept != nil {
		p.insert.Disable()
	}
	if j != nil && j.partial && len(j.req.Messages) > 0 {
		p.more.Enable()
	} else {
		p.more.Disable()
	}
}
