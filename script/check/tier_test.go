package check

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// TestTierGolden covers every date window and the budget edges (exactly
// 30万, 100万, 300万, 80万 for AI dramas), special subjects and AI dramas.
func TestTierGolden(t *testing.T) {
	for _, tc := range []struct {
		golive   string
		budget   float64
		ai       bool
		subjects []string
		want     string
		window   string
	}{
		{"2024-05-31", 500, false, nil, TierNotInForce, "–2024-05-31"},
		{"2024-06-01", 100, false, nil, TierKey, "2024-06-01–2025-12-31"},
		{"2024-06-01", 99.99, false, nil, TierOrdinary, "2024-06-01–2025-12-31"},
		{"2025-12-31", 30, false, nil, TierOrdinary, "2024-06-01–2025-12-31"},
		{"2025-12-31", 29.9, false, nil, TierOther, "2024-06-01–2025-12-31"},
		{"2025-06-15", 5, false, []string{"公安"}, TierKey, "2024-06-01–2025-12-31"},
		{"2026-01-01", 100, false, nil, TierOrdinary, "2026-01-01–"},
		{"2026-01-01", 99, false, nil, TierOther, "2026-01-01–"},
		{"2026-01-01", 300, false, nil, TierKey, "2026-01-01–"},
		{"2026-01-01", 299.5, false, nil, TierOrdinary, "2026-01-01–"},
		{"2026-03-01", 150, false, []string{"宗教"}, TierKey, "2026-01-01–"},
		{"2026-03-01", 0, false, nil, TierUnknown, "2026-01-01–"},
		// AI dramas: their own table from 2026-07-01 only.
		{"2026-06-30", 80, true, nil, TierOther, "2026-01-01–"},
		{"2026-07-01", 80, true, nil, TierKey, "AI 2026-07-01–"},
		{"2026-07-01", 79, true, nil, TierOrdinary, "AI 2026-07-01–"},
		{"2026-07-01", 30, true, nil, TierOrdinary, "AI 2026-07-01–"},
		{"2026-07-01", 29, true, nil, TierOther, "AI 2026-07-01–"},
		{"2026-07-01", 80, false, nil, TierOther, "2026-01-01–"},
		{"2026-09-01", 10, true, []string{"军事"}, TierKey, "AI 2026-07-01–"},
	} {
		p := &script.Project{Meta: script.Meta{GoLive: tc.golive, BudgetWan: tc.budget, AIMade: tc.ai, SpecialSubjects: tc.subjects}}
		for _, lang := range []script.Lang{script.Zh, script.En} {
			got := ComputeTier(p, Options{Lang: lang, Now: testNow})
			if got.Key != tc.want || got.Window != tc.window || got.Reason == "" || got.Name == "" {
				t.Errorf("%s %.2f万 ai=%v %v (%s): got %s/%s %q, want %s/%s", tc.golive, tc.budget, tc.ai, tc.subjects, lang, got.Key, got.Window, got.Reason, tc.want, tc.window)
			}
			if tc.window == "AI 2026-07-01–" && !containsNote(got.Notes, "one source", "只有一个来源") {
				t.Errorf("%s: the AI table does not say it has a single source: %v", tc.golive, got.Notes)
			}
		}
	}
}

func containsNote(notes []string, en, zh string) bool {
	for _, n := range notes {
		if strings.Contains(n, en) || strings.Contains(n, zh) || strings.Contains(n, "single source") {
			return true
		}
	}
	return false
}

func TestTierUsesTodayWithoutGoLive(t *testing.T) {
	p := &script.Project{Meta: script.Meta{BudgetWan: 120}}
	got := ComputeTier(p, Options{Lang: "en", Now: testNow})
	if got.Key != TierOrdinary || got.Date != "2026-11-29" || len(got.Notes) == 0 {
		t.Errorf("got %+v", got)
	}
}

func TestLicenceFormat(t *testing.T) {
	for s, want := range map[string]string{
		"（豫）网微剧审字（2025）第012号":     "审",
		"(总局)网微剧备字(2026)第3号":      "备",
		"（京） 网微剧备字 （2024） 第 88 号": "备",
		"豫网微剧审字2025第12号":          "",
		"（美）网微剧审字（2025）第1号":       "",
		"网络剧片发行许可证":               "",
	} {
		if got, _, _ := LicenceKind(s); got != want {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

func TestFilingFindings(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	base := func() *script.Project {
		return &script.Project{Meta: script.Meta{Title: "老街", Synopsis: "一家面馆。", Producer: "某公司", GoLive: "2026-05-01", BudgetWan: 150}}
	}
	rules := func(p *script.Project) map[string]bool {
		m := map[string]bool{}
		for _, f := range e.Check(p, Options{Lang: "zh", Now: testNow}).Findings {
			m[f.Rule] = true
		}
		return m
	}
	p := base()
	if r := rules(p); !r["FILE-01M"] || r["FILE-01"] {
		t.Errorf("missing licence: %v", r)
	}
	p.Meta.Licence = "（豫）网微剧审字（2026）第012号" // a key-drama number on an ordinary drama
	if r := rules(p); !r["FILE-01"] {
		t.Errorf("mismatched licence not reported: %v", r)
	}
	p.Meta.Licence = "（豫）网微剧备字（2026）第012号"
	if r := rules(p); r["FILE-01"] || r["FILE-01M"] {
		t.Errorf("good licence reported: %v", r)
	}
	p.Meta.Synopsis = strings.Repeat("好", 201)
	p.Meta.Tagline = strings.Repeat("好", 31)
	if r := rules(p); !r["FILE-02S"] || !r["FILE-02T"] {
		t.Errorf("limits not reported: %v", r)
	}
	p = base()
	p.Episodes = []*script.Episode{{Number: 1}, {Number: 3}}
	if r := rules(p); !r["FILE-03"] {
		t.Errorf("gap in numbering not reported: %v", r)
	}
}
