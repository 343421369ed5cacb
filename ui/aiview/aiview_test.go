package aiview

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"fyne.io/fyne/v2"
	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/aiconf"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"
	"path/filepath"
)

const body2 = "2-1 日 内 林家老宅\n人物：林晚、周母\n△林晚推开门。\n周母：（冷笑）你还有脸回来？\n林晚：这是我外婆的房子。\n"

// fakeHost is the main window as the panel sees it; Replace and Insert
// edit the body like the editor does (one undo step each).
type fakeHost struct {
	*docktest.Host
	replaces int
}

func (h *fakeHost) Select(n, s, e int) { h.Sel = [3]int{n, s, e} }
func (h *fakeHost) Insert(s string) {
	b := h.Cur.Body
	h.Cur.Body = b[:h.CursorAt] + s + b[h.CursorAt:]
	h.replaces++
}
func (h *fakeHost) Replace(n, s, e int, t string) {
	ep := h.Proj.Episode(n)
	ep.Body = ep.Body[:s] + t + ep.Body[e:]
	h.replaces++
}

func setup(t *testing.T) (*fakeHost, *panel, *aitest.Server) {
	t.Helper()
	i18n.SetLang(i18n.En)
	keyring.MockInit()
	keys := t.TempDir()
	aiconf.KeyFile = func() string { return filepath.Join(keys, "ai-keys.json") }
	t.Setenv("DUANJU_AI_KEY", "")
	t.Setenv("DEEPSEEK_API_KEY", "")
	now = func() time.Time { return time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC) }
	srv := aitest.New()
	t.Cleanup(srv.Close)
	proj := &script.Project{Meta: script.Meta{Title: "归乡"}, Characters: []script.Character{{Name: "林晚", Bio: "汴绣传人"}},
		Episodes: []*script.Episode{{Number: 1, Body: "1-1 日 外 车站\n△林晚下车。\n"}, {Number: 2, Body: body2}}}
	h := &fakeHost{Host: docktest.New(t, proj)}
	h.Cur = proj.Episodes[1]
	pr := h.FyneApp.Preferences()
	pr.SetString(aiconf.PrefProvider, ai.ProviderVLLM)
	pr.SetString(aiconf.PrefBaseURL, srv.URL())
	pr.SetString(aiconf.PrefModel, "fake-model")
	p := newPanel(h)
	h.Handlers = append(h.Handlers, p)
	h.Win.SetContent(p.Content())
	return h, p, srv
}

func TestContinueAcceptIsOneStepAndRecorded(t *testing.T) {
	h, p, srv := setup(t)
	h.CursorAt = len(body2)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("", "想一想"), aitest.Delta("周母：（一愣）", ""), aitest.Delta("你外婆说过什么？", ""), aitest.Finish("stop")}})
	test.Tap(p.taskBtns[0]) // Continue
	if p.output.Text != "周母：（一愣）你外婆说过什么？" || p.reasoning.Text != "想一想" {
		t.Fatalf("output %q reasoning %q", p.output.Text, p.reasoning.Text)
	}
	if h.Cur.Body != body2 {
		t.Fatal("the script changed before Accept")
	}
	if !strings.Contains(srv.Requests()[0].Raw, "汴绣传人") {
		t.Fatal("the series bible is not in the prompt")
	}
	test.Tap(p.accept)
	want := body2 + "周母：（一愣）你外婆说过什么？"
	if h.Cur.Body != want || h.replaces != 1 || h.Changes() == 0 {
		t.Fatalf("body %q replaces %d", h.Cur.Body, h.replaces)
	}
	r := ai.AIRanges(h.Proj, 2)
	if len(r) != 1 || r[0].Model != "fake-model" || r[0].Task != "continue" || h.Cur.Body[r[0].Start:r[0].End] != r[0].Text {
		t.Fatalf("provenance %+v", r)
	}
	if strings.Contains(h.Cur.Body, "想一想") {
		t.Fatal("reasoning leaked into the script")
	}
	// a person edits the AI text: the record goes
	h.Cur.Body = strings.Replace(h.Cur.Body, "一愣", "愣住", 1)
	for _, f := range h.Listeners {
		f()
	}
	if len(h.Proj.Provenance) != 0 {
		t.Fatal("edited AI text still marked")
	}
}

func TestRewriteShowsDiffAndRefusesStaleAccept(t *testing.T) {
	h, p, srv := setup(t)
	sel := "周母：（冷笑）你还有脸回来？"
	h.SelText = sel
	h.CursorAt = strings.Index(body2, sel) + len(sel)
	p.style.SetSelectedIndex(2) // less 霸总
	srv.Push(aitest.Stream("周母：（迟疑）你回来了。"))
	test.Tap(p.taskBtns[1])
	if len(p.diffBox.Objects) != 2 {
		t.Fatal("no diff preview")
	}
	rt := p.diffBox.Objects[1].(*widget.RichText)
	if !strings.Contains(rt.String(), "［－冷笑］") || !strings.Contains(rt.String(), "［＋迟疑］") {
		t.Fatalf("diff %q", rt.String())
	}
	// the writer edits the passage meanwhile: Accept refuses
	h.Cur.Body = strings.Replace(h.Cur.Body, "冷笑", "冷哼", 1)
	test.Tap(p.accept)
	if h.replaces != 0 || !strings.Contains(p.notice.Text, "changed") {
		t.Fatalf("stale accept applied: %q", p.notice.Text)
	}
	h.Cur.Body = body2
	test.Tap(p.accept)
	if !strings.Contains(h.Cur.Body, "周母：（迟疑）你回来了。\n林晚") || h.replaces != 1 {
		t.Fatalf("%q", h.Cur.Body)
	}
}

func TestFailureLeavesTextAndExplains(t *testing.T) {
	h, p, srv := setup(t)
	h.CursorAt = len(body2)
	srv.Push(aitest.Error(401, "invalid_api_key", "bad key"))
	test.Tap(p.taskBtns[0])
	if h.Cur.Body != body2 || !strings.Contains(p.notice.Text, "API key") || !p.accept.Disabled() {
		t.Fatalf("notice %q", p.notice.Text)
	}
	// mid-stream failure: partial kept for review, "continue" offered
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("前半", ""), aitest.StreamError("overloaded")}}, aitest.Stream("后半"))
	test.Tap(p.taskBtns[0])
	if p.output.Text != "前半" || p.more.Disabled() || h.Cur.Body != body2 {
		t.Fatalf("partial %q more %v", p.output.Text, p.more.Disabled())
	}
	test.Tap(p.more)
	if p.output.Text != "前半后半" {
		t.Fatalf("continued %q", p.output.Text)
	}
}

func TestReviewFindingsAndFix(t *testing.T) {
	h, p, srv := setup(t)
	srv.Push(aitest.Chat(`{"findings":[{"category":"stereotype","message":"刻薄婆婆","quote":"你还有脸回来？","severity":"medium","suggestion":"给动机"}]}`))
	test.Tap(p.taskBtns[5])
	fs := p.findings.byEp[2]
	if len(fs) != 1 || !fs[0].AI || h.Badges[2] != "AI 1" {
		t.Fatalf("%+v %v", fs, h.Badges)
	}
	srv.Push(aitest.Chat(`{"explanation":"缓和","replacement":"你可算回来了。"}`))
	if !h.Request(dock.FixWithAI{Finding: fs[0]}) || len(h.Shown) == 0 || h.Shown[len(h.Shown)-1] != dock.AI {
		t.Fatal("the AI panel did not take the finding or did not come forward")
	}
	if p.output.Text != "你可算回来了。" {
		t.Fatalf("%q", p.output.Text)
	}
	test.Tap(p.accept)
	if !strings.Contains(h.Cur.Body, "周母：（冷笑）你可算回来了。") {
		t.Fatalf("%q", h.Cur.Body)
	}
}

func TestSynopsisAcceptSetsMeta(t *testing.T) {
	h, p, srv := setup(t)
	srv.Push(aitest.Chat(`{"synopsis":"林晚回乡。","tagline":"一针一线"}`))
	p.runSynopsis()
	test.Tap(p.accept)
	if h.Proj.Meta.Synopsis != "林晚回乡。" || h.Proj.Meta.Tagline != "一针一线" || h.replaces != 0 {
		t.Fatalf("%+v", h.Proj.Meta)
	}
}

func TestChatKnowsSelection(t *testing.T) {
	h, p, srv := setup(t)
	h.SelText = "林晚：这是我外婆的房子。"
	h.CursorAt = len(body2) - 1
	srv.Push(aitest.Stream("可以加一个动作。"))
	test.Type(p.chat.entry, "这句台词怎么更有力？")
	test.Tap(p.chat.send)
	u := srv.Requests()[0].LastUser()
	if !strings.Contains(u, "林晚：这是我外婆的房子。") || !strings.Contains(u, "更有力") {
		t.Fatalf("%s", u)
	}
	if len(p.chat.history) != 2 || p.output.Text != "可以加一个动作。" {
		t.Fatalf("%+v", p.chat.history)
	}
	srv.Push(aitest.Stream("好。"))
	test.Type(p.chat.entry, "再短一点")
	test.Tap(p.chat.send)
	if m := srv.Requests()[1].Messages(); len(m) < 4 || m[2]["content"] != "可以加一个动作。" {
		t.Fatalf("history not sent: %v", m)
	}
}

func TestSettingsSaveKeyAndTest(t *testing.T) {
	h, p, srv := setup(t)
	srv.Models = []string{"fake-model", "qwen3"}
	p.showSettings()
	f := p.settingsForm
	f.provider.SetSelected(ai.LookupProvider(ai.ProviderDeepSeek).Name)
	if f.baseURL.Text != "https://api.deepseek.com" {
		t.Fatalf("preset url %q", f.baseURL.Text)
	}
	f.baseURL.SetText(srv.URL())
	f.model.SetText("fake-model")
	f.key.SetText("sk-typed-key-0001")
	test.Tap(f.test)
	if !strings.Contains(f.result.Text, "2 models") {
		t.Fatalf("test: %q", f.result.Text)
	}
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer sk-typed-key-0001" {
		t.Fatalf("auth %q", got)
	}
	f.save()
	k, src, err := ai.LoadKey(func(string) string { return "" }, ai.ProviderDeepSeek)
	if err != nil || k != "sk-typed-key-0001" || src != "keyring" {
		t.Fatalf("keychain %q %q %v", k, src, err)
	}
	prefs := h.FyneApp.Preferences()
	for _, key := range []string{aiconf.PrefProvider, aiconf.PrefBaseURL, aiconf.PrefModel, aiconf.PrefKeyRef} {
		if strings.Contains(prefs.String(key), "sk-typed") {
			t.Fatal("key written to preferences")
		}
	}
	if prefs.String(aiconf.PrefKeyRef) != "keyring:deepseek" || !strings.Contains(p.header.Text, "DeepSeek") {
		t.Fatalf("%q %q", prefs.String(aiconf.PrefKeyRef), p.header.Text)
	}
}

// TestKeychainUnavailable: without a keychain the key quietly goes to the
// protected file; only the settings say so, once, and nothing else errs.
func TestKeychainUnavailable(t *testing.T) {
	h, p, srv := setup(t)
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	p.showSettings()
	f := p.settingsForm
	f.provider.SetSelected(ai.LookupProvider(ai.ProviderDeepSeek).Name)
	if !strings.Contains(f.keyNote.Text, "DEEPSEEK_API_KEY") || !strings.Contains(f.keyNote.Text, aiconf.KeyFile()) {
		t.Fatalf("key note %q", f.keyNote.Text)
	}
	f.baseURL.SetText(srv.URL())
	f.key.SetText("sk-kept-in-file-99")
	f.save()
	if p.notice.Text != "" {
		t.Fatalf("notice %q", p.notice.Text)
	}
	// a later session (no key typed) finds it in the file
	p.setSession(p.sess, "")
	srv.Push(aitest.Stream("好"))
	h.CursorAt = 0
	test.Tap(p.taskBtns[0])
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer sk-kept-in-file-99" {
		t.Fatalf("auth %q", got)
	}
	if strings.Contains(p.notice.Text, "keychain") {
		t.Fatalf("notice %q", p.notice.Text)
	}
}

// TestNoAIAsksToSetUpFirst (issue 11, item 12): with no AI set up and no
// keychain, a task says "set up AI first" with a button to the settings,
// never the keychain's raw error; saving the settings clears it.
func TestNoAIAsksToSetUpFirst(t *testing.T) {
	for _, lang := range []script.Lang{script.Zh, script.En} {
		h, _, srv := setup(t)
		i18n.SetLang(lang)
		h.LangCode = lang
		keyring.MockInitWithError(errors.New("exec: \"dbus-launch\": executable file not found in $PATH"))
		pr := h.FyneApp.Preferences()
		for _, k := range []string{aiconf.PrefProvider, aiconf.PrefBaseURL, aiconf.PrefModel} {
			pr.RemoveValue(k)
		}
		t.Setenv("DUANJU_AI_PROVIDER", "")
		t.Setenv("DUANJU_AI_BASE_URL", "")
		p := newPanel(h)
		h.Win.SetContent(p.Content())
		h.CursorAt = len(body2)
		test.Tap(p.taskBtns[0]) // Continue
		shown := visibleText(t, p.Content())
		if !p.setup.Visible() || !strings.Contains(shown, i18n.T("ai.setupFirst")) || strings.Contains(shown, "dbus") {
			t.Fatalf("%s: shown %q", lang, shown)
		}
		if srv.Count() != 0 {
			t.Fatal("a call was tried without settings")
		}
		btn := findButton(p.setup, i18n.T("ai.openSettings"))
		if btn == nil {
			t.Fatalf("%s: no settings button", lang)
		}
		test.Tap(btn)
		f := p.settingsForm
		if f == nil {
			t.Fatal("the button did not open the settings")
		}
		f.provider.SetSelected(ai.LookupProvider(ai.ProviderVLLM).Name)
		f.baseURL.SetText(srv.URL())
		f.model.SetText("fake-model")
		p.showError(errors.New("an old error"))
		f.save()
		if p.setup.Visible() || p.notice.Text != "" {
			t.Fatalf("%s: stale prompt or error after saving: %q", lang, p.notice.Text)
		}
		srv.Push(aitest.Stream("周母：好。"))
		test.Tap(p.taskBtns[0])
		if p.output.Text != "周母：好。" {
			t.Fatalf("%s: after set-up %q / %q", lang, p.output.Text, p.notice.Text)
		}
	}
}

// visibleText joins the text of the visible labels under o.
func visibleText(t *testing.T, o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			r := test.TempWidgetRenderer(t, w)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestDraftFromOutline(t *testing.T) {
	h, p, srv := setup(t)
	h.Proj.Episodes = append(h.Proj.Episodes, &script.Episode{Number: 3, Notes: "第3集 木箱\n钩子：箱子里是外婆的信\n卡点：信上写着周家的名字"})
	h.Cur = h.Proj.Episode(3)
	srv.Push(aitest.Stream("3-1 日 内 林家老宅\n", "△林晚打开木箱。"))
	p.runDraft()
	if !strings.Contains(srv.Requests()[0].LastUser(), "箱子里是外婆的信") || !strings.Contains(srv.Requests()[0].LastUser(), "这是我外婆的房子") {
		t.Fatal("draft prompt lacks the outline or the previous ending")
	}
	test.Tap(p.accept)
	if h.Cur.Body != "3-1 日 内 林家老宅\n△林晚打开木箱。" || len(ai.AIRanges(h.Proj, 3)) != 1 {
		t.Fatalf("%q", h.Cur.Body)
	}
}

func TestLadderDialogSavesEachStep(t *testing.T) {
	h, p, srv := setup(t)
	h.Proj.Meta.Logline = ""
	srv.Push(aitest.Chat(`{"audience":"女性","genres":["都市"],"logline":"退婚女回乡","selling_points":["汴绣"],"title":"归乡"}`),
		aitest.Chat(`{"characters":[{"age":50,"bio":"周家主母","gender":"女","name":"周母","role":"配角"},{"age":30,"bio":"文旅经理","gender":"男","name":"陈默","role":"配角"}],"locations":[],"rules":[]}`),
		aitest.Error(429, "insufficient_quota", "quota"))
	p.showLadder()
	v := p.ladder
	v.premise.SetText("退婚女回开封学汴绣")
	v.episodes.SetText("2")
	test.Tap(v.all)
	if !strings.Contains(v.status.Text, "quota") {
		t.Fatalf("status %q", v.status.Text)
	}
	// two levels done and saved; the cast was added, the text untouched
	l, _ := ai.LoadLadder(h.Proj)
	if l.Core == nil || l.Bible == nil || l.Arc != nil || h.Proj.Character("陈默") == nil || h.Proj.Episode(2).Body != body2 {
		t.Fatalf("%+v", l)
	}
	// resume in a new dialog: only the arc and outlines are asked for
	srv.Push(aitest.Chat(`{"acts":[],"foreshadowing":[],"paywall":2,"reversals":[]}`),
		aitest.Chat(`{"episodes":[{"beats":["回家"],"cliffhanger":"箱子","hook":"退婚书","number":1,"reversal":"","title":"归"},{"beats":["开箱"],"cliffhanger":"信","hook":"木箱","number":2,"reversal":"","title":"箱"}]}`))
	p.showLadder()
	test.Tap(p.ladder.all)
	l, _ = ai.LoadLadder(h.Proj)
	if l.Next() != "done" || !strings.Contains(h.Proj.Episode(1).Notes, "退婚书") || h.Proj.Episode(2).Body != body2 {
		t.Fatalf("next %s notes %q", l.Next(), h.Proj.Episode(1).Notes)
	}
	if n := srv.Count(); n != 5 {
		t.Fatalf("%d calls, want 5 (nothing asked twice)", n)
	}
}
