package check

import (
	"slices"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// The AI review's findings join the list once: one on the same span and
// category as a cited rule's is kept as the rule's, tagged AI认同.
func TestAddReaderMergesWithoutDuplicates(t *testing.T) {
	rule := Finding{Rule: "VIO-01", Category: "violence", Severity: High, Episode: 1, Start: 30, End: 42, Excerpt: "我要让他们血债血偿！", Reader: ReaderRule}
	point := Finding{Rule: "CRAFT-HOOK", Category: "craft", Severity: Low, Episode: 2, Start: 10, End: 10, Reader: ReaderRule}
	model := Finding{Rule: "model.minors", Category: "minors", Severity: Medium, Episode: 2, Start: 50, End: 80, Reader: ReaderModel}
	title := Finding{Rule: "TTL-03", Category: "title", Severity: Medium, Field: "title", Start: 0, End: 6, Reader: ReaderRule}
	cases := []struct {
		name   string
		ai     Finding
		added  bool
		agreed string // rule of the finding that gets AI认同
	}{
		{"同一处同一类：归规则", Finding{Category: "violence", Episode: 1, Start: 36, End: 48}, false, "VIO-01"},
		{"同一处不同类：另列", Finding{Category: "vulgar", Episode: 1, Start: 36, End: 48}, true, ""},
		{"同一类不相交：另列", Finding{Category: "violence", Episode: 1, Start: 42, End: 60}, true, ""},
		{"另一集：另列", Finding{Category: "violence", Episode: 2, Start: 30, End: 42}, true, ""},
		{"规则点在 AI 原文里", Finding{Category: "craft", Episode: 2, Start: 5, End: 20}, false, "CRAFT-HOOK"},
		{"模型同意：归模型", Finding{Category: "minors", Episode: 2, Start: 70, End: 90}, false, "model.minors"},
		{"片名字段不同：另列", Finding{Category: "title", Episode: 1, Start: 0, End: 6}, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := &Result{Findings: []Finding{rule, point, model, title}}
			a := c.ai
			a.Rule, a.Reader, a.Severity, a.Excerpt = "ai."+a.Category, ReaderAI, Medium, "AI 原文"
			res.AddReader(nil, ReaderStatus{Reader: ReaderAI, OK: true}, []Finding{a})
			n := 0
			for _, f := range res.Findings {
				if f.Reader == ReaderAI {
					n++
				}
				if got := slices.Contains(f.Tags, AgreedTag); got != (f.Rule == c.agreed) {
					t.Errorf("%s tagged %v", f.Rule, got)
				}
			}
			if (n == 1) != c.added || len(res.Findings) != 4+n {
				t.Fatalf("AI findings %d, all %d: %+v", n, len(res.Findings), res.Findings)
			}
			st, ok := res.Reader(ReaderAI)
			if !ok || st.Findings != n || st.Agreed != boolInt(!c.added) {
				t.Fatalf("status %+v", st)
			}
			if res.Summary.Total != len(res.Findings) {
				t.Fatalf("summary not counted again: %+v", res.Summary)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Merging again replaces the earlier AI findings and agreements; a waiver
// of an AI finding applies; the AI never changes the exit code.
func TestAddReaderAgainAndWaivers(t *testing.T) {
	rule := Finding{Rule: "VIO-01", Category: "violence", Severity: High, Episode: 1, Start: 30, End: 42, Excerpt: "血债血偿", Reader: ReaderRule}
	agree := Finding{Rule: "ai.violence", Category: "violence", Severity: High, Episode: 1, Start: 30, End: 42, Excerpt: "血债血偿", Reader: ReaderAI}
	other := Finding{Rule: "ai.minors", Category: "minors", Severity: High, Episode: 2, Start: 3, End: 9, Excerpt: "小宇不见了", Reader: ReaderAI}
	p := &script.Project{Waivers: []script.Waiver{{Rule: "ai.minors", Episode: 2, Excerpt: "小宇不见了", Reason: "寻人情节，不涉及伤害"}}}
	res := &Result{Findings: []Finding{rule}}
	for range 2 {
		res.AddReader(p, ReaderStatus{Reader: ReaderAI, OK: true}, []Finding{agree, other})
	}
	if len(res.Findings) != 2 || len(res.Readers) != 1 {
		t.Fatalf("merged twice: %+v %+v", res.Findings, res.Readers)
	}
	if tags := res.Findings[0].Tags; len(tags) != 1 || tags[0] != AgreedTag {
		t.Fatalf("rule tags %v", tags)
	}
	if !res.Findings[1].Waived() || res.Summary.Waived != 1 || res.Summary.Open != 1 {
		t.Fatalf("waiver of the AI finding not applied: %+v %+v", res.Findings[1], res.Summary)
	}
	if res.Readers[0].Agreed != 1 || res.Readers[0].Findings != 1 {
		t.Fatalf("%+v", res.Readers[0])
	}
	// a failed AI run drops its findings and agreements, the rule stays
	res.AddReader(p, ReaderStatus{Reader: ReaderAI, Error: "AI 复核没有完成"}, nil)
	if len(res.Findings) != 1 || len(res.Findings[0].Tags) != 0 || res.Readers[0].OK {
		t.Fatalf("%+v %+v", res.Findings, res.Readers)
	}
	ai := &Result{Findings: []Finding{{Rule: "ai.vulgar", Severity: High, Reader: ReaderAI}, {Rule: "CRAFT", Severity: Low, Reader: ReaderRule}}}
	if ai.FailsByRules(High) || !ai.Fails(High) || !ai.FailsByRules(Low) {
		t.Fatal("FailsByRules counts the AI or misses a rule")
	}
}

// BenchmarkAddReader merges 200 AI findings (half agreeing) into a result
// of 1000 rule findings over 100 episodes.
func BenchmarkAddReader(b *testing.B) {
	var rules, ai []Finding
	for i := range 1000 {
		rules = append(rules, Finding{Rule: "VIO-01", Category: "violence", Severity: Medium, Episode: 1 + i%100, Start: i * 40, End: i*40 + 12, Reader: ReaderRule})
	}
	for i := range 200 {
		cat := "violence"
		if i%2 == 1 {
			cat = "minors"
		}
		ai = append(ai, Finding{Rule: "ai." + cat, Category: cat, Severity: Medium, Episode: 1 + (i*5)%100, Start: i * 5 * 40, End: i*5*40 + 30, Reader: ReaderAI})
	}
	sortFindings(rules) // as the engine hands them over
	p := &script.Project{}
	b.ReportAllocs()
	for b.Loop() {
		res := &Result{Findings: append([]Finding(nil), rules...)}
		res.AddReader(p, ReaderStatus{Reader: ReaderAI, OK: true}, ai)
	}
}
