package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
)

func TestSubsGenerateLintConvertAlign(t *testing.T) {
	demo := writeDemo(t)
	dir := t.TempDir()
	code, out, errs := runCLI(t, "subs", "generate", demo, "--format", "srt", "-o", dir)
	if code != exitOK {
		t.Fatalf("generate: exit %d: %s", code, errs)
	}
	files := strings.Fields(strings.TrimSpace(out))
	if len(files) < 12 || !strings.HasSuffix(files[0], " - 第1集.zh-Hans.srt") && !strings.Contains(out, "第1集.zh-Hans.srt") {
		t.Fatalf("generated files: %q", out)
	}
	ep1 := filepath.Join(dir, "梆子声声 - 第1集.zh-Hans.srt")
	if _, err := os.Stat(ep1); err != nil {
		t.Fatal(err)
	}

	// The generated track passes the zh-Hans lint: exit 0, no problems.
	code, out, errs = runCLI(t, "subs", "lint", ep1, "--json", "--fail-on", "medium")
	if code != exitOK {
		t.Fatalf("lint: exit %d: %s %s", code, out, errs)
	}
	var lint struct {
		Cues     int               `json:"cues"`
		Problems []json.RawMessage `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &lint); err != nil || lint.Cues == 0 {
		t.Fatalf("lint json: %v %s", err, out)
	}

	// 9:16 ASS.
	ass := filepath.Join(dir, "ep1.ass")
	if code, _, errs := runCLI(t, "subs", "convert", ep1, ass, "--style", "vertical"); code != exitOK {
		t.Fatalf("convert: %s", errs)
	}
	b, _ := os.ReadFile(ass)
	if !strings.Contains(string(b), "PlayResY: 1920") || !strings.Contains(string(b), "ScaledBorderAndShadow: yes") {
		t.Errorf("vertical ASS header:\n%s", b)
	}

	// Align the generated file back to the script.
	aligned := filepath.Join(dir, "aligned.srt")
	code, out, errs = runCLI(t, "subs", "align", ep1, demo, "--episode", "1", "-o", aligned, "--json")
	if code != exitOK {
		t.Fatalf("align: exit %d: %s", code, errs)
	}
	var rep struct {
		Cues, Matched int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Matched != rep.Cues || rep.Cues == 0 {
		t.Errorf("align report %s (%v)", out, err)
	}
}

func TestSubsLintFindsProblemsAndFixes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.srt")
	os.WriteFile(bad, []byte("1\n00:00:01,000 --> 00:00:01,300\n三年了\n，你终于回来了。\n\n2\n00:00:01,200 --> 00:00:02,000\n当年你走的时候连一句再见都没有说你知道我在车站等了你多久吗\n"), 0o644)
	code, out, _ := runCLI(t, "subs", "lint", bad, "--json")
	if code != exitFindings {
		t.Fatalf("lint exit %d, want 1", code)
	}
	for _, k := range []string{`"overlap"`, `"cps"`, `"cpl"`, `"punctuation"`, `"duration_min"`} {
		if !strings.Contains(out, k) {
			t.Errorf("lint lacks %s:\n%s", k, out)
		}
	}
	fixed := filepath.Join(dir, "fixed.srt")
	if code, _, errs := runCLI(t, "subs", "fix", bad, "-o", fixed); code != exitOK {
		t.Fatalf("fix: %s", errs)
	}
	if code, out, errs := runCLI(t, "subs", "lint", fixed); code != exitOK {
		t.Errorf("after fix: exit %d\n%s%s", code, out, errs)
	}
}

func TestSubsUsageErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.srt")
	os.WriteFile(broken, []byte("1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:0x,000 --> 00:00:03,000\n坏\n"), 0o644)
	cases := [][]string{
		{"subs"},
		{"subs", "nope"},
		{"subs", "lint"},
		{"subs", "lint", broken},
		{"subs", "lint", filepath.Join(dir, "missing.srt")},
		{"subs", "convert", broken, filepath.Join(dir, "x.doc")},
		{"subs", "generate", "x.txt"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, c...)
		if code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", c, code, errs)
		}
	}
	_, _, errs := runCLI(t, "subs", "lint", broken)
	if !strings.Contains(errs, "line 6") {
		t.Errorf("no line number: %s", errs)
	}
	code, _, errs := runCLI(t, "subs", "translate", broken, "--to", "en", "-o", "x.srt")
	if subsTranslateFn == nil && (code != exitUsage || !strings.Contains(errs, "not available")) {
		t.Errorf("translate without the AI module: %d %s", code, errs)
	}
}

func TestSubsFountainAndBilingual(t *testing.T) {
	dir := t.TempDir()
	fountain := filepath.Join(dir, "clapper.fountain")
	os.WriteFile(fountain, []byte(assets.DemoFountain()), 0o644)
	en := filepath.Join(dir, "ep1.en.srt")
	if code, _, errs := runCLI(t, "subs", "generate", fountain, "--episode", "1", "-o", en); code != exitOK {
		t.Fatalf("generate fountain: %s", errs)
	}
	code, out, _ := runCLI(t, "subs", "lint", en, "--json")
	if code != exitOK || !strings.Contains(out, `"lang": "en"`) {
		t.Errorf("English track: exit %d %s", code, out)
	}

	zh := filepath.Join(dir, "zh.srt")
	os.WriteFile(zh, []byte("1\n00:00:01,000 --> 00:00:03,000\n三年了，你终于回来了。\n\n2\n00:00:03,500 --> 00:00:05,000\n我不走了。\n"), 0o644)
	tr := filepath.Join(dir, "en.srt")
	os.WriteFile(tr, []byte("1\n00:00:01,000 --> 00:00:03,000\nThree years. You're back.\n\n2\n00:00:03,500 --> 00:00:05,000\nI'm staying.\n"), 0o644)
	out2 := filepath.Join(dir, "bi.ass")
	if code, _, errs := runCLI(t, "subs", "convert", zh, out2, "--merge", tr, "--style", "vertical"); code != exitOK {
		t.Fatalf("bilingual: %s", errs)
	}
	b, _ := os.ReadFile(out2)
	if !strings.Contains(string(b), `三年了，你终于回来了。\N{\rSecondary}Three years. You're back.`) || !strings.Contains(string(b), "Style: Secondary,") {
		t.Errorf("bilingual ASS:\n%s", b)
	}

	// A full language tag selects the profile (zh-Hant), messages stay Chinese.
	code, out, _ = runCLI(t, "subs", "lint", zh, "--json", "--lang", "zh-Hant")
	if code != exitOK || !strings.Contains(out, `"profile": "zh-Hant"`) {
		t.Errorf("zh-Hant: %d %s", code, out)
	}
}
