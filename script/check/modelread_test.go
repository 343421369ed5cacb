package check

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestModelFindings: a scene with no rule term that the model reads as a
// problem gets a model finding with its score, evidence, a lower severity
// than a cited rule, the category's cited source, and a span inside the
// scene; rules-only checks have no model findings; JSON carries the keys.
func TestModelFindings(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var model *Finding
	var res *Result
	for _, text := range []string{
		"顾沉：（冷笑）签了它，从今天起你只属于我，哪儿也不许去。\n△他把合同推到林晚面前，捏住她的下巴。",
		"△总裁把黑卡拍在桌上：这家店我买了，把她开除！\n苏棠：（得意）还不快跪下道歉？",
	} {
		p := snippetProject(text, ScopeAction)
		res = e.Check(p, Options{Lang: "zh", Now: testNow, Readers: ReadModel})
		for i, f := range res.Findings {
			if f.Reader == ReaderModel && f.Episode == 1 {
				model = &res.Findings[i]
				break
			}
		}
		if model != nil {
			break
		}
	}
	if model == nil {
		t.Fatal("the model raised nothing on two obvious scenes")
	}
	f := *model
	if f.Score <= 0 || f.Score > 1 || len(f.Evidence) == 0 || f.Source.Name == "" || !strings.HasPrefix(f.Rule, "MODEL-") {
		t.Errorf("model finding lacks score/evidence/source: %+v", f)
	}
	if f.Severity != Medium && f.Severity != Low {
		t.Errorf("model severity %s, want medium or low", f.Severity)
	}
	if f.Match == "" || !strings.Contains(f.Message, "模型") {
		t.Errorf("model finding not anchored or not explained: %+v", f)
	}
	for _, g := range res.Findings {
		if g.Reader != ReaderModel {
			t.Errorf("reader model only, got %s", g)
		}
	}
	b, _ := json.Marshal(f)
	for _, k := range []string{`"reader":"model"`, `"score":`, `"evidence":[`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
	rules := e.Check(snippetProject("△总裁把黑卡拍在桌上：这家店我买了！", ScopeAction), Options{Lang: "zh", Now: testNow, Readers: ReadRules})
	for _, g := range rules.Findings {
		if g.Reader != ReaderRule {
			t.Errorf("rules only, got reader %q: %s", g.Reader, g)
		}
	}
}

// TestModelNoDuplicate: where a rule flagged a category in a scene, the
// merged check has no model finding of that category in that scene.
func TestModelNoDuplicate(t *testing.T) {
	e, _ := Default()
	p := snippetProject("△顾沉把林晚抵在墙上：女人，你成功引起了我的注意。", ScopeAction)
	res := e.Check(p, Options{Lang: "zh", Now: testNow})
	seen := map[string]string{}
	for _, f := range res.Findings {
		if f.Category != "bazong" || f.Episode != 1 {
			continue
		}
		if r, ok := seen[f.Scene]; ok && (r == ReaderModel || f.Reader == ReaderModel) && r != f.Reader {
			t.Errorf("rule and model both flagged bazong in scene %s", f.Scene)
		}
		seen[f.Scene] = f.Reader
	}
	if seen["1-1"] != ReaderRule {
		t.Errorf("want the rule's finding, got %v", seen)
	}
}

// TestCleanTraps: scenes that use a theme's words while the story punishes,
// reports, criticises or remembers it stay clean with both readers.
func TestCleanTraps(t *testing.T) {
	e, _ := Default()
	for _, text := range []string{
		"△警方突击检查一处传销窝点，讲台上的“导师”正喊着“拉三个人进来就能月入十万”。\n民警：全部蹲下！组织者带走！\n△几名骨干被押上警车。",
		"禁毒社工：这种“聪明药”其实就是毒品，吸一次就可能上瘾，发现有人兜售请马上报警。\n△居民们点头。",
		"△拳击台上，两名选手戴着拳套缠斗，裁判及时分开两人。\n裁判：第三回合结束！\n△比赛结束后两人拥抱。",
		"△“神算子”声称能转运，骗走老人积蓄。\n△警察查获其作案工具，当众揭穿：所谓开光符不过是打印的纸。\n神算子：（低头）我认罪。",
		"△纪念馆里，讲解员指着一件弹孔累累的军装。\n讲解员：这位烈士牺牲时只有二十二岁，他用身体挡住了敌人的子弹。\n△参观的学生们默默敬礼。",
	} {
		for _, f := range contentFindings(e, snippetProject(text, ScopeAction)) {
			t.Errorf("clean trap flagged by %s: %s (%s %v)", f.Reader, f, f.Category, f.Evidence)
		}
	}
}

// TestTitlesReadMeaning: bait titles without a listed word are flagged;
// plain titles, even with a theme word (钱, 战, 宝), are not.
func TestTitlesReadMeaning(t *testing.T) {
	e, _ := Default()
	for title, bait := range map[string]bool{
		"《嫂子的秘密：今夜别锁门》": true, "《甜妻别跑：腹黑大少轻点宠》": true,
		"《总有一天》": false, "《抗战老兵的信》": false, "《钱塘江畔》": false, "《国宝》": false,
	} {
		got := false
		var why []string
		for _, f := range contentFindings(e, snippetProject(title, ScopeTitle)) {
			if f.Field == "title" {
				got = true
				why = append(why, f.Rule+" "+strings.Join(f.Evidence, "/"))
			}
		}
		if got != bait {
			t.Errorf("%s: flagged %v (%v), want %v", title, got, why, bait)
		}
	}
}

// TestModelDisputes: a rule that matches 血光之灾 in a scene where the police
// expose the fortune-teller is kept but lowered to info and marked as
// disputed when the model reads the frame — a model never silences a cited
// rule; the rules alone raise it at its own severity.
func TestModelDisputes(t *testing.T) {
	e, _ := Default()
	text := "赵姐：那个大师说我有血光之灾，要花五万做法事化解。\n民警：这个“大师”上周已经被我们抓了，专骗独居老人，什么血光之灾都是编的。\n△赵姐长出了一口气。"
	p := snippetProject(text, ScopeAction)
	rules := e.Check(p, Options{Lang: "zh", Now: testNow, Readers: ReadRules})
	var want []Finding
	for _, f := range rules.Findings {
		if f.Category == "superstition" {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		t.Skip("the rules no longer match this scene")
	}
	got := contentFindings(e, snippetProject(text, ScopeAction))
	if len(got) != len(want) {
		t.Fatalf("%d findings with the model, %d rule findings: a disputed finding must stay listed", len(got), len(want))
	}
	for _, f := range got {
		if f.Severity != Info || !slices.Contains(f.Tags, DisputedTag) || !strings.Contains(f.Message, "模型存疑") || f.Reader != ReaderRule {
			t.Errorf("counter-framed scene: %s (%s) %v %q, want info, tagged %s", f, f.Reader, f.Tags, f.Message, DisputedTag)
		}
	}
	for _, f := range want {
		if f.Severity == Info || slices.Contains(f.Tags, DisputedTag) {
			t.Errorf("rules alone: %s disputed", f)
		}
	}
}

// TestModelNeverDisputesMinors: a twelve-year-old smoking is the rules'
// call even where the model reads nothing; so is a blocker.
func TestModelNeverDisputesMinors(t *testing.T) {
	e, _ := Default()
	for _, text := range []string{
		"【钩子】小宇不见了！\n△林晚在街上找了一圈。\n【卡点】电话响了——\n△小宇叼着烟蹲在门口。",
		"△小宇叼着烟蹲在门口。",
	} {
		rules := e.Check(snippetProject(text, ScopeAction), Options{Lang: "zh", Now: testNow, Readers: ReadRules})
		all := e.Check(snippetProject(text, ScopeAction), Options{Lang: "zh", Now: testNow})
		for _, f := range rules.Findings {
			if f.Category != "minors" && f.Severity != Blocker {
				continue
			}
			found := false
			for _, g := range all.Findings {
				if g.Rule == f.Rule && g.Start == f.Start {
					found = true
					if g.Severity != f.Severity || slices.Contains(g.Tags, DisputedTag) {
						t.Errorf("%s: %s disputed by the model (%s, %v)", text, f.Rule, g.Severity, g.Tags)
					}
				}
			}
			if !found {
				t.Errorf("%s: %s dropped with the model", text, f.Rule)
			}
		}
	}
}
