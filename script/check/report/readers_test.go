package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script/check"
)

// Reports show the AI badge, the rule finding the AI agreed with, and how
// the AI reader ran — or why it failed.
func TestReportShowsTheAIReader(t *testing.T) {
	res := &check.Result{Project: "老街的面馆", Lang: "zh", Findings: []check.Finding{
		{Rule: "VIO-01", Category: "violence", Severity: check.High, Episode: 1, Excerpt: "我要让他们血债血偿！", Message: "以暴制暴", Reader: check.ReaderRule, Tags: []string{check.AgreedTag}},
		{Rule: "ai.minors", Category: "minors", Severity: check.High, Episode: 2, Excerpt: "房东把小宇锁在地下室", Message: "未成年人被拘禁", Reader: check.ReaderAI, Source: check.Source{Name: "AI 复核（fake-model），仅供参考", Mark: "U"}},
	}}
	res.Readers = []check.ReaderStatus{{Reader: check.ReaderAI, Model: "fake-model", OK: true, Reviewed: 2, Findings: 1, Agreed: 1}}
	for _, f := range []Format{Markdown, HTML} {
		var b bytes.Buffer
		if err := Write(&b, res, f); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"AI 复核（模型 fake-model，仅供参考）：读了 2 集", "规则＋AI认同", "未成年人被拘禁"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
	}
	res.Readers[0] = check.ReaderStatus{Reader: check.ReaderAI, Error: "AI 复核没有完成（3 集中 3 集没有结果）：无法连接 AI 服务。规则与模型的结果照常列出"}
	var b bytes.Buffer
	if err := Write(&b, res, Markdown); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "AI 复核没有完成") {
		t.Errorf("the report hides that the AI reader failed:\n%s", b.String())
	}
}
