package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/format"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const fixture = `剧名：闪婚后霸总每天都在宠我
简介：豪门总裁顾沉与林晚闪婚。

人物小传：
林晚（女，24岁，女主）：设计师。
顾沉（男，28岁，男主）：顾氏集团总裁。
小宇（男，12岁）：林晚的弟弟。

第1集：重逢
1-1 夜 内 顾氏集团顶楼办公室
人物：林晚、顾沉
【钩子】林晚推开门，顾沉正站在窗前。
顾沉：（邪魅一笑）女人，你成功引起了我的注意。
△顾沉甩出一张黑卡：今天全场我买单。
林晚：我要让他们血债血偿！
【卡点】门外传来一声：顾总到——

第2集：弟弟
2-1 日 内 林家客厅
人物：林晚、小宇
△十二岁的小宇叼着烟，蹲在门口。
林晚：小宇，你怎么能抽烟？
【卡点】小宇把烟头扔进了花盆。
`

func fixtureResult(t *testing.T, lang script.Lang) *check.Result {
	t.Helper()
	p, err := format.ParseChinese(fixture)
	if err != nil {
		t.Fatal(err)
	}
	p.Meta.BudgetWan = 120
	p.Meta.GoLive = "2026-03-01"
	e, err := check.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Rules only: the golden files should not change whenever the model is
	// retrained; TestReaderBadges covers model findings.
	r := e.Check(p, check.Options{Lang: lang, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Readers: check.ReadRules})
	// Waive the first finding; add a stale waiver.
	f := r.Findings[0]
	check.Waive(p, f, "剧情需要，已与平台沟通", "编剧", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	p.Waivers = append(p.Waivers, script.Waiver{Rule: "VIO-01", Episode: 1, Excerpt: "旧文字", Reason: "旧豁免", Time: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)})
	return e.Check(p, check.Options{Lang: lang, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Readers: check.ReadRules})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)", name)
	}
}

func TestReports(t *testing.T) {
	for _, lang := range []script.Lang{script.Zh, script.En} {
		r := fixtureResult(t, lang)
		for _, f := range []Format{HTML, Markdown, JSON} {
			var b bytes.Buffer
			if err := Write(&b, r, f); err != nil {
				t.Fatal(err)
			}
			golden(t, "report."+string(lang)+"."+string(f), b.Bytes())
		}
	}
}

func TestReportContent(t *testing.T) {
	r := fixtureResult(t, "zh")
	var h, m, j bytes.Buffer
	WriteHTML(&h, r)
	WriteMarkdown(&m, r)
	WriteJSON(&j, r)
	for _, want := range []string{"<mark>", "普通", "豁免理由", "文字已改动", "血债血偿", "依据"} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h.String(), "<script") || strings.Contains(h.String(), "<link") {
		t.Error("HTML is not self-contained")
	}
	for _, want := range []string{"## 分类分层", "**血债血偿**", "## 豁免"} {
		if !strings.Contains(m.String(), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	var v map[string]any
	if err := json.Unmarshal(j.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"project", "tier", "findings", "summary"} {
		if _, ok := v[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	f := v["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "category", "severity", "episode", "scene", "line", "start", "end", "excerpt", "message", "suggestion", "source"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{"a.html": HTML, "b.HTM": HTML, "c.md": Markdown, "d.pdf": PDF, "e.json": JSON} {
		if got, err := FormatOf(name); err != nil || got != want {
			t.Errorf("%s: %v %v", name, got, err)
		}
	}
	if _, err := FormatOf("x.docx"); err == nil {
		t.Error("x.docx accepted")
	}
}

// TestReaderBadges: reports say which reader raised each finding and give a
// model finding's score and words.
func TestReaderBadges(t *testing.T) {
	for _, lang := range []script.Lang{script.Zh, script.En} {
		r := fixtureResult(t, lang)
		m := r.Findings[len(r.Findings)-1]
		m.Rule, m.Reader, m.Score, m.Evidence, m.Waiver = "MODEL-BAZONG", check.ReaderModel, 0.93, []string{"黑卡", "买单"}, nil
		a := m
		a.Rule, a.Reader, a.Score, a.Evidence = "ai.bazong", check.ReaderAI, 0, nil
		r.Findings = append(r.Findings, m, a)
		for _, f := range []Format{HTML, Markdown} {
			var b bytes.Buffer
			if err := Write(&b, r, f); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			want := []string{"规则", "模型", "AI", "0.93", "黑卡"}
			if lang == "en" {
				want = []string{"rule", "model", "AI", "0.93", "黑卡"}
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("%s %v report lacks %q", lang, f, w)
				}
			}
		}
	}
}
