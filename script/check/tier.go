package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Tier keys (分类分层).
const (
	TierKey        = "key"      // 重点
	TierOrdinary   = "ordinary" // 普通
	TierOther      = "other"    // 其他
	TierUnknown    = "unknown"  // budget not given
	TierNotInForce = "none"     // go-live before 2024-06-01
)

// TierResult is the review tier a project falls in and why.
type TierResult struct {
	Name    string   `json:"name"`   // 重点 / 普通 / 其他 / 待定 / 不适用
	Key     string   `json:"key"`    // key, ordinary, other, unknown, none
	Reason  string   `json:"reason"` // in the check's language
	Window  string   `json:"window"` // which table applied, e.g. "2026-01-01–"
	Date    string   `json:"date"`   // the date the table was chosen by
	Review  string   `json:"review,omitempty"`
	Number  string   `json:"number_format,omitempty"` // 片头 number format
	Notes   []string `json:"notes,omitempty"`
	Sources []Source `json:"sources"`
}

// tierTable is one date window's thresholds in 万元.
type tierTable struct {
	from, until   time.Time
	label         string
	key, ordinary float64 // 重点 at ≥ key; 普通 at ≥ ordinary
	ai            bool
	source        Source
}

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

var (
	src2024 = Source{Name: "国家广电总局《关于微短剧备案最新工作提示》分类分层（2024-06-01 起）；新华社 2025-02-05", URL: "http://m.wzbj1616.com/art_info/726", Mark: "V"}
	src2026 = Source{Name: "国家广电总局《关于调整微短剧分类分层标准的通知》（2026-01-01 起），IT时代网 2026-01-14；广西 2026 通知与微信 auditdrama 佐证", URL: "http://www.digipub.cc/dy/article/KJ7RH12R05527PMU.html", Mark: "S"}
	srcAI   = Source{Name: "《管理提示（AI微短剧分类分层标准）》6月25日（2026-07-01 起），仅一个来源", URL: "http://www.biogeomike.cn/post/67678191.html", Mark: "S"}
	srcPath = Source{Name: "2024 工作提示与 2025-02-05《关于进一步统筹发展和安全促进网络微短剧行业健康繁荣发展的通知》：审核路径与片头号格式", URL: "http://anqing.hnxfqy.com/post/ngSg_83078.html", Mark: "V"}
)

var tierTables = []tierTable{
	{from: day("2024-06-01"), until: day("2025-12-31"), label: "2024-06-01–2025-12-31", key: 100, ordinary: 30, source: src2024},
	{from: day("2026-01-01"), label: "2026-01-01–", key: 300, ordinary: 100, source: src2026},
	{from: day("2026-07-01"), label: "AI 2026-07-01–", key: 80, ordinary: 30, ai: true, source: srcAI},
}

// specialSubjects always make a drama 重点 (with 协审).
var specialSubjects = []string{"政治", "军事", "外交", "国家安全", "统战", "民族", "宗教", "司法", "公安"}

// ComputeTier returns the tier of p on the project's go-live date (or
// today, when there is none) in lang.
func ComputeTier(p *script.Project, o Options) TierResult {
	d := o.date(p)
	zh := o.Lang == script.Zh
	t := TierResult{Date: d.Format(time.DateOnly)}
	if p.Meta.GoLive == "" {
		t.Notes = append(t.Notes, pickLang(o.Lang, "未填写上线日期，按今天计算", "no go-live date: evaluated for today"))
	}
	if d.Before(tierTables[0].from) {
		t.Name, t.Key, t.Window = pickLang(o.Lang, "不适用", "not in force"), TierNotInForce, "–2024-05-31"
		t.Reason = pickLang(o.Lang, "分类分层自 2024-06-01 起施行，上线日期早于此", "tiering applies to dramas online from 2024-06-01; the go-live date is earlier")
		t.Sources = []Source{src2024}
		return t
	}
	var tab tierTable
	for _, x := range tierTables {
		if d.Before(x.from) || (!x.until.IsZero() && d.After(x.until)) || (x.ai && !p.Meta.AIMade) {
			continue
		}
		tab = x
	}
	t.Window = tab.label
	t.Sources = []Source{tab.source, srcPath}
	if tab.ai {
		t.Notes = append(t.Notes, pickLang(o.Lang, "AI 微短剧门槛（80万/30万）只有一个来源（[S]），报送前请核对原文", "the AI-drama thresholds (800k/300k yuan) have a single source ([S]); check the official text before filing"))
	} else if p.Meta.AIMade && d.Before(day("2026-07-01")) {
		t.Notes = append(t.Notes, pickLang(o.Lang, "AI 微短剧单独门槛自 2026-07-01 起（单一来源），此前按一般标准", "separate AI-drama thresholds start 2026-07-01 (single source); before that the general table applies"))
	}
	var subj []string
	for _, s := range p.Meta.SpecialSubjects {
		for _, k := range specialSubjects {
			if strings.TrimSpace(s) == k {
				subj = append(subj, k)
			}
		}
	}
	b := p.Meta.BudgetWan
	money := func(v float64) string {
		if zh {
			return trimFloat(v) + "万元"
		}
		return trimFloat(v*10) + "k yuan"
	}
	switch {
	case len(subj) > 0:
		t.Key = TierKey
		t.Reason = pickLang(o.Lang, "特殊题材（"+strings.Join(subj, "、")+"）一律按重点微短剧管理，并走协审", "special subject ("+strings.Join(subj, ", ")+"): always a key drama, with joint review (协审)")
	case b <= 0:
		t.Key = TierUnknown
		t.Reason = pickLang(o.Lang, "未填写制作成本，无法判定层级（本窗口：≥"+money(tab.key)+" 重点，"+money(tab.ordinary)+"（含）–"+money(tab.key)+" 普通）",
			"no production budget given, so the tier is open (this window: ≥"+money(tab.key)+" key, "+money(tab.ordinary)+"–"+money(tab.key)+" ordinary)")
	case b >= tab.key:
		t.Key = TierKey
		t.Reason = pickLang(o.Lang, "制作成本 "+money(b)+" ≥ "+money(tab.key), "budget "+money(b)+" ≥ "+money(tab.key))
	case b >= tab.ordinary:
		t.Key = TierOrdinary
		t.Reason = pickLang(o.Lang, "制作成本 "+money(b)+" 在 "+money(tab.ordinary)+"（含）至 "+money(tab.key)+" 之间", "budget "+money(b)+" is from "+money(tab.ordinary)+" (incl.) to under "+money(tab.key))
	default:
		t.Key = TierOther
		t.Reason = pickLang(o.Lang, "制作成本 "+money(b)+" < "+money(tab.ordinary), "budget "+money(b)+" < "+money(tab.ordinary))
	}
	if tab.ai {
		t.Reason += pickLang(o.Lang, "（AI 微短剧标准）", " (AI-drama table)")
	}
	if tab.label == tierTables[0].label && t.Key != TierKey && t.Key != TierUnknown {
		t.Notes = append(t.Notes, pickLang(o.Lang, "2024 标准下，招商主推或首页首屏推荐的剧也按重点管理，也可自愿申报重点", "under the 2024 rules, dramas promoted to advertisers or on the home screen are key dramas too, and a producer may opt in"))
	}
	switch t.Key {
	case TierKey:
		t.Name = pickLang(o.Lang, "重点", "key (重点)")
		t.Review = pickLang(o.Lang, "重点网络影视剧信息备案系统：规划备案 → 省局初核 → 总局复核 → 规划备案号 → 拍摄 → 上线备案 → 省局审核成片 → 《网络剧片发行许可证》",
			"key online drama filing system: plan filing → province → NRTA → plan number → shoot → online filing → province reviews the cut → distribution licence")
		t.Number = "（总局或省份简称）网微剧审字（年份）第XXX号"
	case TierOrdinary:
		t.Name = pickLang(o.Lang, "普通", "ordinary (普通)")
		t.Review = pickLang(o.Lang, "网络视听节目备案系统“普通微短剧”：规划备案 → 省局审核 → 规划备案号 → 拍摄 → 上线备案 → 省局审核成片 → 唯一登记备案号",
			"online audiovisual filing system (普通微短剧): plan filing → province → plan number → shoot → online filing → province reviews the cut → registration number")
		t.Number = "（总局或省份简称）网微剧备字（年份）第XXX号"
	case TierOther:
		t.Name = pickLang(o.Lang, "其他", "other (其他)")
		t.Review = pickLang(o.Lang, "由播出或引流平台审核，报属地省局；微信、抖音要求《成本配置比例情况报告》，抖音另要片酬承诺书", "reviewed by the airing or traffic platform and reported to the province; WeChat and Douyin want a cost-allocation report, Douyin also a fee pledge")
		t.Number = pickLang(o.Lang, "平台编号（格式未核实）", "platform number (format unverified)")
	case TierUnknown:
		t.Name = pickLang(o.Lang, "待定", "undetermined")
	}
	return t
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
