package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/i18n"
)

const fixture = `剧名：测试剧
推荐语：一句推荐

人物小传：
林秋禾（女，26岁，女主）：豫剧青衣。
周叙（男，31岁，男主）：纪录片导演。

第1集：开场
1-1 夜 内 直播间
人物：林秋禾
【钩子】直播间里弹幕刷屏。
林秋禾：家人们，唱一句。
1-2 夜 外 街头
△林秋禾跑出写字楼。
【卡点】电话里传来梆子声。

第2集：回乡
2-1 日 外 朱仙镇
人物：林秋禾、周叙
周叙：你就是林家班的人？
林秋禾：不是。
【付费点】她转身就走。

第3集：开锣
3-1 夜 内 戏台
△锣声响起。
`

func fixtureProject(t testing.TB) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newTestUI builds the shell on a test app with the fixture in memory.
func newTestUI(t *testing.T) *UI {
	t.Helper()
	i18n.SetLang(i18n.Zh)
	a := test.NewTempApp(t)
	u := New(a)
	u.Load(fixtureProject(t), newMemFile(), "")
	u.win.Resize(fyne.NewSize(1200, 800))
	u.win.Show()
	t.Cleanup(func() { u.saver.Stop(); u.notifier.Stop() })
	return u
}

func TestSelectingAnEpisodeShowsIt(t *testing.T) {
	u := newTestUI(t)
	if u.cur.Number != 1 || !strings.Contains(u.ed.entry.Text, "直播间里弹幕刷屏") {
		t.Fatalf("first episode not shown: %q", u.ed.entry.Text)
	}
	u.nav.list.Select(1)
	if u.cur == nil || u.cur.Number != 2 {
		t.Fatalf("current = %v, want episode 2", u.cur)
	}
	if !strings.Contains(u.ed.entry.Text, "你就是林家班的人") {
		t.Errorf("editor text = %q", u.ed.entry.Text)
	}
	if got := u.ed.heading.Text; got != "第2集 回乡" {
		t.Errorf("heading = %q", got)
	}
}

func TestTypingUpdatesStats(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(3)
	before := u.ed.stats.Text
	secs := u.ed.last.Seconds
	u.ed.entry.moveTo(len([]rune(u.ed.entry.Text)))
	u.win.Canvas().Focus(u.ed.entry)
	test.Type(u.ed.entry, "\n林秋禾：今天这一嗓子，我替爷爷唱。")
	if u.ed.stats.Text == before {
		t.Fatalf("stats did not change: %q", before)
	}
	if u.ed.last.Seconds <= secs {
		t.Errorf("seconds %v → %v, want more", secs, u.ed.last.Seconds)
	}
	if !strings.Contains(u.cur.Body, "我替爷爷唱") {
		t.Errorf("body not updated: %q", u.cur.Body)
	}
	if n := len(u.cur.Scenes); n != 1 || len(u.cur.Scenes[0].Lines) != 2 {
		t.Errorf("episode not re-parsed: %+v", u.cur.Scenes)
	}
	if !u.dirtyEps[u.cur] {
		t.Error("episode not marked for autosave")
	}
}

func TestInsertMarkerAtCursor(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(3)
	body := u.ed.entry.Text // "3-1 夜 内 戏台\n△锣声响起。"
	at := strings.Index(body, "△")
	u.ed.entry.moveTo(byteToRune(body, at))
	u.ed.insertMarker(script.MarkerReversal)
	want := body[:at] + "【反转】" + body[at:]
	if u.ed.entry.Text != want {
		t.Fatalf("text = %q, want %q", u.ed.entry.Text, want)
	}
	// Inside a line the marker starts a new line.
	u.ed.entry.moveTo(2)
	u.ed.insertMarker(script.MarkerHook)
	if !strings.HasPrefix(u.ed.entry.Text, "3-\n【钩子】1 夜") {
		t.Errorf("marker inside a line: %q", u.ed.entry.Text)
	}
	if u.cur.Body != u.ed.entry.Text {
		t.Error("episode body not updated by the insert")
	}
}

func TestInsertDialogueWithTypeAhead(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(3)
	u.ed.entry.moveTo(len([]rune(u.ed.entry.Text)))
	u.ed.entry.paste("\n")
	u.ed.pickSpeaker()
	p := u.ed.picker
	test.Type(p.query, "周")
	if len(p.shown) != 1 || p.shown[0] != "周叙" {
		t.Fatalf("type-ahead shows %v, want [周叙]", p.shown)
	}
	p.query.OnSubmitted(p.query.Text)
	if !strings.HasSuffix(u.ed.entry.Text, "\n周叙：") {
		t.Fatalf("text = %q, want a dialogue line for 周叙", u.ed.entry.Text)
	}
	if p.popup.Visible() {
		t.Error("picker still open")
	}
	test.Type(u.ed.entry, "锣响了。")
	last := u.cur.Scenes[len(u.cur.Scenes)-1].Lines
	if l := last[len(last)-1]; l.Kind != script.LineDialogue || l.Speaker != "周叙" || l.Text != "锣响了。" {
		t.Errorf("last line = %+v", l)
	}
}

func TestSceneHeadingIsNumbered(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	u.ed.entry.moveTo(len([]rune(u.ed.entry.Text)))
	u.ed.insertScene()
	if !strings.HasSuffix(u.ed.entry.Text, "\n1-3 日 内 ") {
		t.Fatalf("text ends %q", u.ed.entry.Text[len(u.ed.entry.Text)-30:])
	}
	u.ed.entry.moveTo(0)
	u.ed.insertScene()
	if !strings.HasPrefix(u.ed.entry.Text, "1-1 日 内 1-1") && !strings.HasPrefix(u.ed.entry.Text, "1-1 日 内 ") {
		t.Errorf("heading at the start: %q", u.ed.entry.Text[:20])
	}
}

func TestUndoAfterInsertRestoresText(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(2)
	orig := u.ed.entry.Text
	u.ed.entry.moveTo(len([]rune(orig)))
	u.ed.insertMarker(script.MarkerCliff)
	afterFirst := u.ed.entry.Text
	u.ed.insertAction()
	if u.ed.entry.Text == afterFirst || afterFirst == orig {
		t.Fatal("nothing inserted")
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if want := afterFirst; u.ed.entry.Text != want {
		t.Fatalf("after one undo %q, want %q", u.ed.entry.Text, want)
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if u.ed.entry.Text != orig || u.cur.Body != orig {
		t.Fatalf("after two undos %q, want the original", u.ed.entry.Text)
	}
	// Ctrl+Shift+Z redoes.
	u.ed.entry.TypedShortcut(ctrlShift(fyne.KeyZ))
	if want := afterFirst; u.ed.entry.Text != want {
		t.Errorf("after redo %q", u.ed.entry.Text)
	}
}

func TestHostSelectAndReplaceIsOneUndo(t *testing.T) {
	u := newTestUI(t)
	body := u.proj.Episode(2).Body
	start := strings.Index(body, "不是。")
	end := start + len("不是。")
	u.Select(2, start, end)
	if got := u.SelectedText(); got != "不是。" {
		t.Fatalf("selected %q, want 不是。", got)
	}
	u.Replace(2, start, end, "是我。")
	want := body[:start] + "是我。" + body[end:]
	if u.cur.Body != want {
		t.Fatalf("body = %q", u.cur.Body)
	}
	if u.Cursor() != start+len("是我。") {
		t.Errorf("cursor = %d, want %d", u.Cursor(), start+len("是我。"))
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if u.cur.Body != body {
		t.Fatalf("one undo gave %q, want the original", u.cur.Body)
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutRedo{})
	if u.cur.Body != want {
		t.Errorf("redo gave %q", u.cur.Body)
	}
}

func TestSelectInWrappedText(t *testing.T) {
	u := newTestUI(t)
	long := strings.Repeat("很长的一段动作描写，", 40)
	u.OpenEpisode(3)
	u.ed.entry.moveTo(len([]rune(u.ed.entry.Text)))
	u.ed.entry.paste("\n△" + long + "\n林秋禾：最后一句。")
	body := u.cur.Body
	start := strings.Index(body, "最后一句")
	u.Select(3, start, start+len("最后一句"))
	if got := u.SelectedText(); got != "最后一句" {
		t.Fatalf("selected %q", got)
	}
}

func TestBoardReorderChangesNavigator(t *testing.T) {
	u := newTestUI(t)
	u.center.SelectIndex(1)
	c := u.board.cardFor(0)
	if c == nil || u.board.cardFor(2) == nil {
		t.Fatalf("cards not shown (%d made)", len(u.board.cards))
	}
	if c.title.Text != "第1集 开场" || !strings.Contains(c.hook.Text, "直播间里弹幕刷屏") || !strings.Contains(c.cliff.Text, "电话里传来梆子声") {
		t.Errorf("card 1: %q / %q / %q", c.title.Text, c.hook.Text, c.cliff.Text)
	}
	if !u.board.cardFor(1).paywall.Visible() || u.board.cardFor(0).paywall.Visible() {
		t.Error("paywall flag: episode 2 has the marker, episode 1 not")
	}
	test.Tap(c.right) // move 开场 to second place
	if got := u.proj.Episodes[0].Title; got != "回乡" {
		t.Fatalf("first episode is %q, want 回乡", got)
	}
	if got := navTitle(u, 0); got != "第1集 回乡" {
		t.Errorf("navigator row 1 = %q", got)
	}
	if got := navTitle(u, 1); got != "第2集 开场" {
		t.Errorf("navigator row 2 = %q", got)
	}
	if got := u.board.cardFor(0).title.Text; got != "第1集 回乡" {
		t.Errorf("board card 1 = %q", got)
	}
	if !u.dirtyPrj {
		t.Error("new order not scheduled for saving")
	}

	// Drag the third card onto the first. The GLFW driver reports the
	// pointer position relative to the dragged object, as emulated here.
	third := u.board.cardFor(2)
	d := u.board.cardFor(0).cellPosition().Subtract(third.cellPosition())
	third.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20+d.X/2, 20+d.Y/2)}, Dragged: fyne.NewDelta(d.X/2, d.Y/2)})
	third.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20+d.X, 20+d.Y)}, Dragged: fyne.NewDelta(d.X/2, d.Y/2)})
	third.DragEnd()
	if got := u.proj.Episodes[0].Title; got != "开锣" {
		t.Errorf("after drag the first episode is %q, want 开锣", got)
	}
	if got := navTitle(u, 0); got != "第1集 开锣" {
		t.Errorf("navigator after drag: %q", got)
	}
	// Clicking a card opens the episode.
	test.Tap(u.board.cardFor(1))
	if u.cur.Title != "回乡" || u.center.SelectedIndex() != 0 {
		t.Errorf("tap opened %q, tab %d", u.cur.Title, u.center.SelectedIndex())
	}
}

// navTitle renders navigator row i and returns its title.
func navTitle(u *UI, i int) string {
	r := newNavRow()
	u.nav.list.UpdateItem(i, r)
	return r.title.Text
}

func TestEpisodeAddDeleteUndo(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(1)
	u.addEpisode()
	if len(u.proj.Episodes) != 4 || u.cur.Number != 2 || !strings.HasPrefix(u.cur.Body, "2-1 日 内") {
		t.Fatalf("add: %d episodes, current %d %q", len(u.proj.Episodes), u.cur.Number, u.cur.Body)
	}
	u.deleteEpisode()
	if len(u.proj.Episodes) != 3 || u.proj.Episodes[1].Title != "回乡" {
		t.Fatalf("delete: %d episodes", len(u.proj.Episodes))
	}
	u.OpenEpisode(2)
	u.deleteEpisode()
	if len(u.proj.Episodes) != 2 {
		t.Fatal("second delete failed")
	}
	u.undoDelete()
	if len(u.proj.Episodes) != 3 || u.proj.Episodes[1].Title != "回乡" || u.proj.Episodes[1].Number != 2 {
		t.Fatalf("undo delete: %+v", u.proj.Episodes[1])
	}
	u.duplicateEpisode()
	if len(u.proj.Episodes) != 4 || u.proj.Episodes[2].Body != strings.Replace(u.proj.Episodes[1].Body, "2-1", "3-1", 1) {
		t.Error("duplicate failed")
	}
	u.setEpisodeTitle(u.cur, "新标题")
	if u.ed.heading.Text != "第3集 新标题" || navTitle(u, 2) != "第3集 新标题" {
		t.Errorf("rename: %q", u.ed.heading.Text)
	}
	u.moveEpisode(-1)
	if u.proj.Episodes[1] != u.cur || u.cur.Number != 2 {
		t.Error("move up failed")
	}
}

func TestBibleEditsReachTheProjectFile(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	dir := t.TempDir()
	path := filepath.Join(dir, "测试.duanju")
	s, err := store.Create(path, fixtureProject(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t))
	u.Load(p, storeFile{s}, path)
	u.win.Resize(fyne.NewSize(1200, 800))
	u.center.SelectIndex(2)

	u.bible.title.SetText("")
	test.Type(u.bible.title, "梆子声声")
	u.bible.tagline.SetText("")
	test.Type(u.bible.tagline, strings.Repeat("长", 31))
	if got := u.bible.taglineCount.Text; got != "31/30" {
		t.Errorf("tagline counter = %q", got)
	}
	test.Type(u.bible.golive, "2026-12-01")
	u.bible.aiMade.SetChecked(true)
	u.bible.platforms.checks[0].SetChecked(true)
	u.bible.chars.list.Select(1)
	u.bible.chars.entries[2].SetText("32")
	test.Tap(findButton(t, u.bible.chars.content, i18n.T("bible.add")))
	test.Type(u.bible.chars.entries[0], "牛大叔")
	if !u.dirtyPrj {
		t.Fatal("bible edits not scheduled for saving")
	}
	u.Close()

	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	q, err := s2.Load()
	if err != nil {
		t.Fatal(err)
	}
	m := q.Meta
	if m.Title != "梆子声声" || m.Tagline != strings.Repeat("长", 31) || m.GoLive != "2026-12-01" || !m.AIMade || len(m.Platforms) != 1 || m.Platforms[0] != "抖音" {
		t.Errorf("meta in file: %+v", m)
	}
	if len(q.Characters) != 3 || q.Characters[1].Age != 32 || q.Characters[2].Name != "牛大叔" {
		t.Errorf("characters in file: %+v", q.Characters)
	}
}

func TestAutosaveAfterTyping(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	old := saveDelay
	saveDelay = 50 * time.Millisecond
	defer func() { saveDelay = old }()
	u, path := typeInStoredProject(t, "△")
	deadline := time.Now().Add(3 * time.Second)
	for len(u.dirtyEps) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	// Read the file from a second store (read-only while u holds it).
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	q, _ := s2.Load()
	if !strings.HasPrefix(q.Episode(2).Body, "△2-1") {
		t.Errorf("autosaved body = %q", q.Episode(2).Body)
	}
	u.Close()
}

func TestHistoryDiffAndRestore(t *testing.T) {
	u := newTestUI(t)
	u.OpenEpisode(3)
	orig := u.cur.Body
	u.snapshot(u.cur, "v1")
	u.ed.entry.moveTo(len([]rune(orig)))
	u.ed.insertLine("△灯灭了。")
	u.center.SelectIndex(3)
	if len(u.history.snaps) != 1 {
		t.Fatalf("%d snapshots", len(u.history.snaps))
	}
	u.history.list.Select(0)
	if !strings.Contains(u.history.summary.Text, "− 0") || !strings.Contains(u.history.summary.Text, "+ 1") {
		t.Errorf("summary %q", u.history.summary.Text)
	}
	found := false
	for _, s := range u.history.diff.Segments {
		if ts, ok := s.(interface{ Textual() string }); ok && strings.Contains(u.history.diff.String(), "+ △灯灭了。") && ts != nil {
			found = true
		}
	}
	if !found {
		t.Errorf("diff lacks the added line: %v", u.history.diff.String())
	}
	u.history.restoreSelected()
	if u.cur.Body != orig {
		t.Fatalf("restore gave %q", u.cur.Body)
	}
	if len(u.history.snaps) != 2 {
		t.Errorf("the text before the restore was not kept: %d snapshots", len(u.history.snaps))
	}
	u.ed.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if !strings.HasSuffix(u.cur.Body, "△灯灭了。") {
		t.Errorf("undo of restore gave %q", u.cur.Body)
	}
}

func TestDockEmptyStatesAndBadges(t *testing.T) {
	u := newTestUI(t)
	if n := len(u.dock.tabs.Items); n < 4 {
		t.Fatalf("%d dock tabs", n)
	}
	for i, id := range dockIDs {
		if _, ok := u.dock.panels[id]; !ok && u.dock.tabs.Items[i].Text != i18n.T("dock."+string(id)) {
			t.Errorf("tab %d = %q", i, u.dock.tabs.Items[i].Text)
		}
	}
	calls := 0
	u.OnChange(func() { calls++ })
	u.SetBadge("check", 2, "⚠3")
	if got := u.badgeText(2); got != "⚠3 " {
		t.Errorf("badge %q", got)
	}
	r := newNavRow()
	u.nav.list.UpdateItem(1, r)
	if r.badge.Text != "⚠3" {
		t.Errorf("navigator badge %q", r.badge.Text)
	}
	u.SetBadge("check", 2, "")
	if u.badgeText(2) != "" {
		t.Error("badge not cleared")
	}
	u.notify()
	if calls != 1 {
		t.Errorf("OnChange ran %d times", calls)
	}
	if u.Lang() != "zh" || u.Project() == nil || u.Current() == nil || u.App() == nil || u.Window() == nil {
		t.Error("host accessors")
	}
}

func TestStringsComplete(t *testing.T) {
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("untranslated keys: %v", m)
	}
	for _, lang := range []script.Lang{i18n.Zh, i18n.En} {
		i18n.SetLang(lang)
		for _, k := range []string{"app.name", "stats.line", "dock.ai.empty"} {
			if i18n.T(k) == k {
				t.Errorf("%s: %s missing", lang, k)
			}
		}
	}
	i18n.SetLang(i18n.Zh)
}

func TestNavigatorRow(t *testing.T) {
	u := newTestUI(t)
	r := newNavRow()
	u.nav.list.UpdateItem(0, r)
	if r.title.Text != "第1集 开场" || r.markers.Text != "钩卡" || !strings.HasPrefix(r.info.Text, "草稿") {
		t.Errorf("row: %q %q %q", r.title.Text, r.markers.Text, r.info.Text)
	}
	if r.bar.frac <= 0 {
		t.Error("duration bar empty")
	}
	if !strings.HasPrefix(u.nav.header.Text, "共 3 集") {
		t.Errorf("header %q", u.nav.header.Text)
	}
}

// findButton finds the button labelled text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
