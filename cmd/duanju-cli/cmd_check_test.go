package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const checkFixture = `剧名：逆袭之路
人物小传：
林晚（女，24岁，女主）：设计师。
顾沉（男，28岁）：总裁。

第1集：重逢
1-1 夜 内 办公室
人物：林晚、顾沉
【钩子】林晚推开门。
林晚：我要让他们血债血偿！
△顾沉甩出一张黑卡：今天全场我买单。
【卡点】门外有人敲门——
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckJSONShapeAndExitCodes(t *testing.T) {
	path := writeFile(t, "s.txt", checkFixture)
	code, out, errs := runCLI(t, "check", path, "--json", "--date", "2026-11-29")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1 (a high finding): %s", code, errs)
	}
	var got struct {
		Project  string                        `json:"project"`
		Tier     struct{ Name, Reason string } `json:"tier"`
		Findings []map[string]any              `json:"findings"`
		Summary  map[string]any                `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Project != "逆袭之路" || got.Tier.Name == "" || got.Tier.Reason == "" || got.Summary == nil {
		t.Fatalf("bad result: %+v", got)
	}
	found := false
	for _, f := range got.Findings {
		for _, k := range []string{"rule", "category", "severity", "episode", "scene", "line", "start", "end", "excerpt", "message", "suggestion", "source"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
		if f["rule"] == "VIO-01" {
			found = true
			if f["scene"] != "1-1" || f["line"].(float64) != 4 {
				t.Errorf("VIO-01 at %v %v", f["scene"], f["line"])
			}
			text := checkFixture[strings.Index(checkFixture, "1-1 夜"):]
			s, e := int(f["start"].(float64)), int(f["end"].(float64))
			if text[s:e] != "血债血偿" {
				t.Errorf("start/end point at %q", text[s:e])
			}
		}
	}
	if !found {
		t.Error("VIO-01 not reported")
	}
	// --fail-on blocker: nothing blocks.
	if code, _, _ := runCLI(t, "check", "--fail-on", "blocker", path); code != exitOK {
		t.Errorf("--fail-on blocker: exit %d", code)
	}
	// The demo is clean at the default level.
	if code, out, errs := runCLI(t, "check", writeDemo(t)); code != exitOK {
		t.Errorf("demo: exit %d\n%s%s", code, out, errs)
	}
}

func TestCheckPDFReport(t *testing.T) {
	path := writeFile(t, "s.txt", checkFixture)
	out := filepath.Join(t.TempDir(), "r.pdf")
	code, _, errs := runCLI(t, "check", path, "--report", out, "--fail-on", "blocker")
	data, err := os.ReadFile(out)
	if code == exitUsage || err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("check --report r.pdf: exit %d, %v, %s", code, err, errs)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	path := writeFile(t, "s.txt", checkFixture)
	for _, args := range [][]string{
		{"check"},
		{"check", path, "--fail-on", "severe"},
		{"check", path, "--report", "x.docx"},
		{"check", filepath.Join(t.TempDir(), "missing.txt")},
		{"check", path, "--date", "tomorrow"},
	} {
		code, _, errs := runCLI(t, args...)
		if code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestCheckReports(t *testing.T) {
	path := writeFile(t, "s.txt", checkFixture)
	dir := t.TempDir()
	for _, name := range []string{"r.html", "r.md", "r.json"} {
		out := filepath.Join(dir, name)
		code, _, errs := runCLI(t, "check", path, "--report", out, "--lang", "zh")
		if code != exitFindings {
			t.Fatalf("%s: exit %d %s", name, code, errs)
		}
		data, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(data), "血债血偿") {
			t.Errorf("%s: %v, %d bytes", name, err, len(data))
		}
	}
}
