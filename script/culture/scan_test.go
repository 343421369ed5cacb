package culture

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

func parse(t testing.TB, text string) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const miniScript = `剧名：测试

第1集：回乡
1-1 日 外 开封鼓楼夜市
人物：林秋禾、摊主
△林秋禾端起一碗胡辣汤，热气糊住了眼镜。
摊主：闺女，胡辣汤得劲不？
林秋禾：得劲！恁这汤中！
【钩子】摊主从柜子里拿出一副旧梆子，说是她爷爷唱豫剧时落下的。

第2集：戏台
2-1 夜 内 林家班戏台
人物：林秋禾
△戏台上挂着朱仙镇木版年画的门神。
林秋禾：爷爷说过，豫剧不能断。

第3集：黄河边
3-1 日 外 黄河大堤
人物：林秋禾
△林秋禾对着黄河吊嗓子。
`

func TestScanDepths(t *testing.T) {
	d := builtinT(t)
	p := parse(t, miniScript)
	hits := d.Scan(p)
	type key struct {
		id    string
		ep    int
		depth string
	}
	got := map[key]bool{}
	for _, h := range hits {
		got[key{h.Element.ID, h.Episode, h.Depth}] = true
		if p.Episode(h.Episode).Body[h.Start:h.End] == "" {
			t.Errorf("%s: empty span", h.Element.ID)
		}
	}
	for _, want := range []key{
		{"41-gulouyeshi", 1, DepthSetting},
		{"41-hulatang", 1, DepthVisual},
		{"41-hulatang", 1, DepthMention},
		{"41-dejin", 1, DepthMention},
		{"41-yuju", 1, DepthPlot}, // on the 【钩子】 marker
		{"41-zhuxianzhen", 2, DepthVisual},
		{"41-yuju", 2, DepthMention},
		{"41-huanghe", 3, DepthSetting},
		{"41-huanghe", 3, DepthVisual},
	} {
		if !got[want] {
			t.Errorf("missing %+v in %v", want, got)
		}
	}
}

func TestScanOverridesAndSuppressions(t *testing.T) {
	d := builtinT(t)
	p := parse(t, miniScript)
	hits := d.Scan(p)
	var target ScriptHit
	for _, h := range hits {
		if h.Element.ID == "41-zhuxianzhen" {
			target = h
		}
	}
	if target.Element == nil {
		t.Fatal("no 朱仙镇木版年画 hit")
	}
	if err := OverrideDepth(p, target.Key(), DepthPlot); err != nil {
		t.Fatal(err)
	}
	Suppress(p, "41-dejin")
	for _, h := range d.Scan(p) {
		if h.Element.ID == "41-dejin" {
			t.Error("suppressed element still reported")
		}
		if h.Key() == target.Key() && (h.Depth != DepthPlot || h.Auto != DepthVisual) {
			t.Errorf("override not applied: %+v", h)
		}
	}
	Suppress(p, target.Key())
	for _, h := range d.Scan(p) {
		if h.Key() == target.Key() {
			t.Error("suppressed hit still reported")
		}
	}
	if err := OverrideDepth(p, target.Key(), "deep"); err == nil {
		t.Error("unknown depth accepted")
	}
}

func TestCoverageHints(t *testing.T) {
	d := builtinT(t)
	p := parse(t, miniScript)
	for _, id := range []string{"41-yuju", "41-shaolin", "41-dejin"} {
		AddToPlan(p, d.Element(id))
	}
	if len(p.Glossary) != 3 || p.Glossary[0].Render["en"] == "" || !strings.HasPrefix(p.Glossary[0].Source, "culture:") {
		t.Fatalf("glossary: %+v", p.Glossary)
	}
	if AddToPlan(p, d.Element("41-yuju")) {
		t.Error("adding twice changed the project")
	}
	cov := d.Cover(p, d.Scan(p))
	kinds := map[string]bool{}
	for _, h := range cov.Hints {
		kinds[h.Kind+":"+h.Element] = true
	}
	for _, k := range []string{"unused:41-shaolin", "unplanned:41-hulatang", "sensitive:41-shaolin"} {
		if !kinds[k] {
			t.Errorf("missing hint %s in %v", k, kinds)
		}
	}
	if cov.Cells["41-yuju"][1] != DepthPlot || cov.Cells["41-yuju"][2] != DepthMention {
		t.Errorf("grid for 豫剧: %v", cov.Cells["41-yuju"])
	}
	if dd := cov.Dialect[1]; dd.Lines != 2 || dd.WithDialect != 2 {
		t.Errorf("dialect density ep 1: %+v", dd)
	}
}

func TestProjectAdditionsAreDetected(t *testing.T) {
	d := builtinT(t)
	p := parse(t, "第1集\n1-1 日 内 面馆\n△王桂芳端上一碗桂芳烩面。\n")
	if err := AddProjectElement(p, script.CultureElement{Name: "桂芳烩面", English: "Guifang's Huimian", Type: TypeFood, Region: "开封"}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range d.Scan(p) {
		if h.Element.ID == "project:桂芳烩面" {
			found = h.Element.Regions[0] == "410200"
		}
	}
	if !found {
		t.Error("project addition not detected")
	}
}

func TestDemoScan(t *testing.T) {
	d := builtinT(t)
	p := parse(t, assets.DemoScript())
	ids := ElementsUsed(d.Scan(p))
	for _, want := range []string{"41-yuju", "41-huimian", "41-hulatang", "41-huanghe"} {
		found := false
		for _, id := range ids {
			found = found || id == want
		}
		if !found {
			t.Errorf("demo: %s not found in %v", want, ids)
		}
	}
}

func TestSearch(t *testing.T) {
	d := builtinT(t)
	tests := []struct {
		q     Query
		first string
	}{
		{Query{Text: "豫剧"}, "41-yuju"},
		{Query{Text: "yj"}, ""},
		{Query{Text: "hm", Region: "河南"}, "41-huimian"},
		{Query{Text: "Ⅱ-28"}, "52-dongzudage"},
		{Query{Text: "ii-28"}, "52-dongzudage"},
		{Query{Text: "Peking Opera"}, "11-jingju"},
		{Query{Text: "灌汤包"}, "41-guantangbao"},
		{Query{Text: "開封灌湯包"}, "41-guantangbao"},
	}
	for _, tt := range tests {
		got, err := d.Search(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if tt.first == "" {
			if len(got) == 0 {
				t.Errorf("%+v: no result", tt.q)
			}
			continue
		}
		if len(got) == 0 || got[0].ID != tt.first {
			t.Errorf("%+v: first %v, want %s", tt.q, got, tt.first)
		}
	}
	all, _ := d.Search(Query{Region: "41", Type: TypeFood})
	for _, e := range all {
		if e.Type != TypeFood || e.Province() != "410000" {
			t.Errorf("filter leak: %s", e.ID)
		}
	}
	cat, _ := d.Search(Query{Category: "传统戏剧", Region: "河南"})
	if len(cat) < 3 {
		t.Errorf("传统戏剧 in 河南: %d", len(cat))
	}
	for _, q := range []Query{{Region: "火星"}, {Type: "x"}, {Category: "Ⅻ"}} {
		if _, err := d.Search(q); err == nil {
			t.Errorf("%+v: want error", q)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(assets.Culture()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstUse is what the app pays on first use: parse the data,
// build the search index and the matcher.
func BenchmarkFirstUse(b *testing.B) {
	for b.Loop() {
		d, err := Load(assets.Culture())
		if err != nil {
			b.Fatal(err)
		}
		d.Matcher()
		d.Search(Query{Text: "hm"})
	}
}

func BenchmarkScan100(b *testing.B) {
	d := builtinT(b)
	p := parse(b, formattest.GenerateSeries(100, 1500))
	d.Scan(p) // build the matcher once, as the app does
	b.ResetTimer()
	for b.Loop() {
		d.Scan(p)
	}
}

func BenchmarkSearch(b *testing.B) {
	d := builtinT(b)
	d.Search(Query{Text: "x"})
	for b.Loop() {
		if _, err := d.Search(Query{Text: "烩面"}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"她从小学豫剧", "開封灌湯包", "李少林", "花儿", "少 林 寺", "\xff\xfe", "㈠①ＡＢ"} {
		f.Add(s)
	}
	d := MustBuiltin()
	m := d.Matcher()
	f.Fuzz(func(t *testing.T, s string) {
		for _, h := range m.Find(s, []string{"李少林"}) {
			if h.Start < 0 || h.End > len(s) || h.Start >= h.End {
				t.Fatalf("bad span %d-%d in %q", h.Start, h.End, s)
			}
		}
	})
}

func FuzzParseICH(f *testing.F) {
	for _, s := range []string{"Ⅱ-28/1", "Ⅳ/1?", "IV-3/2", "", "/", "Ⅷ-/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ich, err := ParseICH(s); err == nil && ich.Category == "" {
			t.Fatalf("%q: no category", s)
		}
	})
}

func TestSignatureHint(t *testing.T) {
	d := builtinT(t)
	p := parse(t, "第1集\n1-1 日 内 家\n人物：林秋禾\n林秋禾：明天去吃烩面。\n")
	p.Meta.Regions = []string{"410100"}
	cov := d.Cover(p, d.Scan(p))
	found := false
	for _, h := range cov.Hints {
		if h.Kind == "signature" && h.Region == "410000" {
			found = strings.Contains(h.ZH, "一地一品")
		}
	}
	if !found {
		t.Errorf("no 一地一品 hint: %+v", cov.Hints)
	}
}
