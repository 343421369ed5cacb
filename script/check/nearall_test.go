package check

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

const nearAllRule = `[[rule]]
id = "T-1"
category = "violence"
severity = "high"
scope = ["dialogue", "action"]
terms = ["剁"]
near_all = ["他|她|那人", "给我|我要"]
message_zh = "x"
message_en = "x"
[rule.source]
name = "test"
mark = "U"
`

// TestNearAll: every class must be present in the window, and the hit
// itself does not count as its own context.
func TestNearAll(t *testing.T) {
	e, err := Load(fstest.MapFS{"t.toml": &fstest.MapFile{Data: []byte(nearAllRule)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"顾沉：给我把他的手剁了。", true},  // target and will
		{"△王桂芳剁了一盆饺子馅。", false}, // neither
		{"顾沉：给我剁一盆饺子馅。", false}, // will, no target
		{"△他剁了一盆饺子馅。", false},   // target, no will
		{"顾沉：给我剁。他走了。", false},  // the target is in another sentence
	} {
		got := false
		for _, f := range contentFindings(e, snippetProject(tc.text, ScopeAction)) {
			got = got || f.Rule == "T-1"
		}
		if got != tc.want {
			t.Errorf("%s: fired %v, want %v", tc.text, got, tc.want)
		}
	}
	bad := strings.Replace(nearAllRule, `"他|她|那人"`, `"(他"`, 1)
	if _, err := LoadRules(fstest.MapFS{"t.toml": &fstest.MapFile{Data: []byte(bad)}}); err == nil || !strings.Contains(err.Error(), "near_all") {
		t.Errorf("bad near_all: got %v", err)
	}
}

// TestMatchOutside: a class matching only inside the hit does not count.
func TestMatchOutside(t *testing.T) {
	re := regexpMust(`他`)
	s := []byte("打到他")
	if matchOutside(re, s, 0, len(s)) {
		t.Error("the hit itself counted as context")
	}
	s = []byte("他说打到他")
	if !matchOutside(re, s, len("他说"), len(s)) {
		t.Error("context before the hit not found")
	}
}

func regexpMust(p string) *regexp.Regexp { return regexp.MustCompile(p) }

// TestCueNameChecked: a cue's name is on screen too (【AI生成】…).
func TestCueNameChecked(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := false
	for _, f := range contentFindings(e, snippetProject("【AI生成】第十二集初稿，未经编剧修改。", ScopeAction)) {
		got = got || f.Category == "ai"
	}
	if !got {
		t.Error("【AI生成】 cue not reported")
	}
}
