package subtitleview

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/dock"
)

// zhTrack is a small Chinese track with stable cue ids.
func zhTrack() *subtitle.Track {
	lines := []string{"你还有脸回来？", "这是我外婆的房子。", "门外有人敲门——", "小宇不见了！"}
	tr := &subtitle.Track{Lang: "zh-Hans", Episode: 1}
	for i, l := range lines {
		tr.Cues = append(tr.Cues, subtitle.Cue{ID: "e1-c" + string(rune('1'+i)), Start: time.Duration(i) * 3 * time.Second,
			End: time.Duration(i)*3*time.Second + 2500*time.Millisecond, Lines: []string{l}, Episode: 1})
	}
	return tr
}

// fakeTranslator answers translate prompts with "EN:<text>" per cue id,
// leaving out the ids in skip (the AI "forgets" them).
func fakeTranslator(skip map[string]bool) func(aitest.Request) aitest.Reply {
	return func(r aitest.Request) aitest.Reply {
		p := r.LastUser()
		var in []struct{ ID, Text string }
		if i := strings.LastIndex(p, "\n["); i >= 0 {
			json.Unmarshal([]byte(p[i+1:]), &in)
		}
		type out struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		var outs []out
		for _, c := range in {
			if !skip[c.ID] {
				outs = append(outs, out{c.ID, "EN:" + c.Text})
			}
		}
		b, _ := json.Marshal(map[string]any{"cues": outs})
		return aitest.Chat(string(b))
	}
}

func translateSetup(t *testing.T) (*fakeHost, *editor, *aitest.Server, chan struct{}) {
	t.Helper()
	done := make(chan struct{}, 1)
	translated = func() { done <- struct{}{} }
	t.Cleanup(func() { translated = func() {} })
	h := newHost(t)
	h.Async() // the AI works on its own goroutine while the test goes on
	keyring.MockInit()
	srv := aitest.New()
	t.Cleanup(srv.Close)
	pr := h.FyneApp.Preferences()
	pr.SetString("ai.provider", ai.ProviderVLLM)
	pr.SetString("ai.base_url", srv.URL())
	pr.SetString("ai.model", "fake-model")
	prof, err := subtitle.Resolve("zh-Hans", "")
	if err != nil {
		t.Fatal(err)
	}
	e := newEditor(h, newSession(zhTrack(), "", prof), func() {})
	t.Cleanup(e.win.Close)
	return h, e, srv, done
}

// waitTranslated waits until the background translation reported back
// (its report runs on the test goroutine, as on the Fyne goroutine).
func waitTranslated(t *testing.T, h *fakeHost, done <-chan struct{}) {
	t.Helper()
	h.Wait()
	select {
	case <-done:
	default:
		t.Fatal("translation did not report")
	}
}

func cellText(e *editor, row, col int) (string, widget.Importance) {
	l := widget.NewLabel("")
	e.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text, l.Importance
}

func TestTranslateFillsTranslationColumnByID(t *testing.T) {
	h, e, srv, done := translateSetup(t)
	srv.Handler = fakeTranslator(map[string]bool{"e1-c3": true})
	before := h.Proj.Tracks
	e.startTranslate("en")
	waitTranslated(t, h, done)
	if e.tr.pending == nil {
		t.Fatalf("no translation to review; status %q", e.status.Text)
	}
	// Shown for review, not yet stored.
	if len(h.Proj.Tracks) != len(before) || len(e.s.track.Cues[0].Translation) != 0 {
		t.Fatal("the track changed before Keep")
	}
	for i, c := range e.s.track.Cues {
		got, imp := cellText(e, i, colTranslation)
		if c.ID == "e1-c3" {
			if !strings.Contains(got, "⚠") || imp != widget.DangerImportance {
				t.Errorf("failed cue shown as %q", got)
			}
			continue
		}
		if !strings.Contains(got, "EN:"+c.Text()) {
			t.Errorf("cue %s shows %q", c.ID, got)
		}
	}
	if !strings.Contains(e.tr.result.Text, "1 failed") || !strings.Contains(e.tr.result.Text, "3 of 4") {
		t.Errorf("result %q", e.tr.result.Text)
	}
	test.Tap(e.tr.keep)
	for _, c := range e.s.track.Cues {
		want := "EN:" + c.Text()
		if c.ID == "e1-c3" {
			want = ""
		}
		if strings.Join(c.Translation, " ") != want {
			t.Errorf("cue %s kept %q, want %q", c.ID, c.Translation, want)
		}
	}
	if got, imp := cellText(e, 2, colTranslation); !strings.Contains(got, "⚠") || imp != widget.WarningImportance {
		t.Errorf("kept track hides the failed cue: %q", got)
	}
	if e.s.track.TransLang != "en" || h.Changes() == 0 || !e.bi.Checked {
		t.Errorf("trans lang %q, changed %d, bilingual %v", e.s.track.TransLang, h.Changes(), e.bi.Checked)
	}
	en, _ := findTrack(h.Proj, 1, "en")
	zh, _ := findTrack(h.Proj, 1, "zh-Hans")
	if en == nil || zh == nil || len(en.Cues) != 4 || en.Cues[1].ID != "e1-c2" || len(en.Cues[2].Lines) != 0 {
		t.Fatalf("project tracks: en %+v zh %v", en, zh != nil)
	}
	if !strings.HasPrefix(en.Cues[2].Note, "UNTRANSLATED") {
		t.Errorf("failed cue note %q", en.Cues[2].Note)
	}
}

func TestTranslateDiscardLeavesTrack(t *testing.T) {
	h, e, srv, done := translateSetup(t)
	srv.Handler = fakeTranslator(nil)
	e.startTranslate("en")
	waitTranslated(t, h, done)
	test.Tap(e.tr.discard)
	if e.tr.pending != nil || len(h.Proj.Tracks) != 0 || len(e.s.track.Cues[0].Translation) != 0 {
		t.Fatal("discard changed something")
	}
	if got, _ := cellText(e, 0, colTranslation); got != "" {
		t.Errorf("discarded translation still shown: %q", got)
	}
}

func TestTranslateServerErrorLeavesTrack(t *testing.T) {
	h, e, srv, done := translateSetup(t)
	srv.Handler = func(aitest.Request) aitest.Reply { return aitest.Error(404, "model_not_found", "no such model") }
	orig := e.s.track.Clone()
	e.startTranslate("en")
	waitTranslated(t, h, done)
	if e.tr.pending != nil || e.tr.review.Visible() {
		t.Fatal("a failed run offered a result")
	}
	if !strings.Contains(e.status.Text, "failed") {
		t.Errorf("status %q does not report the error", e.status.Text)
	}
	if len(h.Proj.Tracks) != 0 || h.Changes() != 0 {
		t.Fatal("the project changed")
	}
	for i, c := range e.s.track.Cues {
		if c.Text() != orig.Cues[i].Text() || len(c.Translation) != 0 {
			t.Fatalf("cue %d changed", i)
		}
	}
	if e.tr.btn.Disabled() {
		t.Error("Translate stays disabled after an error")
	}
}

func TestTranslateWithoutAIPointsToSettings(t *testing.T) {
	h, e, _, done := translateSetup(t)
	pr := h.FyneApp.Preferences()
	pr.SetString("ai.provider", "") // first run: nothing chosen
	pr.SetString("ai.base_url", "")
	pr.SetString("ai.model", "")
	for _, v := range []string{"DUANJU_AI_PROVIDER", "DUANJU_AI_BASE_URL", "DUANJU_AI_MODEL", "DUANJU_AI_KEY"} {
		t.Setenv(v, "")
	}
	keyring.MockInitWithError(errors.New("no Secret Service")) // a desktop without a keychain
	e.startTranslate("en")
	waitTranslated(t, h, done)
	if !strings.Contains(e.status.Text, "not set up") {
		t.Fatalf("status %q", e.status.Text)
	}
	btn := findButton(e.win.Canvas().Overlays().Top(), "Open AI settings")
	if btn == nil {
		t.Fatal("no Open AI settings button")
	}
	test.Tap(btn)
	if len(h.Requests) != 1 || h.Requests[0] != (dock.ShowAISettings{}) {
		t.Errorf("settings not asked for: %v", h.Requests)
	}
}

func TestTranslateCancel(t *testing.T) {
	h, e, srv, done := translateSetup(t)
	srv.Handler = func(r aitest.Request) aitest.Reply { return aitest.Reply{Delay: time.Minute} }
	e.startTranslate("en")
	test.Tap(e.tr.cancelBtn)
	waitTranslated(t, h, done)
	if e.tr.pending != nil || len(h.Proj.Tracks) != 0 {
		t.Fatal("cancel left a result")
	}
	if !strings.Contains(e.status.Text, "cancelled") {
		t.Errorf("status %q", e.status.Text)
	}
}

// findButton finds a button by its label in a widget tree.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var objs []fyne.CanvasObject
	switch w := o.(type) {
	case *fyne.Container:
		objs = w.Objects
	case fyne.Widget:
		objs = test.WidgetRenderer(w).Objects()
	}
	for _, c := range objs {
		if b := findButton(c, text); b != nil {
			return b
		}
	}
	return nil
}

func TestTranslationDroppedWhenAnotherTrackLoads(t *testing.T) {
	h, e, srv, done := translateSetup(t)
	srv.Handler = fakeTranslator(nil)
	e.startTranslate("en")
	waitTranslated(t, h, done)
	if e.tr.pending == nil {
		t.Fatal("no translation waiting")
	}
	other := zhTrack()
	other.Episode = 2
	e.load(newSession(other, "", e.s.profile))
	if e.tr.pending != nil || e.tr.review.Visible() {
		t.Fatal("the old track's translation is still offered")
	}
	if got, _ := cellText(e, 0, colTranslation); got != "" || len(h.Proj.Tracks) != 0 {
		t.Fatalf("translation leaked into the new track: %q", got)
	}
}
