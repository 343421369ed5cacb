package pack

import (
	"strconv"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Review tiers (分类分层).
const (
	TierKey    = "重点"
	TierNormal = "普通"
	TierOther  = "其他"
)

// Tier is a project's review tier and why.
type Tier struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// TierFromMeta derives the tier from the budget, special subjects, the AI
// flag and the go-live date, with the thresholds in force on that date
// (compliance reference §2). The self-check's own tier, when available,
// takes precedence; this is the fallback.
func TierFromMeta(m script.Meta, now time.Time) Tier {
	when := now
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(m.GoLive)); err == nil {
		when = t
	}
	if len(m.SpecialSubjects) > 0 {
		return Tier{TierKey, "涉及特殊题材（" + strings.Join(m.SpecialSubjects, "、") + "），按重点微短剧管理并协审"}
	}
	if m.BudgetWan <= 0 {
		return Tier{"", "未填写制作成本，无法判断审核层级"}
	}
	key, normal, rule := 100.0, 30.0, "2024-06-01 起"
	switch {
	case m.AIMade && !when.Before(time.Date(2026, 7, 1, 0, 0, 0, 0, time.Local)):
		key, normal, rule = 80, 30, "AI微短剧 2026-07-01 起"
	case !when.Before(time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)):
		key, normal, rule = 300, 100, "2026-01-01 起"
	}
	b := m.BudgetWan
	switch {
	case b >= key:
		return Tier{TierKey, rule + "：成本 ≥" + fmtWan(key)}
	case b >= normal:
		return Tier{TierNormal, rule + "：成本 " + fmtWan(normal) + "（含）–" + fmtWan(key)}
	}
	return Tier{TierOther, rule + "：成本 <" + fmtWan(normal)}
}

func fmtWan(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "万元" }
