package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCultureSearchJSON(t *testing.T) {
	code, out, errs := runCLI(t, "culture", "search", "豫剧", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Results []struct {
			ID, Name, Type, Region, Category, Code string
			RegionCode                             string `json:"region_code"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) == 0 || got.Results[0].ID != "41-yuju" || got.Results[0].RegionCode != "410000" ||
		got.Results[0].Category != "传统戏剧" || got.Results[0].Region != "河南" {
		t.Fatalf("results %+v", got.Results)
	}
	// flags before the query, region and type filters
	code, out, _ = runCLI(t, "culture", "search", "--region", "郑州", "--type", "food", "--json", "面")
	if code != exitOK || !strings.Contains(out, "41-huimian") || strings.Contains(out, "\"type\": \"landmark\"") {
		t.Fatalf("filtered search: %d %s", code, out)
	}
}

func TestCultureSearchErrors(t *testing.T) {
	for _, args := range [][]string{
		{"culture"},
		{"culture", "nope"},
		{"culture", "search"},
		{"culture", "search", "x", "--region", "火星"},
		{"culture", "search", "x", "--type", "dish"},
		{"culture", "scan"},
		{"culture", "scan", "/no/such/file.txt"},
		{"culture", "search", "x", "--pack", "/no/such/pack.csv"},
	} {
		code, _, errs := runCLI(t, args...)
		if code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestCultureScanDemo(t *testing.T) {
	demo := writeDemo(t)
	code, out, errs := runCLI(t, "culture", "scan", demo, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Hits []struct {
			Element, Name, Region, Depth string
			Episode, Line                int
		} `json:"hits"`
		Dialect []struct {
			Episode int     `json:"episode"`
			Density float64 `json:"density"`
		} `json:"dialect"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range got.Hits {
		seen[h.Element] = true
		if h.Episode < 1 || h.Line < 1 || h.Depth == "" {
			t.Errorf("bad hit %+v", h)
		}
	}
	for _, id := range []string{"41-yuju", "41-huimian", "41-huanghe"} {
		if !seen[id] {
			t.Errorf("%s not found", id)
		}
	}
	if len(got.Dialect) == 0 {
		t.Error("no dialect density")
	}
	code, out, _ = runCLI(t, "culture", "scan", demo)
	if code != exitOK || !strings.Contains(out, "豫剧") {
		t.Errorf("text scan: %d %s", code, out)
	}
}

func TestCultureStatsJSON(t *testing.T) {
	code, out, errs := runCLI(t, "culture", "stats", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Elements int            `json:"elements"`
		Regions  int            `json:"regions"`
		ByType   map[string]int `json:"by_type"`
		ByRegion map[string]int `json:"by_region"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Elements < 600 || got.Regions != 34 || got.ByType["ich"] == 0 || got.ByRegion["410000"] < 40 {
		t.Errorf("stats %+v", got)
	}
}

func TestCulturePack(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "采风.csv")
	csv := "name,type,aliases,english,regions\n桂芳烩面,food,老王烩面,Guifang's Huimian,开封\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pack.json")
	if code, _, errs := runCLI(t, "culture", "pack", in, "-o", out, "--author", "周叙"); code != exitOK {
		t.Fatalf("pack: %s", errs)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "\"author\": \"周叙\"") || !strings.Contains(string(data), "studio:采风:桂芳烩面") {
		t.Errorf("pack json: %s", data)
	}
	code, res, errs := runCLI(t, "culture", "search", "老王烩面", "--pack", out, "--json")
	if code != exitOK || !strings.Contains(res, "studio:采风:桂芳烩面") {
		t.Errorf("search with pack: %d %s %s", code, res, errs)
	}
}
