package docktest_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"

	_ "github.com/duanju-studio/duanju/ui/aiview"
	_ "github.com/duanju-studio/duanju/ui/checkview"
	_ "github.com/duanju-studio/duanju/ui/cultureview"
	_ "github.com/duanju-studio/duanju/ui/subtitleview"
)

// TestEditWhileWorkersRun edits the episode on the test goroutine (the
// Fyne goroutine's stand-in) while the self-check, the culture scan,
// "generate all subtitles" and an AI continuation (on a fake server) run
// on their own goroutines. The workers must read only their snapshots:
// run it with -race. Their reports are drained on the test goroutine.
func TestEditWhileWorkersRun(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	keyring.MockInit()
	keys := t.TempDir()
	aiconf.KeyFile = func() string { return filepath.Join(keys, "ai-keys.json") }
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = func(aitest.Request) aitest.Reply {
		return aitest.Reply{Events: []string{aitest.Delta("周母：", ""), aitest.Delta("（一愣）你回来了？", ""), aitest.Finish("stop")}, EventDelay: 5 * time.Millisecond}
	}
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	h := docktest.New(t, p)
	h.LangCode = i18n.Zh
	pr := h.FyneApp.Preferences()
	pr.SetString(aiconf.PrefProvider, ai.ProviderVLLM)
	pr.SetString(aiconf.PrefBaseURL, srv.URL())
	pr.SetString(aiconf.PrefModel, "fake-model")
	h.Async()

	panels := map[dock.PanelID]dock.Panel{}
	tabs := container.NewAppTabs()
	for _, f := range dock.Factories() {
		pn := f(h)
		if pn == nil {
			continue
		}
		panels[pn.ID()] = pn
		if x, ok := pn.(dock.Handler); ok {
			h.Handlers = append(h.Handlers, x)
		}
		tabs.Append(container.NewTabItem(pn.Title(), pn.Content()))
	}
	h.Win.SetContent(tabs)
	h.Win.Resize(fyne.NewSize(1280, 720))
	cont := button(t, panels[dock.AI].Content(), i18n.T("ai.task.continue"))
	genAll := button(t, panels[dock.Subtitles].Content(), i18n.T("subs.generate.all"))

	ep := h.Proj.Episodes[0]
	base := ep.Body
	for i := range 40 {
		if i%8 == 0 {
			h.CursorAt = len(ep.Body)
			test.Tap(cont)
		}
		if i%5 == 0 {
			test.Tap(genAll)
		}
		body := base + strings.Repeat("△林晚推门而入，屋里一片漆黑。\n", i%7)
		h.Edit(ep.Number, body) // reparses the live episode; fires the panels' rechecks
		if i%3 == 0 {
			h.Drain()
		}
	}
	h.Wait()
	time.Sleep(700 * time.Millisecond) // the self-check's debounce
	h.Wait()
	if len(h.Proj.Tracks) == 0 {
		t.Errorf("generate all made no track; status %q", h.Msg)
	}
	if !strings.HasPrefix(ep.Body, base) {
		t.Error("a worker changed the episode")
	}
}

// button finds a button by its text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var find func(fyne.CanvasObject) *widget.Button
	find = func(o fyne.CanvasObject) *widget.Button {
		if b, ok := o.(*widget.Button); ok {
			if b.Text == text {
				return b
			}
			return nil
		}
		var objs []fyne.CanvasObject
		switch w := o.(type) {
		case *fyne.Container:
			objs = w.Objects
		case fyne.Widget:
			objs = test.TempWidgetRenderer(t, w).Objects()
		}
		for _, c := range objs {
			if b := find(c); b != nil {
				return b
			}
		}
		return nil
	}
	b := find(o)
	if b == nil {
		t.Fatalf("no %q button", text)
	}
	return b
}
