package docktest_test

import (
	"os"
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
	"github.com/duanju-studio/duanju/ui/exportview"
	"github.com/duanju-studio/duanju/ui/i18n"

	_ "github.com/duanju-studio/duanju/ui/aiview"
	_ "github.com/duanju-studio/duanju/ui/checkview"
	_ "github.com/duanju-studio/duanju/ui/cultureview"
	_ "github.com/duanju-studio/duanju/ui/subtitleview"
)

// TestEditWhileWorkersRun edits the episode on the test goroutine (the
// Fyne goroutine's stand-in) while the self-check, the culture scan,
// "generate all subtitles", an AI continuation (on a fake server), the
// subtitle editor's import and align, "export all subtitles", the script
// export and the submission package's check and build run on their own
// goroutines. The workers must read only their snapshots and touch widgets
// only in their reports: make test runs it with -race. Their reports are
// drained on the test goroutine.
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
	dir := t.TempDir()
	h.Path = filepath.Join(dir, "回乡之路.duanju") // the file dialogs start beside it
	srt := "1\n00:00:01,000 --> 00:00:03,000\n你回来了？\n\n2\n00:00:03,500 --> 00:00:05,000\n我回来了\n"
	if err := os.WriteFile(filepath.Join(dir, "第1集.srt"), []byte(srt), 0o644); err != nil {
		t.Fatal(err)
	}
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
	subs := panels[dock.Subtitles].Content()
	genAll := button(t, subs, i18n.T("subs.generate.all"))
	// The package view checks on every edit (a window of its own here).
	pkg := exportview.PackageView(h)
	test.NewTempWindow(t, pkg)
	// The subtitle editor of episode 1, in its own window.
	test.Tap(button(t, subs, i18n.T("subs.open")))
	edWin := editorWindow(t, h)
	edWin.Resize(fyne.NewSize(1280, 720))
	ed := edWin.Content()

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
		switch i {
		case 3: // the editor reads and parses a file
			test.Tap(button(t, ed, i18n.T("subs.import")))
			docktest.Choose(t, edWin, "第1集.srt")
		case 9: // and aligns one to the script
			test.Tap(button(t, ed, i18n.T("subs.align")))
			docktest.Choose(t, edWin, "第1集.srt")
		case 12: // every track into a folder
			h.Wait() // once "generate all" has made the tracks
			test.Tap(button(t, subs, i18n.T("subs.exportall")))
			test.Tap(button(t, h.Win.Canvas().Overlays().Top(), i18n.T("action.ok")))
			docktest.ChooseFolder(t, h.Win)
		case 18: // the script as a PDF
			exportview.ShowExportDialog(h)
			test.Tap(button(t, h.Win.Canvas().Overlays().Top(), i18n.T("export.run")))
			docktest.SaveAs(t, h.Win, "回乡之路")
		case 24: // the submission package
			force := check(t, pkg)
			force.SetChecked(true)
			h.Drain() // the first check's report enables Build
			test.Tap(button(t, pkg, i18n.T("package.build")))
			docktest.SaveAs(t, h.Win, "回乡之路-提交包")
		}
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
	for _, name := range []string{"回乡之路.pdf", "回乡之路-提交包.zip"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*第1集.zh-Hans.srt")); len(m) == 0 {
		t.Error("export all wrote no episode file")
	}
}

// editorWindow is the subtitle editor's window (the one that is not the
// host's).
func editorWindow(t *testing.T, h *docktest.Host) fyne.Window {
	t.Helper()
	for _, w := range h.FyneApp.Driver().AllWindows() {
		if w != h.Win && strings.Contains(w.Title(), i18n.Tf("subs.editor.title", "")) {
			return w
		}
	}
	t.Fatal("no subtitle editor window")
	return nil
}

// check finds the first check box under o.
func check(t *testing.T, o fyne.CanvasObject) *widget.Check {
	t.Helper()
	var found *widget.Check
	var find func(fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Check:
			found = w
		case *fyne.Container:
			for _, c := range w.Objects {
				find(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				find(c)
			}
		}
	}
	find(o)
	if found == nil {
		t.Fatal("no check box")
	}
	return found
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
