package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestTemplatesRender(t *testing.T) {
	p := demo(t)
	p.Meta.BudgetWan = 45
	data := NewFilingData(p, "普通", Options{Now: fixedTime})
	for _, tpl := range FilingTemplates {
		var buf bytes.Buffer
		if err := TemplateDOCX(tpl, data, &buf, Options{Now: fixedTime}); err != nil {
			t.Fatalf("%s: %v", tpl.File, err)
		}
		keepFile(t, tpl.Name+".docx", buf.Bytes())
		parts := readDocx(t, buf.Bytes())
		_, texts := docParagraphs(t, parts["word/document.xml"])
		doc := strings.Join(texts, "\n") + parts["word/document.xml"]
		for _, want := range []string{"【模板】", "梆子声声", "短剧工坊示例制作部"} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s: %q missing", tpl.File, want)
			}
		}
		if !strings.Contains(parts["word/header1.xml"], "模板") {
			t.Errorf("%s: header does not say it is a template", tpl.File)
		}
	}
}

func TestEpisodeListNames(t *testing.T) {
	p := demo(t)
	var buf bytes.Buffer
	if err := EpisodeList(p, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(p.Episodes)+1 || rows[1][1] != "梆子声声 - 第1集" {
		t.Fatalf("got %q", rows[:2])
	}
}

func TestFilingIssues(t *testing.T) {
	p := demo(t)
	if iss := FilingIssues(p); len(iss) != 0 {
		t.Fatalf("demo should pass: %+v", iss)
	}
	p.Meta.Tagline = strings.Repeat("长", 31)
	p.Meta.Synopsis = strings.Repeat("字", 201)
	p.Meta.Title = "我的总裁！"
	iss := FilingIssues(p)
	if len(iss) != 3 {
		t.Fatalf("got %+v", iss)
	}
}

func TestBreakdownCSV(t *testing.T) {
	p := demo(t)
	cult, err := CultureByEpisode(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	a := Annotations{Culture: cult, Findings: map[int][]string{2: {"medium craft-01 第2集缺少钩子"}}}
	if err := Breakdown(p, &buf, Options{}, a); err != nil {
		t.Fatal(err)
	}
	keepFile(t, "breakdown.csv", buf.Bytes())
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(p.Episodes)+1 {
		t.Fatalf("%d rows", len(rows))
	}
	r1 := rows[1]
	if r1[0] != "1" || r1[6] == "" || !strings.Contains(r1[7], "林秋禾") || !strings.Contains(r1[8], "直播间") || !strings.Contains(r1[9], "戏……不能停") {
		t.Errorf("episode 1 row: %q", r1)
	}
	if rows[2][12] == "" {
		t.Error("findings column empty")
	}
	anyCulture := false
	for _, r := range rows[1:] {
		anyCulture = anyCulture || r[11] != ""
	}
	if !anyCulture {
		t.Error("no culture elements found in the Henan demo")
	}
}
