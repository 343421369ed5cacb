package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/ai/aitest"
)

type checkJSON struct {
	Findings []struct {
		Rule, Category, Reader string
		Episode                int
		Tags                   []string
	} `json:"findings"`
	Readers []struct {
		Reader   string `json:"reader"`
		OK       bool   `json:"ok"`
		Reviewed int    `json:"reviewed"`
		Cached   int    `json:"cached"`
		Error    string `json:"error"`
	} `json:"readers"`
}

func decodeCheck(t *testing.T, out string) checkJSON {
	t.Helper()
	var got checkJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return got
}

// aiReviewer answers the review of 归乡's episode 2 with a stereotype
// finding on the mother-in-law's line, and nothing for episode 1.
func aiReviewer(r aitest.Request) aitest.Reply {
	if strings.Contains(r.LastUser(), "你还有脸回来") {
		return aitest.Chat(`{"findings":[{"category":"stereotype","quote":"你还有脸回来？","severity":"medium","message":"婆婆一出场就刻薄，是“恶婆婆”套路","suggestion":"给周母一个动机"}]}`)
	}
	return aitest.Chat(`{"findings":[]}`)
}

func TestCheckAIJSONAndCache(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Handler = aiReviewer
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	plainCode, plainOut, _ := runCLI(t, "check", path, "--json", "--date", "2026-11-29")
	plain := decodeCheck(t, plainOut)

	code, out, errs := runCLI(t, "check", path, "--json", "--date", "2026-11-29", "--ai", "--episodes", "1-2")
	if code != plainCode {
		t.Fatalf("--ai changed the exit code %d → %d: %s", plainCode, code, errs)
	}
	got := decodeCheck(t, out)
	var aiRules []string
	for _, f := range got.Findings {
		if f.Reader == "ai" {
			aiRules = append(aiRules, f.Rule)
			if f.Episode != 2 || f.Category != "stereotype" {
				t.Errorf("AI finding %+v", f)
			}
		}
	}
	if len(aiRules) == 0 && !agreedSomewhere(got) {
		t.Fatalf("no AI finding and no AI agreement: %s", out)
	}
	if len(got.Findings) < len(plain.Findings) {
		t.Fatal("rule or model findings lost")
	}
	if len(got.Readers) != 1 || !got.Readers[0].OK || got.Readers[0].Reviewed != 2 || got.Readers[0].Cached != 0 {
		t.Fatalf("readers %+v", got.Readers)
	}
	if srv.Count() != 2 || !strings.Contains(errs, "AI review") {
		t.Fatalf("%d requests; stderr %s", srv.Count(), errs)
	}

	// a second run reads the cache: no request, same findings
	_, out2, errs2 := runCLI(t, "check", path, "--json", "--date", "2026-11-29", "--ai", "--episodes", "1-2")
	if srv.Count() != 2 || decodeCheck(t, out2).Readers[0].Cached != 2 || len(decodeCheck(t, out2).Findings) != len(got.Findings) {
		t.Fatalf("re-run asked again (%d) or differs: %s", srv.Count(), errs2)
	}

	// the Markdown report shows the AI badge and the reader line
	md := filepath.Join(t.TempDir(), "报告.md")
	runCLI(t, "check", path, "--date", "2026-11-29", "--ai", "--report", md)
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "[AI]") && !strings.Contains(string(b), "+ AI agrees") {
		t.Errorf("report without the AI badge:\n%s", b)
	}
	if !strings.Contains(string(b), "AI review (model fake-model") {
		t.Errorf("report without the AI reader line:\n%s", b)
	}
}

func agreedSomewhere(r checkJSON) bool {
	for _, f := range r.Findings {
		for _, t := range f.Tags {
			if t == "AI认同" {
				return true
			}
		}
	}
	return false
}

// AI not set up, or its server gone: the check still reports every rule
// and model finding with the same exit code, and says why the AI is missing.
func TestCheckAIUnavailableKeepsRuleFindings(t *testing.T) {
	srv, path := fakeAI(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	plainCode, plainOut, _ := runCLI(t, "check", path, "--json", "--date", "2026-11-29")
	plain := decodeCheck(t, plainOut)
	cases := []struct {
		name, want string
		env        map[string]string
	}{
		{"unset", "DUANJU_AI_BASE_URL", map[string]string{"DUANJU_AI_PROVIDER": "custom", "DUANJU_AI_BASE_URL": ""}},
		{"no model", "DUANJU_AI_MODEL", map[string]string{"DUANJU_AI_MODEL": ""}},
		{"server down", "rule and model findings are complete", nil},
	}
	srv.Close()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, out, errs := runCLI(t, "check", path, "--json", "--date", "2026-11-29", "--ai", "--episodes", "2")
			if code != plainCode {
				t.Fatalf("exit %d, without --ai %d: %s", code, plainCode, errs)
			}
			got := decodeCheck(t, out)
			if len(got.Findings) != len(plain.Findings) {
				t.Fatalf("findings %d, without --ai %d", len(got.Findings), len(plain.Findings))
			}
			if len(got.Readers) != 1 || got.Readers[0].OK || !strings.Contains(got.Readers[0].Error, c.want) || !strings.Contains(errs, c.want) {
				t.Fatalf("readers %+v; stderr %s", got.Readers, errs)
			}
		})
	}
}

func TestCheckAIBadEpisodes(t *testing.T) {
	_, path := fakeAI(t)
	for _, spec := range []string{"5", "2-1", "第一集"} {
		if code, _, errs := runCLI(t, "check", path, "--ai", "--episodes", spec); code != exitUsage || !strings.Contains(errs, "--episodes") {
			t.Errorf("--episodes %s: exit %d %s", spec, code, errs)
		}
	}
}
