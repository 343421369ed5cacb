package check

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// testNow is the fixed "today" of the tests.
var testNow = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// testCast is the cast every snippet is checked with: two minors (小宇 12,
// 乐乐 8, 小满 15) and adults.
var testCast = []script.Character{
	{Name: "林晚", Age: 24}, {Name: "顾沉", Age: 28}, {Name: "苏棠", Age: 23}, {Name: "林母", Age: 52},
	{Name: "王母", Age: 55}, {Name: "奶奶", Age: 70}, {Name: "陈秘书", Age: 30}, {Name: "大师", Age: 60},
	{Name: "林守正", Age: 72}, {Name: "王桂芳", Age: 50}, {Name: "牛大叔", Age: 60}, {Name: "林秋禾", Age: 26},
	{Name: "小宇", Age: 12}, {Name: "乐乐", Age: 8}, {Name: "小满", Age: 15}, {Name: "老师", Age: 40},
	{Name: "孙悟空"}, {Name: "林黛玉"}, {Name: "武则天"},
}

// snippetProject builds a one-episode project whose body is text; title
// snippets go to the title instead.
func snippetProject(text string, scope Scope) *script.Project {
	p := &script.Project{Meta: script.Meta{Title: "测试剧"}, Characters: testCast}
	switch scope {
	case ScopeTitle:
		p.Meta.Title = text
		return p
	case ScopeSynopsis:
		p.Meta.Synopsis = text
		return p
	}
	ep := &script.Episode{Number: 1, Body: "1-1 日 内 客厅\n人物：林晚、小宇\n" + text + "\n"}
	format.ParseBody(ep, p.CastNames())
	p.Episodes = []*script.Episode{ep}
	return p
}

// contentFindings returns the findings of a snippet in text categories
// (craft and filing findings about the tiny test project are left out).
func contentFindings(e *Engine, p *script.Project) []Finding {
	r := e.Check(p, Options{Lang: "zh", Now: testNow})
	var out []Finding
	for _, f := range r.Findings {
		if f.Category != "craft" && f.Category != "filing" && f.Rule != "TITLE-FORM" && f.Rule != "MIN-NOTICE" {
			out = append(out, f)
		}
	}
	return out
}

func scopeOfRule(r *Rule) Scope {
	if r.InScope(ScopeDialogue) || r.InScope(ScopeAction) {
		return ScopeAction
	}
	if r.InScope(ScopeTitle) {
		return ScopeTitle
	}
	return ScopeSynopsis
}

// TestRuleExamples runs every rule's own examples (must fire) and
// counter-examples (must not).
func TestRuleExamples(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		sc := scopeOfRule(r)
		for _, ex := range r.Examples {
			fs := contentFindings(e, snippetProject(ex, sc))
			if !hasRule(fs, r.ID) {
				t.Errorf("%s: example did not fire: %s (got %v)", r.ID, ex, fs)
			}
		}
		for _, ex := range r.Counter {
			fs := contentFindings(e, snippetProject(ex, sc))
			if hasRule(fs, r.ID) {
				t.Errorf("%s: counter-example fired: %s", r.ID, ex)
			}
		}
	}
}

func hasRule(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.Rule == id {
			return true
		}
	}
	return false
}

func TestEveryCategoryHasRules(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, r := range e.Rules() {
		n[r.Category]++
	}
	for _, c := range Categories {
		if n[c] == 0 {
			t.Errorf("category %s has no rules", c)
		}
	}
}

func TestLoadRulesErrors(t *testing.T) {
	for _, tc := range []struct{ toml, want string }{
		{`[[rule]]` + "\n" + `id = "X"`, "unknown category"},
		{"[[rule]]\nid=\"X\"\ncategory=\"money\"\nseverity=\"bad\"", "unknown severity"},
		{"[[rule]]\nid=\"X\"\ncategory=\"money\"\nseverity=\"low\"\nscope=[\"dialogue\"]\nterms=[\"a\"]\nmessage_zh=\"a\"\nmessage_en=\"a\"", "source"},
		{"[[rule]]\nid=\"X\"\ncategory=\"money\"\nseverity=\"low\"\nscope=[\"dialogue\"]\ncheck=\"nope\"\nmessage_zh=\"a\"\nmessage_en=\"a\"", "unknown check"},
		{"[[rule]\nid=", "rules/a.toml"},
	} {
		_, err := LoadRules(fstest.MapFS{"a.toml": &fstest.MapFile{Data: []byte(tc.toml)}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.toml, err, tc.want)
		}
	}
}
