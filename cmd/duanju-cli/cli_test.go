package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
)

// runCLI runs the CLI in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), lang: "en"}
	code := run(args, e)
	return code, out.String(), errb.String()
}

func writeDemo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "梆子声声.txt")
	if err := os.WriteFile(path, []byte(assets.DemoScript()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFlagsBeforeOrAfterPositionals(t *testing.T) {
	demo := writeDemo(t)
	for _, args := range [][]string{{"stats", "--json", demo}, {"stats", demo, "--json"}} {
		code, out, errs := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var got struct {
			Title    string `json:"title"`
			Episodes []struct {
				Number        int      `json:"number"`
				Scenes        int      `json:"scenes"`
				DialogueChars int      `json:"dialogue_chars"`
				Seconds       float64  `json:"seconds"`
				Speakers      []any    `json:"speakers"`
				Markers       []string `json:"markers"`
			} `json:"episodes"`
			Totals struct {
				Episodes, Scenes, Characters int
				Seconds                      float64
			} `json:"totals"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("stats --json is not JSON: %v\n%s", err, out)
		}
		if got.Title != "梆子声声" || len(got.Episodes) != 12 || got.Totals.Episodes != 12 || got.Totals.Seconds <= 0 {
			t.Fatalf("unexpected stats: %+v", got)
		}
		if len(got.Episodes[0].Markers) == 0 || got.Episodes[0].Scenes != 2 {
			t.Fatalf("episode 1: %+v", got.Episodes[0])
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"nosuchcommand"},
		{"stats"},
		{"stats", "a.txt", "b.txt"},
		{"stats", "--nosuchflag", "a.txt"},
		{"export", "x.txt", "--format", "nosuch", "-o", "out"},
		{"import", "x.txt"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestNewImportStatsExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	demo := writeDemo(t)
	proj := filepath.Join(dir, "demo.duanju")
	if code, _, errs := runCLI(t, "import", demo, "-o", proj); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	// Importing onto an existing project must refuse, not overwrite.
	if code, _, _ := runCLI(t, "import", demo, "-o", proj); code != exitUsage {
		t.Fatalf("import over an existing project: exit %d, want 2", code)
	}
	code, out, errs := runCLI(t, "stats", proj, "--json")
	if code != exitOK || !strings.Contains(out, `"title": "梆子声声"`) {
		t.Fatalf("stats of the imported project: %d %s %s", code, errs, out)
	}
	txt := filepath.Join(dir, "out.txt")
	if code, _, errs := runCLI(t, "export", proj, "--format", "txt", "-o", txt); code != exitOK {
		t.Fatalf("export txt: %d %s", code, errs)
	}
	// The exported text re-imports to the same statistics.
	_, again, _ := runCLI(t, "stats", txt, "--json")
	if again != out {
		t.Fatalf("stats differ after export → import:\n%s\n---\n%s", out, again)
	}
	for _, f := range []string{"fountain", "json"} {
		path := filepath.Join(dir, "out."+f)
		if code, _, errs := runCLI(t, "export", "--format", f, "-o", path, proj); code != exitOK {
			t.Fatalf("export %s: %d %s", f, code, errs)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Fatalf("export %s wrote nothing", f)
		}
	}
	if code, _, errs := runCLI(t, "new", filepath.Join(dir, "empty.duanju"), "--title", "黄河谣"); code != exitOK {
		t.Fatalf("new: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "new", filepath.Join(dir, "empty.duanju")); code != exitUsage {
		t.Fatal("new over an existing file must fail with exit 2")
	}
}

func TestParseRanges(t *testing.T) {
	got, err := parseRanges("1-3, 5")
	if err != nil || len(got) != 4 || !got[1] || !got[3] || !got[5] || got[4] {
		t.Fatalf("parseRanges: %v %v", got, err)
	}
	for _, bad := range []string{"", "a", "3-1", "0", "-2"} {
		if _, err := parseRanges(bad); err == nil {
			t.Errorf("parseRanges(%q) accepted", bad)
		}
	}
}

func TestGlobalLangFlag(t *testing.T) {
	demo := writeDemo(t)
	for _, args := range [][]string{{"--lang", "zh", "stats", demo}, {"stats", demo, "--lang=zh"}} {
		_, out, _ := runCLI(t, args...)
		if !strings.Contains(out, "共 12 集") {
			t.Errorf("%v: messages not in Chinese:\n%s", args, out)
		}
	}
	// After "subs", --lang is the subtitle language, not the message language.
	srt := filepath.Join(t.TempDir(), "a.srt")
	os.WriteFile(srt, []byte("1\n00:00:01,000 --> 00:00:03,000\nHello there.\n"), 0o644)
	code, out, errs := runCLI(t, "subs", "lint", srt, "--lang", "en", "--json")
	if code != exitOK || !strings.Contains(out, `"lang": "en"`) {
		t.Errorf("subs lint --lang en: %d %s %s", code, out, errs)
	}
}

func TestImportFDX(t *testing.T) {
	dir := t.TempDir()
	demo := writeDemo(t)
	fdx := filepath.Join(dir, "demo.fdx")
	if code, _, errs := runCLI(t, "export", demo, "--format", "fdx", "-o", fdx); code != exitOK {
		t.Fatalf("export fdx: %s", errs)
	}
	_, want, _ := runCLI(t, "stats", demo, "--json")
	code, got, errs := runCLI(t, "stats", fdx, "--json")
	if code != exitOK || got != want {
		t.Fatalf("stats of the FDX differ (%d %s):\n%s\n---\n%s", code, errs, want, got)
	}
}
