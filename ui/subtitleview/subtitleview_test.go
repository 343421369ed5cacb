package subtitleview

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"fyne.io/fyne/v2/widget"
	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"
)

type fakeHost = docktest.Host

func newHost(t *testing.T) *fakeHost {
	t.Helper()
	i18n.SetLang(i18n.En)
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	h := docktest.New(t, p)
	h.Path = filepath.Join(t.TempDir(), "回乡之路.duanju") // the file dialogs start beside it
	h.Win.Resize(fyne.NewSize(1280, 720))
	return h
}

// chooseFile writes a file beside the project, opens a dialog with open
// and picks the file in it, as the writer would.
func chooseFile(t *testing.T, h *fakeHost, win fyne.Window, open func(), name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(filepath.Dir(h.Path), name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	open()
	docktest.Choose(t, win, name)
}

// tapIn taps the button labelled text in the dialog on top of win.
func tapIn(t *testing.T, win fyne.Window, text string) {
	t.Helper()
	b := findButton(win.Canvas().Overlays().Top(), text)
	if b == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(b)
}

func TestGenerateOpensEditorAndPassesLint(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	p.generateCurrent()
	if len(h.Proj.Tracks) != 1 || h.Changes() == 0 {
		t.Fatalf("tracks %d, changed %d", len(h.Proj.Tracks), h.Changes())
	}
	if len(p.editors) != 1 {
		t.Fatalf("editor not opened")
	}
	var e *editor
	for _, ed := range p.editors {
		e = ed
	}
	rows, cols := e.table.Length()
	if rows == 0 || cols != numCols {
		t.Fatalf("table %dx%d", rows, cols)
	}
	if e.s.errors != 0 || e.s.warnings != 0 {
		t.Errorf("generated demo track: %d errors, %d warnings", e.s.errors, e.s.warnings)
	}
	if !strings.Contains(e.status.Text, "0 errors") {
		t.Errorf("status %q", e.status.Text)
	}
	if len(p.rows) != 1 || !strings.Contains(p.rows[0].text, "no problems") {
		t.Errorf("track list %+v", p.rows)
	}

	// Jump to the script line of the first cue.
	e.selectRow(1)
	e.jump()
	c := e.s.track.Cues[1]
	if h.Sel != [3]int{1, c.Source.Start, c.Source.End} {
		t.Errorf("Select %v, want %v", h.Sel, c.Source)
	}

	// Edit a cue through the form.
	e.startE.SetText("00:00:00.500")
	e.endE.SetText("00:00:03.000")
	test.Type(e.transE, "Finally back.")
	if err := e.applyEdit(); err != nil {
		t.Fatal(err)
	}
	saved, _ := findTrack(h.Proj, 1, "zh-Hans")
	if got := saved.Cues[1]; got.Start.Milliseconds() != 500 || got.TranslationText() != "Finally back." || got.Status != subtitle.StatusTranslated {
		t.Errorf("edit not saved: %+v", got)
	}
	e.bi.SetChecked(true)
	data, err := e.render(subtitle.FormatASS)
	if err != nil || !strings.Contains(string(data), `\N{\rSecondary}Finally back.`) {
		t.Errorf("bilingual ASS: %v\n%s", err, data)
	}
	e.startE.SetText("soon")
	if err := e.applyEdit(); err == nil {
		t.Error("a bad time was accepted")
	}
}

func TestImportFixPreviewAndAlign(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	p.layer.SetSelected("vertical")
	bad := "1\n00:00:01,000 --> 00:00:01,300\n秋禾\n，你回来了\n\n2\n00:00:01,200 --> 00:00:02,000\n\n\n3\n00:00:02,100 --> 00:00:09,500\n我在车站等了你整整一个晚上你知道吗我一直在等\n"
	chooseFile(t, h, h.Win, p.importDialog, "ep1.srt", bad)
	if len(h.Proj.Tracks) != 1 || h.Proj.Tracks[0].Name != "ep1" {
		t.Fatalf("import not saved: %+v", h.Proj.Tracks)
	}
	var e *editor
	for _, ed := range p.editors {
		e = ed
	}
	if e.s.errors == 0 {
		t.Fatal("lint found nothing in a broken file")
	}
	_, changes := e.proposeFix()
	if len(changes) == 0 {
		t.Fatal("no fixes proposed")
	}
	if e.s.track.Cues[0].Lines[1] != "，你回来了" {
		t.Error("the preview changed the track before Apply")
	}
	e.fixDialog()
	tapIn(t, e.win, i18n.T("subs.apply"))
	if e.s.errors != 0 {
		t.Errorf("after fix: %d errors", e.s.errors)
	}
	ass, err := e.render(subtitle.FormatASS)
	if err != nil || !strings.Contains(string(ass), "PlayResY: 1920") {
		t.Errorf("vertical ASS: %v", err)
	}

	// Align a recognised file (no punctuation) to episode 1.
	gen := subtitle.Generate(h.Proj, h.Proj.Episodes[0], e.s.profile)
	for i := range gen.Cues {
		gen.Cues[i].Lines = []string{strings.NewReplacer("，", "", "。", "", "？", "", "！", "").Replace(gen.Cues[i].Text())}
	}
	var srt strings.Builder
	if err := subtitle.Write(&srt, gen, subtitle.WriteOptions{Format: subtitle.FormatSRT}); err != nil {
		t.Fatal(err)
	}
	chooseFile(t, h, e.win, e.alignDialog, "asr.srt", srt.String())
	if report := fmt.Sprintf("%d of %d cues aligned", len(gen.Cues), len(gen.Cues)); !docktest.Shows(t, e.win.Canvas().Overlays().Top(), report) {
		t.Errorf("the alignment report does not say %q: %q", report, docktest.Texts(t, e.win.Canvas().Overlays().Top()))
	}
	tapIn(t, e.win, i18n.T("subs.apply"))
	if !strings.ContainsAny(e.s.track.Cues[1].Text(), "，。？！") {
		t.Errorf("aligned cue did not take the script's text: %q", e.s.track.Cues[1].Text())
	}

	// Re-import into the open editor: the cues are replaced, the track kept.
	vtt := "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v 林秋禾>秋禾，镜头！\n"
	chooseFile(t, h, e.win, e.importDialog, "fix.vtt", vtt)
	if len(e.s.track.Cues) != 1 || e.s.track.Cues[0].Speaker != "林秋禾" || e.s.track.Episode != 1 {
		t.Errorf("re-import: %+v", e.s.track)
	}
	en := "1\n00:00:01,000 --> 00:00:03,000\nQiuhe, the camera!\n"
	chooseFile(t, h, e.win, e.importTranslationDialog, "en.srt", en)
	if got := e.s.track.Cues[0].TranslationText(); got != "Qiuhe, the camera!" || e.s.track.TransLang != "en" || !e.bi.Checked {
		t.Errorf("translation %q (%s)", got, e.s.track.TransLang)
	}
	chooseFile(t, h, e.win, e.importDialog, "bad.srt", "1\n00:00:0x,000 --> 00:00:02,000\n坏\n")
	if top := e.win.Canvas().Overlays().Top(); !docktest.Shows(t, top, "line 2") {
		t.Errorf("bad import: the error shown is %q", docktest.Texts(t, top))
	}
	if len(e.s.track.Cues) != 1 {
		t.Error("a file that failed to read changed the track")
	}
}

func TestNoEpisodeAndDamagedTrack(t *testing.T) {
	h := newHost(t)
	h.Cur = nil
	h.Proj.Tracks = []script.SubtitleTrack{{Episode: 1, Lang: "zh-Hans", Data: "{broken"}}
	p := newPanel(h)
	p.generateCurrent()
	if h.Msg != i18n.T("subs.noepisode") {
		t.Errorf("status %q", h.Msg)
	}
	if len(p.rows) != 0 {
		t.Error("a damaged track was listed")
	}
	p.generateAll()
}

func TestGenerateAllInBackground(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	p.generateAll()
	h.WaitChanged(t, 0)
	if len(h.Proj.Tracks) != len(h.Proj.Episodes) {
		t.Fatalf("%d tracks for %d episodes", len(h.Proj.Tracks), len(h.Proj.Episodes))
	}
	// A timed track is kept when everything is generated again.
	tr, name := findTrack(h.Proj, 2, "zh-Hans")
	tr.Cues[0].Status = subtitle.StatusTimed
	tr.Cues[0].Lines = []string{"人工校对过的字幕"}
	newSession(tr, name, mustResolve(t)).save(h.Proj)
	p.generateAll()
	h.WaitChanged(t, 1)
	tr, _ = findTrack(h.Proj, 2, "zh-Hans")
	if tr.Cues[0].Text() != "人工校对过的字幕" {
		t.Error("generate all overwrote a timed track")
	}
}

func mustResolve(t *testing.T) *subtitle.Profile {
	p, err := subtitle.Resolve("zh-Hans", "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportAll(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	p.generateAll()
	h.WaitChanged(t, 0)
	files, err := renderAll(h.Proj, "zh-Hans", mustResolve(t), subtitle.FormatASS, false)
	if err != nil || len(files) != len(h.Proj.Episodes) {
		t.Fatalf("%d files, %v", len(files), err)
	}
	name := subtitle.FileName(h.Proj, 1, "zh-Hans", "ass")
	if !strings.HasSuffix(name, " - 第1集.zh-Hans.ass") || !strings.Contains(string(files[name]), `\N`) {
		t.Errorf("%s:\n%.300s", name, files[name])
	}
	dir := t.TempDir()
	n, err := writeAll(context.Background(), storage.NewFileURI(dir), files)
	if err != nil || n != len(files) {
		t.Fatalf("wrote %d: %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Error(err)
	}
}

// TestApplyAfterFixKeepsTheFix (issue 11, item 4): after 修正 the form shows
// the fixed cue, and Apply does not put the old cue back.
func TestApplyAfterFixKeepsTheFix(t *testing.T) {
	h := newHost(t)
	i18n.SetLang(i18n.Zh)
	h.LangCode = i18n.Zh
	p := newPanel(h)
	bad := "1\n00:00:01,000 --> 00:00:01,300\n秋禾\n，你回来了\n\n2\n00:00:02,100 --> 00:00:09,500\n我在车站等了你整整一个晚上你知道吗我一直在等\n"
	chooseFile(t, h, h.Win, p.importDialog, "ep1.srt", bad)
	var e *editor
	for _, ed := range p.editors {
		e = ed
	}
	e.table.Select(widget.TableCellID{Row: 0, Col: colText})
	if e.textE.Text != "秋禾\n，你回来了" {
		t.Fatalf("form shows %q", e.textE.Text)
	}
	e.fixDialog()
	apply := findButton(e.win.Canvas().Overlays().Top(), i18n.T("subs.apply"))
	if apply == nil {
		t.Fatal("no Apply in the fix preview")
	}
	test.Tap(apply)
	fixed := e.s.track.Cues[0]
	if strings.Join(fixed.Lines, "\n") == "秋禾\n，你回来了" {
		t.Fatal("the fix changed nothing in cue 1")
	}
	if e.textE.Text != strings.Join(fixed.Lines, "\n") || e.endE.Text != subtitle.Clock(fixed.End) {
		t.Fatalf("form shows %q %s, the cue is %q %s", e.textE.Text, e.endE.Text, fixed.Lines, subtitle.Clock(fixed.End))
	}
	test.Tap(e.applyBtn)
	if got := e.s.track.Cues[0]; strings.Join(got.Lines, "\n") != strings.Join(fixed.Lines, "\n") || got.End != fixed.End {
		t.Fatalf("Apply restored the old cue: %q %v", got.Lines, got.End)
	}
	// a field the writer changes is applied; the others stay as fixed
	e.transE.SetText("You're back")
	test.Tap(e.applyBtn)
	if got := e.s.track.Cues[0]; got.Translation[0] != "You're back" || got.End != fixed.End {
		t.Fatalf("after editing the translation: %+v", got)
	}
}

// TestVerticalProjectDefaultsTo916 (issue 11, item 17): a series for 抖音
// gets 9:16 subtitles without the writer picking the layer; a choice the
// writer makes sticks.
func TestVerticalProjectDefaultsTo916(t *testing.T) {
	h := newHost(t) // the demo series plays on 抖音 and 微信视频号
	i18n.SetLang(i18n.Zh)
	p := newPanel(h)
	if p.layer.Selected != "vertical" {
		t.Fatalf("layer %q for a vertical series", p.layer.Selected)
	}
	test.Tap(findButton(p.content, i18n.T("subs.generate")))
	var e *editor
	for _, ed := range p.editors {
		e = ed
	}
	if e == nil {
		t.Fatal("no editor opened")
	}
	ass, err := e.render(subtitle.FormatASS)
	if err != nil || !strings.Contains(string(ass), "PlayResY: 1920") {
		t.Fatalf("not 9:16: %v\n%.300s", err, ass)
	}
	p.layer.SetSelectedIndex(0)
	h.Fire()
	if p.layer.SelectedIndex() != 0 {
		t.Error("the writer's choice of layer was overridden")
	}

	h2 := newHost(t)
	h2.Proj.Meta.Platforms = []string{"爱奇艺"}
	if p2 := newPanel(h2); p2.layer.SelectedIndex() != 0 {
		t.Errorf("layer %q for a horizontal series", p2.layer.Selected)
	}
}

// TestEmptyTextBreaksAtWords: the English empty-state text wraps between
// words at every dock width ("TTML", never "TTM" / "L"); Chinese may break
// anywhere, having no spaces.
func TestEmptyTextBreaksAtWords(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	want := strings.Join(strings.Fields(p.empty.Text), " ")
	for w := float32(200); w <= 480; w += 20 {
		p.empty.Resize(fyne.NewSize(w, p.empty.MinSize().Height))
		var lines []string
		for _, o := range test.TempWidgetRenderer(t, p.empty).Objects() {
			if rt, ok := o.(*widget.RichText); ok {
				for _, l := range test.TempWidgetRenderer(t, rt).Objects() {
					if tx, ok := l.(*canvas.Text); ok && strings.TrimSpace(tx.Text) != "" {
						lines = append(lines, strings.TrimSpace(tx.Text))
					}
				}
			}
		}
		if len(lines) < 2 {
			t.Fatalf("width %v: the text did not wrap (%q)", w, lines)
		}
		if got := strings.Join(lines, " "); got != want {
			t.Fatalf("width %v: a word was broken:\n%s", w, strings.Join(lines, "|\n"))
		}
	}
}

// TestShownWarmsTheSegmenterOnce: the first time the Subtitles tab is
// shown the word list starts loading in the background, and only then.
func TestShownWarmsTheSegmenterOnce(t *testing.T) {
	n := 0
	saved := warm
	warm = func() { n++ }
	t.Cleanup(func() { warm = saved })
	p := newPanel(newHost(t))
	if n != 0 {
		t.Fatal("the word list loads before the tab is shown")
	}
	var _ dock.Shower = p
	p.Shown()
	p.Shown()
	if n != 1 {
		t.Errorf("warmed %d times", n)
	}
}
