package check

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// Filing limits of the WeChat auditdrama API (reference §3).
const (
	SynopsisMax = 200
	TaglineMax  = 30
)

// FilingItem is one line of the filing checklist.
type FilingItem struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Status string `json:"status"` // ok, missing, problem, manual (the tool cannot know)
	Detail string `json:"detail,omitempty"`
}

// Filing statuses.
const (
	StatusOK      = "ok"
	StatusMissing = "missing"
	StatusProblem = "problem"
	StatusManual  = "manual"
)

// reLicence is the 片头 number: （豫）网微剧审字（2025）第012号.
var reLicence = regexp.MustCompile(`^[（(]\s*(总局|京|津|沪|渝|冀|豫|云|辽|黑|湘|皖|鲁|新|苏|浙|赣|鄂|桂|甘|晋|蒙|陕|吉|闽|贵|粤|青|藏|川|宁|琼)\s*[）)]\s*网微剧(审|备)字\s*[（(]\s*((?:19|20)\d\d)\s*[）)]\s*第\s*([0-9０-９]+)\s*号$`)

// LicenceKind reads a 片头 number: "审" (许可证, key dramas), "备"
// (登记备案号, ordinary dramas), "" when the text is not in either format.
func LicenceKind(s string) (kind, issuer, year string) {
	m := reLicence.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", ""
	}
	return m[2], m[1], m[3]
}

func runeLen(s string) int { return utf8.RuneCountInString(strings.TrimSpace(s)) }

// FilingChecklist lists what the filing needs for the project's tier and
// what the project has. Items the tool cannot know are "manual".
func FilingChecklist(p *script.Project, o Options) []FilingItem {
	t := ComputeTier(p, o)
	m := p.Meta
	l := func(zh, en string) string { return pickLang(o.Lang, zh, en) }
	var out []FilingItem
	add := func(id, zh, en, status, detail string) {
		out = append(out, FilingItem{ID: id, Label: l(zh, en), Status: status, Detail: detail})
	}
	have := func(ok bool) string {
		if ok {
			return StatusOK
		}
		return StatusMissing
	}
	add("title", "片名", "Title", have(strings.TrimSpace(m.Title) != ""), m.Title)
	add("episodes", "集数", "Episode count", have(len(p.Episodes) > 0 || m.TargetEpisodes > 0), itoa(max(len(p.Episodes), m.TargetEpisodes)))
	add("seconds", "单集时长", "Seconds per episode", have(m.SecondsPerEpisode > 0), itoa(m.SecondsPerEpisode))
	syn := StatusOK
	synDetail := l(itoa(runeLen(m.Synopsis))+"/"+itoa(SynopsisMax)+" 字", itoa(runeLen(m.Synopsis))+"/"+itoa(SynopsisMax)+" characters")
	switch {
	case strings.TrimSpace(m.Synopsis) == "":
		syn, synDetail = StatusMissing, ""
	case runeLen(m.Synopsis) > SynopsisMax:
		syn = StatusProblem
	}
	add("synopsis", "内容简介（≤200字）", "Synopsis (≤200 characters)", syn, synDetail)
	tag := StatusOK
	switch {
	case strings.TrimSpace(m.Tagline) == "":
		tag = StatusMissing
	case runeLen(m.Tagline) > TaglineMax:
		tag = StatusProblem
	}
	tagDetail := ""
	if tag != StatusMissing {
		tagDetail = itoa(runeLen(m.Tagline)) + "/" + itoa(TaglineMax)
	}
	add("tagline", "推荐语（≤30字）", "Tagline (≤30 characters)", tag, tagDetail)
	add("producer", "制作机构", "Producer", have(strings.TrimSpace(m.Producer) != ""), m.Producer)
	add("writers", "编剧", "Writers", have(len(m.Writers) > 0), strings.Join(m.Writers, "、"))
	add("budget", "制作成本（决定层级）", "Production budget (sets the tier)", have(m.BudgetWan > 0), trimFloat(m.BudgetWan))
	add("golive", "上线日期", "Go-live date", have(m.GoLive != ""), m.GoLive)
	add("platforms", "上线平台", "Platforms", have(len(m.Platforms) > 0), strings.Join(m.Platforms, "、"))
	lic := StatusMissing
	detail := t.Number
	if s := strings.TrimSpace(m.Licence); s != "" {
		kind, _, _ := LicenceKind(s)
		switch {
		case t.Key == TierOther || t.Key == TierUnknown || t.Key == TierNotInForce:
			lic = StatusOK
		case kind == "":
			lic, detail = StatusProblem, l("格式应为 ", "should read ")+t.Number
		case t.Key == TierKey && kind != "审", t.Key == TierOrdinary && kind != "备":
			lic, detail = StatusProblem, l("与层级不符，应为 ", "does not match the tier; should read ")+t.Number
		default:
			lic, detail = StatusOK, s
		}
	}
	add("licence", "片头许可证号/备案号", "Licence or filing number on the opening frame", lic, detail)
	add("names", "分集名“剧名 - 第x集”", "Episode names \"剧名 - 第x集\"", have(strings.TrimSpace(m.Title) != ""), p.EpisodeName(1))
	add("cast", "演员信息", "Actor information", StatusManual, "")
	add("rights", "《权利声明及不侵权承诺函》或授权书", "Rights statement and non-infringement pledge, or authorisation", StatusManual, "")
	add("licence_co", "《广播电视节目制作经营许可证》", "Radio and TV programme production licence", StatusManual, "")
	switch t.Key {
	case TierKey:
		add("plan", "规划备案（重点网络影视剧信息备案系统）", "Plan filing (key online drama filing system)", StatusManual, "")
		add("pledge", "剧本创作承诺书、成本配置报告", "Script pledge and cost-allocation report", StatusManual, "")
		add("review", "成片审核材料，取得《网络剧片发行许可证》", "Final-cut review, distribution licence", StatusManual, "")
	case TierOrdinary:
		add("plan", "规划备案（网络视听节目备案系统·普通微短剧）", "Plan filing (online audiovisual filing system)", StatusManual, "")
		add("pledge", "剧本创作承诺书、成本配置报告", "Script pledge and cost-allocation report", StatusManual, "")
		add("review", "成片审查，取得登记备案号", "Final-cut review, registration number", StatusManual, "")
	case TierOther:
		add("cost_report", "《成本配置比例情况报告》（微信、抖音）", "Cost-allocation report (WeChat, Douyin)", StatusManual, "")
		add("fee_pledge", "片酬承诺书（抖音）", "Fee pledge (Douyin)", StatusManual, "")
	}
	minors := false
	cx := newProjectCtx(p, o)
	if len(cx.minorC) > 0 {
		minors = true
	}
	if minors {
		add("guardian", "未成年演员监护人书面同意", "Written consent of minor actors' guardians", StatusManual, l("[S] 单一来源", "[S] single source"))
	}
	if p.Meta.AIMade || len(p.Provenance) > 0 {
		st := StatusOK
		if !p.Settings.LabelAIContent {
			st = StatusMissing
		}
		add("ai_label", "AI 生成内容显式标识与元数据（GB 45438-2025）", "AI-content label and metadata (GB 45438-2025)", st, "")
	}
	return out
}

func itoa(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}
