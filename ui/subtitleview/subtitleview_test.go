package subtitleview

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/subtitle"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// fakeHost is the main window as a panel sees it.
type fakeHost struct {
	app     fyne.App
	win     fyne.Window
	proj    *script.Project
	cur     *script.Episode
	mu      sync.Mutex
	changed int
	sel     [3]int
	status  string
	onChg   []func()
}

func (h *fakeHost) App() fyne.App                 { return h.app }
func (h *fakeHost) Window() fyne.Window           { return h.win }
func (h *fakeHost) Project() *script.Project      { return h.proj }
func (h *fakeHost) Current() *script.Episode      { return h.cur }
func (h *fakeHost) ProjectPath() string           { return "" }
func (h *fakeHost) Lang() string                  { return "en" }
func (h *fakeHost) OpenEpisode(n int)             { h.cur = h.proj.Episode(n) }
func (h *fakeHost) Select(n, start, end int)      { h.sel = [3]int{n, start, end} }
func (h *fakeHost) SelectedText() string          { return "" }
func (h *fakeHost) Cursor() int                   { return 0 }
func (h *fakeHost) Insert(string)                 {}
func (h *fakeHost) Replace(int, int, int, string) {}
func (h *fakeHost) Changed()                      { h.mu.Lock(); h.changed++; h.mu.Unlock() }

// waitChanged waits for the host to be told of a change after count n
// (background work reports through fyne.Do).
func (h *fakeHost) waitChanged(t *testing.T, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		h.mu.Lock()
		c := h.changed
		h.mu.Unlock()
		if c > n {
			return
		}
	}
	t.Fatal("no change reported")
}

func (h *fakeHost) OnChange(f func())                       { h.onChg = append(h.onChg, f) }
func (h *fakeHost) SetBadge(source string, n int, t string) {}
func (h *fakeHost) Status(msg string)                       { h.status = msg }

func newHost(t *testing.T) *fakeHost {
	t.Helper()
	i18n.SetLang(i18n.En)
	app := test.NewTempApp(t)
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	h := &fakeHost{app: app, proj: p, cur: p.Episodes[0]}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	return h
}

func TestGenerateOpensEditorAndPassesLint(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.win.SetContent(p.Content())
	p.generateCurrent()
	if len(h.proj.Tracks) != 1 || h.changed == 0 {
		t.Fatalf("tracks %d, changed %d", len(h.proj.Tracks), h.changed)
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
	if h.sel != [3]int{1, c.Source.Start, c.Source.End} {
		t.Errorf("Select %v, want %v", h.sel, c.Source)
	}

	// Edit a cue through the form.
	e.startE.SetText("00:00:00.500")
	e.endE.SetText("00:00:03.000")
	test.Type(e.transE, "Finally back.")
	if err := e.applyEdit(); err != nil {
		t.Fatal(err)
	}
	saved, _ := findTrack(h.proj, 1, "zh-Hans")
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
	if err := p.importData("ep1.srt", []byte(bad)); err != nil {
		t.Fatal(err)
	}
	if len(h.proj.Tracks) != 1 || h.proj.Tracks[0].Name != "ep1" {
		t.Fatalf("import not saved: %+v", h.proj.Tracks)
	}
	var e *editor
	for _, ed := range p.editors {
		e = ed
	}
	if e.s.errors == 0 {
		t.Fatal("lint found nothing in a broken file")
	}
	fixed, changes := e.proposeFix()
	if len(changes) == 0 {
		t.Fatal("no fixes proposed")
	}
	if e.s.track.Cues[0].Lines[1] != "，你回来了" {
		t.Error("the preview changed the track before Apply")
	}
	e.applyFix(fixed, len(changes))
	if e.s.errors != 0 {
		t.Errorf("after fix: %d errors", e.s.errors)
	}
	ass, err := e.render(subtitle.FormatASS)
	if err != nil || !strings.Contains(string(ass), "PlayResY: 1920") {
		t.Errorf("vertical ASS: %v", err)
	}

	// Align a recognised file (no punctuation) to episode 1.
	gen := subtitle.Generate(h.proj, h.proj.Episodes[0], e.s.profile)
	for i := range gen.Cues {
		gen.Cues[i].Lines = []string{strings.NewReplacer("，", "", "。", "", "？", "", "！", "").Replace(gen.Cues[i].Text())}
	}
	var srt strings.Builder
	if err := subtitle.Write(&srt, gen, subtitle.WriteOptions{Format: subtitle.FormatSRT}); err != nil {
		t.Fatal(err)
	}
	ar, err := e.alignData("asr.srt", []byte(srt.String()))
	if err != nil {
		t.Fatal(err)
	}
	if ar.Matched != len(gen.Cues) {
		t.Errorf("aligned %d of %d", ar.Matched, len(gen.Cues))
	}
	e.applyAlign(ar)
	if !strings.ContainsAny(e.s.track.Cues[1].Text(), "，。？！") {
		t.Errorf("aligned cue did not take the script's text: %q", e.s.track.Cues[1].Text())
	}

	// Re-import into the open editor: the cues are replaced, the track kept.
	vtt := "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v 林秋禾>秋禾，镜头！\n"
	if err := e.importData("fix.vtt", []byte(vtt)); err != nil {
		t.Fatal(err)
	}
	if len(e.s.track.Cues) != 1 || e.s.track.Cues[0].Speaker != "林秋禾" || e.s.track.Episode != 1 {
		t.Errorf("re-import: %+v", e.s.track)
	}
	en := "1\n00:00:01,000 --> 00:00:03,000\nQiuhe, the camera!\n"
	if err := e.importTranslation("en.srt", []byte(en)); err != nil {
		t.Fatal(err)
	}
	if got := e.s.track.Cues[0].TranslationText(); got != "Qiuhe, the camera!" || e.s.track.TransLang != "en" || !e.bi.Checked {
		t.Errorf("translation %q (%s)", got, e.s.track.TransLang)
	}
	if err := e.importData("bad.srt", []byte("1\n00:00:0x,000 --> 00:00:02,000\n坏\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad import: %v", err)
	}
}

func TestNoEpisodeAndDamagedTrack(t *testing.T) {
	h := newHost(t)
	h.cur = nil
	h.proj.Tracks = []script.SubtitleTrack{{Episode: 1, Lang: "zh-Hans", Data: "{broken"}}
	p := newPanel(h)
	p.generateCurrent()
	if h.status != i18n.T("subs.noepisode") {
		t.Errorf("status %q", h.status)
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
	h.waitChanged(t, 0)
	if len(h.proj.Tracks) != len(h.proj.Episodes) {
		t.Fatalf("%d tracks for %d episodes", len(h.proj.Tracks), len(h.proj.Episodes))
	}
	// A timed track is kept when everything is generated again.
	tr, name := findTrack(h.proj, 2, "zh-Hans")
	tr.Cues[0].Status = subtitle.StatusTimed
	tr.Cues[0].Lines = []string{"人工校对过的字幕"}
	newSession(tr, name, mustResolve(t)).save(h.proj)
	p.generateAll()
	h.waitChanged(t, 1)
	tr, _ = findTrack(h.proj, 2, "zh-Hans")
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
	h.waitChanged(t, 0)
	files, err := renderAll(h.proj, "zh-Hans", mustResolve(t), subtitle.FormatASS, false)
	if err != nil || len(files) != len(h.proj.Episodes) {
		t.Fatalf("%d files, %v", len(files), err)
	}
	name := subtitle.FileName(h.proj, 1, "zh-Hans", "ass")
	if !strings.HasSuffix(name, " - 第1集.zh-Hans.ass") || !strings.Contains(string(files[name]), `\N`) {
		t.Errorf("%s:\n%.300s", name, files[name])
	}
	dir := t.TempDir()
	n, err := writeAll(storage.NewFileURI(dir), files)
	if err != nil || n != len(files) {
		t.Fatalf("wrote %d: %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Error(err)
	}
}
