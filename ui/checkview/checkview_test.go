package checkview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/theme"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"
)

type fakeHost = docktest.Host

const script1 = `剧名：老街的面馆
人物小传：
林晚（女，24岁，女主）：设计师。
顾沉（男，28岁）：总裁。
小宇（男，12岁）：林晚的弟弟。

第1集：回家
1-1 夜 内 面馆
人物：林晚、顾沉
【钩子】林晚推开门，店里一片漆黑。
林晚：我要让他们血债血偿！
△顾沉甩出一张黑卡：今天全场我买单。
【卡点】门外有人敲门——

第2集：弟弟
2-1 日 内 客厅
人物：林晚、小宇
【钩子】小宇不见了！
△林晚在街上找了一圈。
【卡点】电话响了——
`

func newHost(t *testing.T) *fakeHost {
	t.Helper()
	i18n.SetLang(i18n.Zh)
	debounce = 0
	p, err := format.ParseChinese(script1)
	if err != nil {
		t.Fatal(err)
	}
	h := docktest.New(t, p)
	h.LangCode, h.BadgeSource = i18n.Zh, "check"
	return h
}

func (p *panel) findingRow(rule string) int {
	for i, r := range p.rows {
		if !r.header && p.res.Findings[r.finding].Rule == rule {
			return i
		}
	}
	return -1
}

func TestFindingsGroupedJumpAndBadges(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	if p.res == nil || len(p.rows) == 0 {
		t.Fatal("no findings shown")
	}
	if !p.rows[0].header {
		t.Fatal("the list does not start with a group header")
	}
	// Groups go from the most severe down.
	last := 10
	for _, r := range p.rows {
		if r.header {
			if r.severity.Rank() > last {
				t.Fatalf("groups out of order: %v", p.rows)
			}
			last = r.severity.Rank()
		}
	}
	i := p.findingRow("VIO-01")
	if i < 0 {
		t.Fatal("VIO-01 not listed")
	}
	p.list.Select(i)
	body := h.Proj.Episode(1).Body
	if h.Sel[0] != 1 || body[h.Sel[1]:h.Sel[2]] != "血债血偿" {
		t.Fatalf("jump selected %v (%q)", h.Sel, body[h.Sel[1]:h.Sel[2]])
	}
	if !strings.Contains(p.detail.message.Text, "血债血偿") || p.detail.source.Text == "" {
		t.Errorf("detail: %q / %q", p.detail.message.Text, p.detail.source.Text)
	}
	if b := h.Badges[1]; !strings.HasPrefix(b, "⚠") {
		t.Errorf("episode 1 badge %q", b)
	}
	if b := h.Badges[2]; strings.HasPrefix(b, "⚠") {
		t.Errorf("episode 2 (only craft notes) has a warning badge: %q", b)
	}
}

func TestWaiveAndReopenOnEdit(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	i := p.findingRow("VIO-01")
	p.list.Select(i)
	waiveWithDialog(t, h, p, "台词后面有律师出场，剧情否定了复仇")
	if h.Changes() != 1 || len(h.Proj.Waivers) != 1 {
		t.Fatalf("waiver not stored: changed %d, %v", h.Changes(), h.Proj.Waivers)
	}
	if p.findingRow("VIO-01") >= 0 {
		t.Error("a waived finding is still listed")
	}
	p.showWaived.SetChecked(true)
	if j := p.findingRow("VIO-01"); j < 0 || !p.res.Findings[p.rows[j].finding].Waived() {
		t.Error("waived finding not shown as waived")
	}
	p.showWaived.SetChecked(false)
	// Editing the line re-opens the finding.
	h.Edit(1, strings.Replace(h.Proj.Episode(1).Body, "我要让他们血债血偿！", "我要让他们血债血偿，一个不留！", 1))
	if p.findingRow("VIO-01") < 0 {
		t.Error("the finding did not re-open after its text changed")
	}
	if !p.res.Waivers[0].Stale {
		t.Error("the old waiver is not marked stale")
	}
}

// waiveWithDialog waives the selected finding through the real dialog:
// the Waive button, the reason typed into the focused field, Enter.
func waiveWithDialog(t *testing.T, h *fakeHost, p *panel, reason string) {
	t.Helper()
	test.Tap(p.detail.waive)
	e, ok := h.Win.Canvas().Focused().(*dock.KeyEntry)
	if !ok {
		t.Fatalf("focus on %T, want the reason field", h.Win.Canvas().Focused())
	}
	test.Type(e, reason)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// The waive dialog is the app's entry dialog: the reason field has the
// focus, an empty reason is refused with the message under the field,
// Escape cancels and Enter waives.
func TestWaiveDialogKeys(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Win.Resize(fyne.NewSize(1280, 720))
	p.list.Select(p.findingRow("VIO-01"))
	test.Tap(p.detail.waive)
	e, ok := h.Win.Canvas().Focused().(*dock.KeyEntry)
	if !ok {
		t.Fatalf("focus on %T, want the reason field", h.Win.Canvas().Focused())
	}
	if w := e.Size().Width; w < dock.FieldWidth {
		t.Errorf("reason field %v wide", w)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(h.Proj.Waivers) != 0 {
		t.Fatal("an empty reason was accepted")
	}
	top := h.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the dialog closed on an empty reason")
	}
	if !showsText(t, top, i18n.T("check.waive.need")) {
		t.Error("the dialog does not say a reason is needed")
	}
	test.Type(e, "不要")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(h.Proj.Waivers) != 0 || h.Win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not cancel the waiver")
	}
	waiveWithDialog(t, h, p, "律师随后出场，剧情否定了复仇")
	if len(h.Proj.Waivers) != 1 || h.Proj.Waivers[0].Reason != "律师随后出场，剧情否定了复仇" {
		t.Fatalf("Enter did not waive: %+v", h.Proj.Waivers)
	}
	if h.Win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after Enter")
	}
}

// showsText reports whether a visible label under o reads text.
func showsText(t *testing.T, o fyne.CanvasObject, text string) bool {
	t.Helper()
	found := false
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found || !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok {
			found = l.Text == text
			return
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return found
}

func TestRecheckAfterEditOnlyThatEpisode(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	before := p.cache.last[h.Proj.Episode(1)]
	h.Edit(2, h.Proj.Episode(2).Body+"△小宇叼着烟蹲在门口。\n")
	if p.findingRow("MIN-03") < 0 {
		t.Error("the new minors finding in episode 2 is missing")
	}
	if after := p.cache.last[h.Proj.Episode(1)]; after.Body != before.Body || len(after.Findings) != len(before.Findings) {
		t.Error("episode 1 was checked again though it did not change")
	}
	if b := h.Badges[2]; !strings.HasPrefix(b, "⚠") {
		t.Errorf("episode 2 badge %q after a minors finding", b)
	}
}

func TestFilingChecklist(t *testing.T) {
	h := newHost(t)
	h.Proj.Meta.BudgetWan = 150
	h.Proj.Meta.GoLive = "2026-05-01"
	c := FilingChecklist(h)
	h.Win.SetContent(c)
	card := c.(*widget.Card)
	text := labelsText(card.Content)
	for _, want := range []string{"普通", "网微剧备字", "制作机构"} {
		if !strings.Contains(text, want) {
			t.Errorf("checklist lacks %q:\n%s", want, text)
		}
	}
	h.Proj.Meta.SpecialSubjects = []string{"公安"}
	h.Edit(1, h.Proj.Episode(1).Body)
	if text := labelsText(card.Content); !strings.Contains(text, "重点") {
		t.Errorf("special subject did not make it key:\n%s", text)
	}
}

func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// TestFindingsWrapNotCut (issue 11, item 16): at the dock's width a long
// finding wraps and its row is as tall as its text; nothing ends in "…".
func TestFindingsWrapNotCut(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Win.Resize(fyne.NewSize(470, 560))
	row := -1
	for i, r := range p.rows {
		if !r.header {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatal("no finding row")
	}
	f := &p.res.Findings[p.rows[row].finding]
	f.Message += strings.Repeat("：这条说明很长，需要换行才能看全", 3) // longer than one line
	p.list.Refresh()
	one := fyne.MeasureText("字", theme.TextSize(), fyne.TextStyle{}).Height
	if p.rowH[row] < 2*one {
		t.Fatalf("row height %v: a long finding is not shown in full", p.rowH[row])
	}
	tmpl := p.list.CreateItem().(*widget.Label)
	if tmpl.Truncation != fyne.TextTruncateOff || tmpl.Wrapping == fyne.TextWrapOff {
		t.Fatal("finding rows still truncate")
	}
}
