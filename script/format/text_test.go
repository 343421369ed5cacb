package format

import "testing"

func TestParseWan(t *testing.T) {
	for in, want := range map[string]float64{"45万元": 45, "45万": 45, "1.2亿": 12000, "450000元": 45, "１００万": 100, "300": 300, "1,000万元": 1000, "未定": 0} {
		if got := parseWan(in); got != want {
			t.Errorf("parseWan(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPrefaceFilingFieldsRoundTrip(t *testing.T) {
	src := "剧名：黄河谣\n制作成本：45万元\n上线日期：2026-12-01\n上线平台：抖音、微信\n特殊题材：民族\nAI生成：是\n地区：410200、410100\n文化计划：41-yuju、41-huanghe\n\n第1集\n1-1 日 内 客厅\n△门开了。\n"
	p, err := ParseChinese(src)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Meta
	if m.BudgetWan != 45 || m.GoLive != "2026-12-01" || len(m.Platforms) != 2 || len(m.SpecialSubjects) != 1 || !m.AIMade {
		t.Fatalf("meta: %+v", m)
	}
	if len(m.Regions) != 2 || len(p.Culture.Planned) != 2 || p.Culture.Planned[0] != "41-yuju" {
		t.Fatalf("regions %v, plan %v", m.Regions, p.Culture.Planned)
	}
	q, _ := ParseChinese(WriteChinese(p))
	if len(q.Culture.Planned) != 2 || len(q.Meta.Regions) != 2 {
		t.Fatalf("after round trip: plan %v regions %v", q.Culture.Planned, q.Meta.Regions)
	}
	if q.Meta.BudgetWan != 45 || q.Meta.GoLive != m.GoLive || !q.Meta.AIMade || q.Meta.Platforms[1] != "微信" {
		t.Fatalf("after round trip: %+v", q.Meta)
	}
}
