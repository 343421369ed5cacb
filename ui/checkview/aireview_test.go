package checkview

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
)

// aiHost is the test host with the AI set up on a fake server that reads
// episode 2 as a child gone missing with nobody calling the police.
func aiHost(t *testing.T) (*fakeHost, *aitest.Server) {
	t.Helper()
	h := newHost(t)
	keyring.MockInit()
	dir := t.TempDir()
	old := aiCachePath
	aiCachePath = func() string { return filepath.Join(dir, "ai-review.json") }
	t.Cleanup(func() { aiCachePath = old })
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = func(r aitest.Request) aitest.Reply {
		items := []map[string]string{}
		switch {
		case strings.Contains(r.LastUser(), "小宇不见了"):
			items = append(items, map[string]string{"category": "minors", "quote": "林晚在街上找了一圈", "severity": "medium",
				"message": "12岁孩子失踪，没有人报警", "suggestion": "让林晚先报警，交代孩子安全"})
		case strings.Contains(r.LastUser(), "血债血偿"):
			items = append(items, map[string]string{"category": "violence", "quote": "我要让他们血债血偿！", "severity": "high",
				"message": "私刑复仇", "suggestion": "改为讨回公道"})
		}
		b, _ := json.Marshal(map[string]any{"findings": items})
		return aitest.Chat(string(b))
	}
	pr := h.FyneApp.Preferences()
	pr.SetString(aiconf.PrefProvider, ai.ProviderVLLM)
	pr.SetString(aiconf.PrefBaseURL, srv.URL())
	pr.SetString(aiconf.PrefModel, "fake-model")
	h.Async()
	return h, srv
}

func (p *panel) rowText(i int) string {
	l := widget.NewLabel("")
	p.renderRow(i, l)
	return l.Text
}

func (p *panel) aiRows() []string {
	var out []string
	for i, r := range p.rows {
		if !r.header && p.res.Findings[r.finding].Reader == check.ReaderAI {
			out = append(out, p.rowText(i))
		}
	}
	return out
}

// AI 复核本集: the open episode is read, its finding joins the list with
// the AI badge, and it stays through a recheck of the unchanged text.
func TestAIReviewEpisodeAddsAIRows(t *testing.T) {
	h, srv := aiHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Win.Resize(fyne.NewSize(420, 720))
	h.Wait()
	h.OpenEpisode(2)
	test.Tap(p.air.episode)
	if !p.air.running.Visible() || !p.air.stop.Visible() || !p.air.episode.Disabled() {
		t.Error("no progress and Stop while the AI reads")
	}
	h.Wait()
	if p.air.running.Visible() || p.air.episode.Disabled() {
		t.Error("progress still shown after the review")
	}
	rows := p.aiRows()
	if len(rows) != 1 || !strings.Contains(rows[0], "[AI]") || !strings.Contains(rows[0], "12岁孩子失踪") {
		t.Fatalf("AI rows %q", rows)
	}
	if srv.Count() != 1 || !strings.Contains(srv.Requests()[0].LastUser(), "小宇不见了") {
		t.Fatalf("asked %d times; not about episode 2", srv.Count())
	}
	if !strings.Contains(p.air.note.Text, "fake-model") || !strings.Contains(p.air.note.Text, "新增 1 条") || !p.air.note.Visible() || h.Msg != p.air.note.Text {
		t.Errorf("note %q", p.air.note.Text)
	}
	// select it: the detail says who raised it and where it is
	for i, r := range p.rows {
		if !r.header && p.res.Findings[r.finding].Reader == check.ReaderAI {
			p.list.Select(i)
		}
	}
	if !strings.HasPrefix(p.detail.head.Text, "[AI] ai.minors") || h.Cur == nil || h.Cur.Number != 2 {
		t.Errorf("detail %q", p.detail.head.Text)
	}

	// another edit elsewhere: the AI's finding on unchanged episode 2 stays
	h.Edit(1, h.Proj.Episode(1).Body+"△顾沉转身离开。\n")
	h.Wait()
	if len(p.aiRows()) != 1 {
		t.Fatal("the AI finding was lost in a recheck of unchanged text")
	}
	// review all: episode 2 comes from the cache, episode 1's AI finding
	// agrees with the cited rule and is not listed twice
	test.Tap(p.air.all)
	h.Wait()
	if srv.Count() != 2 {
		t.Errorf("review all asked %d times in all, want 2 (episode 2 cached)", srv.Count())
	}
	if j := p.findingRow("VIO-01"); j < 0 || !strings.Contains(p.rowText(j), "规则+AI认同") {
		t.Errorf("the rule row does not say the AI agrees")
	}
	if len(p.aiRows()) != 1 || !strings.Contains(p.air.note.Text, "认同规则或模型的 1 条") {
		t.Errorf("AI rows %q; note %q", p.aiRows(), p.air.note.Text)
	}
	// editing episode 2 drops its AI finding until it is read again
	h.Edit(2, strings.Replace(h.Proj.Episode(2).Body, "找了一圈", "报了警", 1))
	h.Wait()
	if len(p.aiRows()) != 0 {
		t.Errorf("an AI finding stayed on edited text: %q", p.aiRows())
	}
}

// AI never set up: the action asks to set it up and opens the AI settings;
// the rule findings are untouched and no error is shown.
func TestAIReviewAsksToSetUpAI(t *testing.T) {
	h := newHost(t)
	keyring.MockInit()
	h.Handlers = append(h.Handlers, settingsOpener{})
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Win.Resize(fyne.NewSize(420, 720))
	before := len(p.res.Findings)
	test.Tap(p.air.all)
	if !docktest.Shows(t, h.Win.Canvas().Overlays().Top(), "打开 AI 设置") {
		t.Fatal("no set-up-AI dialog")
	}
	tapButton(t, h.Win.Canvas().Overlays().Top(), "打开 AI 设置")
	n := 0
	for _, r := range h.Requests {
		if _, ok := r.(dock.ShowAISettings); ok {
			n++
		}
	}
	if n != 1 || len(p.res.Findings) != before || p.air.note.Visible() {
		t.Fatalf("settings asked %d times; findings %d → %d; note %q", n, before, len(p.res.Findings), p.air.note.Text)
	}
}

type settingsOpener struct{}

func (settingsOpener) Handle(r dock.Request) bool { _, ok := r.(dock.ShowAISettings); return ok }

func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			r := test.WidgetRenderer(w)
			for _, x := range r.Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	test.Tap(found)
}

// Stop ends the review; the rule findings stay, the note says it stopped.
func TestAIReviewStop(t *testing.T) {
	h, srv := aiHost(t)
	srv.Handler = func(aitest.Request) aitest.Reply { return aitest.Reply{Stall: true, Events: []string{}} }
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Wait()
	before := len(p.res.Findings)
	test.Tap(p.air.all)
	test.Tap(p.air.stop)
	h.Wait()
	if !strings.Contains(p.air.note.Text, "已停止") || len(p.res.Findings) != before || p.air.running.Visible() {
		t.Fatalf("note %q, findings %d → %d", p.air.note.Text, before, len(p.res.Findings))
	}
}

// An AI server that is gone: every rule finding stays and the panel says
// the AI reader failed and what to do, instead of an error dialog.
func TestAIReviewDeadEndpointKeepsRuleFindings(t *testing.T) {
	h, srv := aiHost(t)
	srv.Close()
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Wait()
	before := len(p.res.Findings)
	h.OpenEpisode(1)
	test.Tap(p.air.episode)
	h.Wait()
	if len(p.res.Findings) != before || p.findingRow("VIO-01") < 0 || len(p.aiRows()) != 0 {
		t.Fatalf("findings %d → %d", before, len(p.res.Findings))
	}
	if !strings.Contains(p.air.note.Text, "AI 复核没有完成") || !strings.Contains(p.air.note.Text, "规则与模型的结果照常列出") {
		t.Fatalf("note %q", p.air.note.Text)
	}
	if h.Win.Canvas().Overlays().Top() != nil {
		t.Error("a dialog for a failure the note already explains")
	}
}

// After a restart the AI findings come back from the cache for unchanged
// episodes, without asking the AI.
func TestAIReviewRestoredFromCacheAfterRestart(t *testing.T) {
	h, srv := aiHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	h.Wait()
	test.Tap(p.air.all)
	h.Wait()
	if len(p.aiRows()) != 1 || srv.Count() != 2 {
		t.Fatalf("first session: AI rows %q, %d requests", p.aiRows(), srv.Count())
	}
	again := newPanel(h) // the app opened again on the same project
	h.Win.SetContent(again.Content())
	h.Wait()
	if rows := again.aiRows(); len(rows) != 1 || !strings.Contains(rows[0], "[AI]") || srv.Count() != 2 {
		t.Fatalf("after a restart: AI rows %q, %d requests", rows, srv.Count())
	}
	if !strings.Contains(again.air.note.Text, "来自缓存") {
		t.Errorf("note %q", again.air.note.Text)
	}
	// another project in the same window starts without these AI findings
	// (its texts differ: no answer of the AI is known for them)
	other, err := format.ParseChinese(strings.NewReplacer("林晚在街上找了一圈", "林晚去派出所报了案", "店里一片漆黑", "店里亮着一盏灯").Replace(script1))
	if err != nil {
		t.Fatal(err)
	}
	h.Proj = other
	again.recheck()
	h.Wait()
	if rows := again.aiRows(); len(rows) != 0 || again.air.note.Visible() {
		t.Fatalf("another project shows the last one's AI findings: %q %q", rows, again.air.note.Text)
	}
}
