// Package aiview is the AI tab of the right dock: a chat that knows the
// series, task buttons that act on the selection, the episode or a
// finding, streamed output with Stop, Accept (one undo step, recorded as
// AI provenance) / Insert / Copy / Discard, a diff preview for rewrites,
// the AI review's findings, and the AI settings screen.
package aiview

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func init() {
	dock.Register(func(h dock.Host) dock.Panel { return newPanel(h) })
}

type panel struct {
	h dock.Host

	// session: settings and the key for this run of the app (a key the
	// keychain could not store lives only here, in memory)
	sess    settings
	sessKey string
	keySet  bool

	header   *widget.Label
	style    *widget.Select
	element  *widget.Select
	elements []ai.CultureFact
	taskBtns []*widget.Button

	tabs      *container.AppTabs
	output    *widget.Label
	notice    *widget.Label
	diffBox   *fyne.Container
	reasoning *widget.Label
	reasonAcc *widget.Accordion

	accept, insert, copyBtn, discard, stop, more *widget.Button

	chat     *chatView
	findings *findingsView

	settingsForm *settingsForm
	ladder       *ladderView
	content      fyne.CanvasObject

	// the running or last job; owned by the Fyne goroutine
	job     *job
	task    *dock.Task
	keySave *dock.Task

	// setup asks the writer to set AI up before the first task
	setup *fyne.Container

	// the client is kept while the settings stay the same, so what it
	// learns about the model's tokenizer carries over between tasks
	clMu  sync.Mutex
	cl    *ai.Client
	clFor string
}

func newPanel(h dock.Host) *panel {
	p := &panel{h: h, task: dock.NewTask(h), keySave: dock.NewTask(h)}
	p.sess = aiconf.Load(h.App().Preferences())
	p.build()
	h.OnChange(p.projectChanged)
	return p
}

// Handle serves other panels: a finding to fix, the settings to open.
func (p *panel) Handle(r dock.Request) bool {
	switch r := r.(type) {
	case dock.FixWithAI:
		p.reveal()
		p.runFix(r.Finding)
		return true
	case dock.ShowAISettings:
		p.reveal()
		p.showSettings()
		return true
	}
	return false
}

// reveal brings the AI tab and its proposal page to the front, so what
// another view asked for is seen at once.
func (p *panel) reveal() {
	p.tabs.SelectIndex(0)
	p.h.ShowPanel(dock.AI)
}

func (p *panel) ID() dock.PanelID           { return dock.AI }
func (p *panel) Title() string              { return i18n.T("ai.title") }
func (p *panel) Content() fyne.CanvasObject { return p.content }

func (p *panel) build() {
	p.header = widget.NewLabel("")
	p.header.Wrapping = dock.ProseWrap(p.h.Lang()) // a long model name wraps, never cut
	settingsBtn := widget.NewButtonWithIcon("", theme.SettingsIcon(), p.showSettings)
	p.refreshHeader()

	var styleNames []string
	for _, s := range ai.Styles() {
		styleNames = append(styleNames, s.Label(p.h.Lang()))
	}
	p.style = widget.NewSelect(styleNames, nil)
	if len(styleNames) > 0 {
		p.style.SetSelectedIndex(0)
	}
	p.element = widget.NewSelect(nil, nil)
	p.element.PlaceHolder = i18n.T("ai.element")
	p.loadElements()

	mk := func(key string, f func()) *widget.Button {
		b := widget.NewButton(i18n.T(key), f)
		p.taskBtns = append(p.taskBtns, b)
		return b
	}
	tasks := container.NewGridWithColumns(2,
		mk("ai.task.continue", func() { p.runText(ai.TaskContinue) }),
		mk("ai.task.rewrite", func() { p.runText(ai.TaskRewrite) }),
		mk("ai.task.hook", func() { p.runText(ai.TaskHook) }),
		mk("ai.task.cliffhanger", func() { p.runText(ai.TaskCliffhanger) }),
		mk("ai.task.weave", func() { p.runText(ai.TaskWeave) }),
		mk("ai.task.review", p.runReview),
	)
	// Series-wide and less frequent tasks sit behind "More" so the dock
	// keeps its height for the proposal.
	var moreBtn *widget.Button
	moreBtn = widget.NewButtonWithIcon(i18n.T("ai.more"), theme.MoreHorizontalIcon(), func() {
		m := fyne.NewMenu("",
			fyne.NewMenuItem(i18n.T("ai.task.draft"), p.runDraft),
			fyne.NewMenuItem(i18n.T("ai.task.synopsis"), p.runSynopsis),
			fyne.NewMenuItem(i18n.T("ai.task.summarize"), p.runSummaries),
			fyne.NewMenuItem(i18n.T("ai.ladder"), p.showLadder),
		)
		c := p.h.App().Driver().CanvasForObject(moreBtn)
		pos := p.h.App().Driver().AbsolutePositionForObject(moreBtn)
		widget.ShowPopUpMenuAtPosition(m, c, pos.AddXY(0, moreBtn.Size().Height))
	})
	p.taskBtns = append(p.taskBtns, moreBtn)
	options := widget.NewForm(widget.NewFormItem(i18n.T("ai.style"), p.style), widget.NewFormItem(i18n.T("ai.element"), p.element))

	p.output = widget.NewLabel("")
	p.output.Wrapping = dock.ProseWrap(i18n.Lang())
	p.output.Selectable = true
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = dock.ProseWrap(i18n.Lang())
	p.notice.Importance = widget.WarningImportance
	p.diffBox = container.NewVBox()
	p.reasoning = widget.NewLabel("")
	p.reasoning.Wrapping = dock.ProseWrap(i18n.Lang())
	p.reasonAcc = widget.NewAccordion(widget.NewAccordionItem(i18n.T("ai.reasoning"), p.reasoning))
	p.reasonAcc.Hide()

	p.accept = widget.NewButtonWithIcon(i18n.T("ai.accept"), theme.ConfirmIcon(), p.acceptJob)
	p.accept.Importance = widget.HighImportance
	p.insert = widget.NewButton(i18n.T("ai.insert"), p.insertJob)
	p.copyBtn = widget.NewButtonWithIcon(i18n.T("ai.copy"), theme.ContentCopyIcon(), p.copyJob)
	p.discard = widget.NewButtonWithIcon(i18n.T("ai.discard"), theme.DeleteIcon(), p.discardJob)
	p.stop = widget.NewButtonWithIcon(i18n.T("ai.stop"), theme.MediaStopIcon(), p.stopJob)
	p.more = widget.NewButton(i18n.T("ai.continueReply"), p.continueJob)
	actions := container.NewGridWithColumns(3, p.accept, p.insert, p.copyBtn, p.discard, p.stop, p.more)

	setupMsg := widget.NewLabel(i18n.T("ai.setupFirst"))
	setupMsg.Wrapping = dock.ProseWrap(i18n.Lang())
	setupBtn := widget.NewButtonWithIcon(i18n.T("ai.openSettings"), theme.SettingsIcon(), p.showSettings)
	setupBtn.Importance = widget.HighImportance
	p.setup = container.NewVBox(setupMsg, container.NewHBox(setupBtn))
	p.setup.Hidden = p.sess.Configured()
	proposal := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewVBox(
		p.setup, p.notice, p.output, p.diffBox, p.reasonAcc)))
	p.chat = newChatView(p)
	p.findings = newFindingsView(p)
	p.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("ai.output"), proposal),
		container.NewTabItem(i18n.Pick("对话", "Chat"), p.chat.content),
		container.NewTabItem(i18n.T("ai.findings"), p.findings.content),
	)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(moreBtn, settingsBtn), p.header), tasks, options)
	p.content = container.NewBorder(top, nil, nil, nil, p.tabs)
	p.setIdle()
}

// refreshHeader shows provider and model, or that AI is not set up.
func (p *panel) refreshHeader() {
	if !p.sess.Configured() {
		p.header.SetText(i18n.T("ai.notSetUp")) // the set-up prompt below says what to do
		return
	}
	p.header.SetText(ai.LookupProvider(p.sess.Provider).Name + " · " + p.sess.Model)
}

// setSession applies saved settings (and a key typed in the dialog); what
// the old settings said (an error, the set-up prompt) no longer holds.
func (p *panel) setSession(s settings, key string) {
	p.sess = s
	if key != "" {
		p.sessKey, p.keySet = key, true
	} else {
		p.sessKey, p.keySet = "", false
	}
	p.refreshHeader()
	p.setup.Hide()
	if p.notice.Importance == widget.DangerImportance || p.job == nil || !p.job.running {
		p.showNotice("")
	}
}

// needSetup shows the set-up prompt, instead of trying a call, while AI
// was never set up.
func (p *panel) needSetup() bool {
	if p.sess.Configured() {
		return false
	}
	p.notice.SetText("")
	p.setup.Show()
	p.tabs.SelectIndex(0)
	return true
}

// client builds (or reuses) the client; call off the Fyne goroutine
// (the keychain may take a moment). An unavailable keychain is not an
// error here: the key falls back to the environment or the protected
// file, and a missing key is reported as such by ai.New.
func (p *panel) client(s settings, sessKey string, keySet bool) (*ai.Client, error) {
	key := sessKey
	if !keySet {
		key, _, _ = aiconf.KeyLookup(ai.LookupProvider(s.Provider).ID)
	}
	id := fmt.Sprintf("%s|%s|%s|%d|%s", s.Provider, s.BaseURL, s.Model, s.Context, key)
	p.clMu.Lock()
	defer p.clMu.Unlock()
	if p.cl != nil && p.clFor == id {
		return p.cl, nil
	}
	c, err := ai.New(s.Config(key))
	if err == nil {
		p.cl, p.clFor = c, id
	}
	return c, err
}

// projectChanged keeps provenance honest after edits and refreshes lists.
func (p *panel) projectChanged() {
	if proj := p.h.Project(); proj != nil {
		if ai.Reconcile(proj) > 0 {
			p.h.Changed()
		}
	}
	p.loadElements()
}

// loadElements offers the project's planned cultural elements for "weave".
func (p *panel) loadElements() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	p.elements = planElements(proj)
	var names []string
	for _, e := range p.elements {
		names = append(names, e.Name)
	}
	sel := p.element.Selected
	p.element.Options = names
	p.element.Selected = ""
	for _, n := range names {
		if n == sel {
			p.element.Selected = sel
		}
	}
	p.element.Refresh()
}

func (p *panel) showError(err error) {
	p.notice.SetText(ai.ErrorMessage(err, p.h.Lang()))
	p.notice.Importance = widget.DangerImportance
	p.notice.Refresh()
	p.tabs.SelectIndex(0)
}

func (p *panel) showNotice(msg string) {
	p.notice.SetText(msg)
	p.notice.Importance = widget.WarningImportance
	p.notice.Refresh()
}

func planElements(p *script.Project) []ai.CultureFact { return ai.PlannedFacts(p) }
