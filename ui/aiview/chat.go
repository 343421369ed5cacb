package aiview

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// chatView is a conversation that knows the series (the bible goes in the
// system prompt) and the open episode and selection.
type chatView struct {
	p       *panel
	log     *fyne.Container
	scroll  *container.Scroll
	entry   *widget.Entry
	send    *widget.Button
	history []ai.Message
	content fyne.CanvasObject
}

// maxHistory bounds the turns sent back (the bible and episode are resent
// each time; old turns are the first to go).
const maxHistory = 12

func newChatView(p *panel) *chatView {
	c := &chatView{p: p}
	c.log = container.NewVBox()
	c.scroll = container.NewVScroll(c.log)
	c.entry = widget.NewMultiLineEntry()
	c.entry.SetPlaceHolder(i18n.T("ai.chat.placeholder"))
	c.entry.Wrapping = dock.ProseWrap(i18n.Lang())
	c.entry.SetMinRowsVisible(2)
	c.send = widget.NewButton(i18n.T("ai.chat.send"), c.ask)
	clear := widget.NewButton(i18n.T("ai.chat.clear"), func() {
		c.history = nil
		c.log.RemoveAll()
	})
	c.content = container.NewBorder(nil, container.NewBorder(nil, nil, nil, container.NewVBox(c.send, clear), c.entry), nil, nil, c.scroll)
	return c
}

func (c *chatView) add(who, text string) *widget.Label {
	head := widget.NewLabel(who)
	head.TextStyle = fyne.TextStyle{Bold: true}
	body := widget.NewLabel(text)
	body.Wrapping = dock.ProseWrap(i18n.Lang())
	body.Selectable = true
	c.log.Add(head)
	c.log.Add(body)
	c.scroll.ScrollToBottom()
	return body
}

// ask sends the question with the series, episode and selection; the
// answer streams into the log and into the proposal, where Insert and Copy
// work as for any task.
func (c *chatView) ask() {
	q := c.entry.Text
	if q == "" {
		return
	}
	p := c.p
	in := ai.Input{Project: p.h.Snapshot(), Instruction: q, History: c.history, Lang: promptLang(p)}
	if cur := p.h.Current(); cur != nil {
		in.Episode = cur.Number
		if s, e, ok := ai.SelectionSpan(cur.Body, p.h.SelectedText(), p.h.Cursor()); ok {
			in.Start, in.End = s, e
		}
	}
	req, err := ai.BuildRequest(ai.TaskChat, in, p.sess.Config(""))
	if err != nil {
		p.showError(err)
		return
	}
	c.entry.SetText("")
	c.add(i18n.T("ai.chat.you"), q)
	answer := c.add("AI", "…")
	j := &job{task: ai.TaskChat, req: req}
	if cur := p.h.Current(); cur != nil {
		j.ep = cur.Number
		j.start, j.end = p.h.Cursor(), p.h.Cursor()
		j.original = ""
	}
	p.start(j, func(ctx context.Context, cl *ai.Client, onDelta func(ai.Delta)) (ai.Result, error) {
		return cl.Stream(ctx, req, func(d ai.Delta) {
			onDelta(d)
		})
	}, func(res ai.Result, err error) {
		text := j.text
		if err != nil && text == "" {
			text = ai.ErrorMessage(err, p.h.Lang())
		}
		answer.SetText(text)
		if err == nil {
			c.history = append(c.history, ai.Message{Role: ai.RoleUser, Content: q},
				ai.Message{Role: ai.RoleAssistant, Content: res.Text, Reasoning: res.Reasoning})
			if len(c.history) > maxHistory {
				c.history = c.history[len(c.history)-maxHistory:]
			}
		}
		c.scroll.ScrollToBottom()
	})
	p.tabs.SelectIndex(1)
}
