package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/script/store/pgtest"
)

var testPG *pgtest.Server // a throwaway PostgreSQL for the writers' room commands

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(s *pgtest.Server) { testPG = s }))
}

// richProject fills every field of the model (Chinese first).
func richProject() *script.Project {
	t0 := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	return &script.Project{
		Meta: script.Meta{Title: "豫见你的光", Tagline: "开封夜市里的非遗传人", Genres: []string{"都市", "非遗"},
			Platforms: []string{"抖音"}, TargetEpisodes: 80, SecondsPerEpisode: 90, BudgetWan: 45.5, AIMade: true,
			Writers: []string{"王一", "李二"}, Language: "zh-Hans", Notes: "备注：夜戏多"},
		Characters: []script.Character{{Name: "林晚", Aliases: []string{"晚晚"}, Age: 26, Gender: "女", Role: "主角"}},
		Locations:  []script.Location{{Name: "鼓楼夜市", Region: "410202"}},
		Episodes: []*script.Episode{
			{Number: 1, Title: "归来", Body: "1-1 日 内 客厅\n人物：林晚\n△林晚推门进来。\n林晚：（冷笑）你也配？\n", Status: script.StatusDraft, Notes: "开场要快"},
			{Number: 2, Title: "绣坊", Body: "2-1 夜 外 鼓楼夜市\n△灯笼亮起。\r\n\x00【钩子】\n", Status: script.StatusRevised},
		},
		Glossary:   []script.GlossaryEntry{{Term: "汴绣", Render: map[string]string{"en": "Bian embroidery"}}},
		Provenance: []script.Provenance{{Episode: 2, Start: 3, End: 30, Model: "deepseek-chat", Task: "rewrite", Time: t0, Text: "灯笼亮起。"}},
		Waivers:    []script.Waiver{{Rule: "title.bait", Episode: 1, Excerpt: "你也配", Reason: "人物性格需要", By: "王一", Time: t0}},
		Culture:    script.CulturePlan{Planned: []string{"bianxiu"}, DepthOverride: map[string]string{"bianxiu@2:10": "plot"}},
		Tracks:     []script.SubtitleTrack{{Episode: 1, Lang: "en", Name: "English", Data: `{"cues":[]}`, Updated: t0}},
		Summaries:  []script.Summary{{Episode: 1, Hash: "abc", Text: "林晚回到开封。"}},
		Settings:   script.Settings{SpeechRate: 5, PaywallFrom: 10, LabelAIContent: true, Watermark: "送审稿"},
		TitlePage:  []script.KeyValue{{Key: "Credit", Value: "编剧"}},
		AIPlan:     json.RawMessage(`{"premise":"绣娘回乡"}`),
	}
}

func loadJSON(t *testing.T, loc string) string {
	t.Helper()
	s, err := store.OpenReadOnly(loc)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(p, "", " ")
	return string(b)
}

func TestPushPullRoundTripsEveryField(t *testing.T) {
	pgtest.Skip(t, testPG)
	dir := t.TempDir()
	file := filepath.Join(dir, "豫见你的光.duanju")
	s, err := store.Create(file, richProject())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	url := testPG.AdminURL(testPG.NewDBName("cli"))
	if code, _, errs := runCLI(t, "push", file, url); code != exitOK {
		t.Fatalf("push: %d %s", code, errs)
	}
	// The server's copy reads like any project: stats work on the URL.
	if code, out, errs := runCLI(t, "stats", url); code != exitOK || !strings.Contains(out, "归来") {
		t.Fatalf("stats on the server: %d %s %s", code, out, errs)
	}
	// Pushing again does not overwrite the room.
	if code, _, errs := runCLI(t, "push", file, url); code != exitUsage || !strings.Contains(errs, "already exists") {
		t.Fatalf("second push: %d %s", code, errs)
	}
	back := filepath.Join(dir, "拉回.duanju")
	if code, _, errs := runCLI(t, "pull", url, back); code != exitOK {
		t.Fatalf("pull: %d %s", code, errs)
	}
	if a, b := loadJSON(t, file), loadJSON(t, back); a != b {
		t.Fatalf("round trip differs:\n%s\n---\n%s", a, b)
	}
}

func TestRoomCommands(t *testing.T) {
	pgtest.Skip(t, testPG)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.duanju")
	s, err := store.Create(file, richProject())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	url := testPG.AdminURL(testPG.NewDBName("cli"))
	for _, args := range [][]string{
		{"push", file, url},
		{"room", "add", url, "wang_cli", "writer"},
		{"room", "assign", url, "1", "wang_cli"},
		{"room", "lock", url, "2"},
	} {
		if code, _, errs := runCLI(t, args...); code != exitOK {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	code, out, errs := runCLI(t, "room", "status", url)
	if code != exitOK || !strings.Contains(out, "1\twang_cli\tfalse") || !strings.Contains(out, "2\t-\ttrue") {
		t.Fatalf("status: %d %q %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "room", "add", url, "x", "boss"); code != exitUsage || !strings.Contains(errs, "unknown role") {
		t.Fatalf("bad role: %d %s", code, errs)
	}
	// A password in the URL is never printed.
	code, _, errs = runCLI(t, "stats", strings.Replace(url, "duanju_admin@", "duanju_admin:秘密123@", 1)+"x")
	if code == exitOK || strings.Contains(errs, "秘密123") {
		t.Fatalf("password printed or wrong database accepted: %d %s", code, errs)
	}
}
