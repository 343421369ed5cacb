package pack

import (
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/export"
)

// Item states.
const (
	StateOK      = "ok"
	StateMissing = "missing" // required: the package is not written without --force
	StateTodo    = "todo"    // to do before submitting, does not stop the package
	StateInfo    = "info"
)

// Item is one line of the completeness checklist.
type Item struct {
	ID    string `json:"id"`
	State string `json:"state"`
	ZH    string `json:"zh"`
	EN    string `json:"en"`
}

// Text is the item in the language ("zh" or "en").
func (i Item) Text(lang script.Lang) string {
	if lang == script.Zh {
		return i.ZH
	}
	return i.EN
}

// Checklist says what the package has and what is still missing for the
// project's review tier.
type Checklist struct {
	Tier  Tier   `json:"tier"`
	Items []Item `json:"items"`
}

// Missing returns the required items that are not there.
func (c Checklist) Missing() []Item {
	var out []Item
	for _, i := range c.Items {
		if i.State == StateMissing {
			out = append(out, i)
		}
	}
	return out
}

// Ready reports whether nothing required is missing.
func (c Checklist) Ready() bool { return len(c.Missing()) == 0 }

// BuildChecklist checks p for the tier; rep is the self-check result (nil
// when the check engine is not available).
func BuildChecklist(p *script.Project, tier Tier, rep *CheckReport) Checklist {
	c := Checklist{Tier: tier}
	add := func(id, state, zh, en string) { c.Items = append(c.Items, Item{id, state, zh, en}) }
	ok := func(cond bool, miss string) string {
		if cond {
			return StateOK
		}
		return miss
	}
	m := p.Meta
	scenes := 0
	for _, e := range p.Episodes {
		scenes += len(e.Scenes)
	}
	add("script", ok(len(p.Episodes) > 0 && scenes > 0, StateMissing), "剧本正文（PDF、DOCX）", "script text (PDF, DOCX)")
	issues := map[string]export.FilingIssue{}
	for _, i := range export.FilingIssues(p) {
		issues[i.Field] = i
	}
	for _, f := range []struct{ field, zh, en string }{
		{"title", "剧名", "title"}, {"synopsis", "内容简介（≤200字）", "synopsis (≤200 characters)"},
		{"tagline", "推荐语（≤30字）", "tagline (≤30 characters)"}, {"episodes", "分集列表（剧名 - 第x集，连续编号）", "episode list (\"剧名 - 第x集\", continuous)"},
	} {
		if i, bad := issues[f.field]; bad {
			add(f.field, StateMissing, f.zh+"："+i.ZH, f.en+": "+i.EN)
		} else {
			add(f.field, StateOK, f.zh, f.en)
		}
	}
	add("producer", ok(strings.TrimSpace(m.Producer) != "", StateMissing), "制作机构", "producer")
	add("writers", ok(len(m.Writers) > 0, StateTodo), "编剧署名", "writers credited")
	add("budget", ok(m.BudgetWan > 0, StateMissing), "制作成本（决定审核层级）", "production budget (decides the review tier)")
	if tier.Name != "" {
		add("tier", StateInfo, "审核层级："+tier.Name+"（"+tier.Reason+"）", "review tier: "+tier.Name+" ("+tier.Reason+")")
	}
	switch tier.Name {
	case TierKey:
		add("licence", ok(m.Licence != "", StateTodo), "《网络剧片发行许可证》号（重点微短剧，上线前片头须标注）", "distribution licence number (key tier; shown in the opening before going live)")
		if len(m.SpecialSubjects) > 0 {
			add("co-review", StateTodo, "特殊题材协审意见（"+strings.Join(m.SpecialSubjects, "、")+"）", "co-review opinion for the special subject ("+strings.Join(m.SpecialSubjects, ", ")+")")
		}
	case TierNormal:
		add("licence", ok(m.Licence != "", StateTodo), "省级广电备案号（普通微短剧，上线前片头须标注）", "provincial filing number (normal tier; shown in the opening before going live)")
	case TierOther:
		add("licence", ok(m.Licence != "", StateTodo), "平台备案号（其他微短剧）", "platform filing number (other tier)")
	default:
		add("licence", ok(m.Licence != "", StateTodo), "许可证号/备案号（审核层级确定后申领）", "licence or filing number (apply once the tier is known)")
	}
	add("templates", StateTodo, "成本配置比例情况报告、片酬承诺书、剧本创作承诺书（模板已预填，需补全并签章）", "cost report, actor-fee and script pledges (prefilled templates: complete, sign and stamp)")
	if export.HasAIText(p) {
		add("ai-label", ok(p.Settings.LabelAIContent, StateMissing), "AI生成内容标识（剧本含AI文本，须开启导出标识）", "AI-content label (the script has AI text: turn on labelling)")
	}
	if rep == nil {
		add("self-check", StateMissing, "自查报告（本版本未包含自查引擎）", "self-check report (no check engine in this build)")
	} else {
		switch {
		case rep.HTML == nil || rep.JSON == nil:
			add("self-check", StateMissing, "自查报告 HTML/JSON（报告模块未就绪）", "self-check report HTML/JSON (report writer not available)")
		case rep.Blockers > 0:
			add("self-check", StateTodo, "自查报告：仍有 "+itoa(rep.Blockers)+" 个阻断级问题未处理或豁免", "self-check report: "+itoa(rep.Blockers)+" blocker findings open (fix or waive)")
		default:
			add("self-check", StateOK, "自查报告（含豁免说明）", "self-check report (with waivers)")
		}
	}
	if len(p.Tracks) > 0 {
		add("subtitles", StateOK, "字幕轨 "+itoa(len(p.Tracks))+" 条", itoa(len(p.Tracks))+" subtitle tracks")
	} else {
		add("subtitles", StateInfo, "项目中没有字幕轨（出海平台需要）", "no subtitle tracks in the project (needed for overseas platforms)")
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }
