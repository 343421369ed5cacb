package checkview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/ui/aiconf"
	_ "github.com/duanju-studio/duanju/ui/aiview" // registers the AI panel
	"github.com/duanju-studio/duanju/ui/dock"
)

func TestFixWithAIHandsTheSpanOver(t *testing.T) {
	h := newHost(t)
	var got []ai.Finding
	h.Handlers = append(h.Handlers, fixer(func(f ai.Finding) { got = append(got, f) }))
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	if p.detail.ai.Visible() {
		t.Fatal("Fix with AI shown with no finding picked")
	}
	p.list.Select(p.findingRow("VIO-01"))
	if !p.detail.ai.Visible() {
		t.Fatal("Fix with AI hidden for a finding in the text")
	}
	test.Tap(p.detail.ai)
	body := h.Proj.Episode(1).Body
	if len(got) != 1 || got[0].Episode != 1 || body[got[0].Start:got[0].End] != "血债血偿" || got[0].Excerpt != "血债血偿" || got[0].Rule != "VIO-01" {
		t.Fatalf("handed over %+v", got)
	}
	if h.Msg == "" {
		t.Error("no status after asking the AI")
	}
}

// fixer is a stand-in AI panel that takes FixWithAI requests.
type fixer func(ai.Finding)

func (f fixer) Handle(r dock.Request) bool {
	if r, ok := r.(dock.FixWithAI); ok {
		f(r.Finding)
		return true
	}
	return false
}

func TestFixWithAIWithoutAITab(t *testing.T) {
	h := newHost(t) // no handler: no AI panel
	p := newPanel(h)
	p.list.Select(p.findingRow("VIO-01"))
	test.Tap(p.detail.ai)
	if !strings.Contains(h.Msg, "AI") {
		t.Errorf("status %q does not say the AI tab is missing", h.Msg)
	}
}

func TestLineAroundEmptySpan(t *testing.T) {
	body := "第一行\n林晚：你好。\n最后"
	at := strings.Index(body, "你好")
	s, e := lineAround(body, at)
	if body[s:e] != "林晚：你好。" {
		t.Fatalf("%q", body[s:e])
	}
	if s, e := lineAround(body, len(body)); body[s:e] != "最后" {
		t.Fatalf("%q", body[s:e])
	}
}

// The real AI tab, on a fake server: Fix with AI brings the AI tab forward
// with a proposal for the finding's span.
func TestFixWithAIReachesTheAIPanel(t *testing.T) {
	h := newHost(t)
	keyring.MockInit()
	srv := aitest.New()
	t.Cleanup(srv.Close)
	pr := h.FyneApp.Preferences()
	pr.SetString(aiconf.PrefProvider, ai.ProviderVLLM)
	pr.SetString(aiconf.PrefBaseURL, srv.URL())
	pr.SetString(aiconf.PrefModel, "fake-model")
	srv.Push(aitest.Chat(`{"explanation":"去掉暴力复仇的字眼","replacement":"讨回公道"}`))

	var aiPanel dock.Panel
	for _, f := range dock.Factories() {
		if pn := f(h); pn != nil && pn.ID() == dock.AI {
			aiPanel = pn
		}
	}
	if aiPanel == nil {
		t.Fatal("the AI tab is not registered")
	}
	h.Handlers = append(h.Handlers, aiPanel.(dock.Handler))
	p := newPanel(h)
	h.Win.SetContent(container.NewAppTabs(container.NewTabItem("AI", aiPanel.Content()), container.NewTabItem("check", p.Content())))
	h.Win.Resize(fyne.NewSize(900, 700))

	p.list.Select(p.findingRow("VIO-01"))
	test.Tap(p.detail.ai)
	if len(h.Shown) == 0 || h.Shown[len(h.Shown)-1] != dock.AI {
		t.Errorf("the AI tab was not brought forward: %v", h.Shown)
	}
	if !hasLabel(aiPanel.Content(), "讨回公道") {
		t.Fatal("no proposal in the AI tab")
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || !strings.Contains(reqs[len(reqs)-1].Raw, "血债血偿") {
		t.Fatalf("the AI was not asked about the finding's span")
	}
}

func hasLabel(o fyne.CanvasObject, text string) bool {
	switch w := o.(type) {
	case *widget.Label:
		return w.Text == text
	case *fyne.Container:
		for _, c := range w.Objects {
			if hasLabel(c, text) {
				return true
			}
		}
	case *container.Scroll:
		return hasLabel(w.Content, text)
	case *container.AppTabs:
		for _, it := range w.Items {
			if hasLabel(it.Content, text) {
				return true
			}
		}
	case *widget.Accordion:
		for _, it := range w.Items {
			if hasLabel(it.Detail, text) {
				return true
			}
		}
	}
	return false
}

func TestNoFixWithAIForAILabelling(t *testing.T) {
	h := newHost(t)
	f := &check.Finding{Rule: "AI-01", Episode: 1, Start: 0, End: 3, Tags: []string{"AI标识"}}
	if canFixWithAI(h.Proj, f) {
		t.Error("an AI rewrite offered for AI-content labelling")
	}
	f.Tags = nil
	if !canFixWithAI(h.Proj, f) {
		t.Error("no AI fix for a text finding")
	}
}
