package check

import (
	"github.com/duanju-studio/duanju/script"
)

// Severity is the one severity scale of the app (script.Severity): the
// self-check, subtitle lint, the AI review and the CLI's --fail-on share it.
type Severity = script.Severity

// The severities, from the most to the least severe.
const (
	Blocker = script.Blocker
	High    = script.High
	Medium  = script.Medium
	Low     = script.Low
	Info    = script.Info
)

// Severities lists the severities from the most to the least severe.
var Severities = script.Severities

// ParseSeverity reads a severity name (case-insensitive).
func ParseSeverity(s string) (Severity, error) { return script.ParseSeverity(s) }

// Categories is the fixed category list, in report order.
var Categories = []string{"title", "filing", "bazong", "money", "stereotype", "violence", "vulgar", "minors", "history", "superstition", "sensitive", "ai", "craft"}

var categoryNames = map[string][2]string{
	"title":        {"片名", "Title"},
	"filing":       {"分层与备案", "Tier and filing"},
	"bazong":       {"霸总与攀附权贵", "Domineering-CEO romance"},
	"money":        {"拜金炫富", "Money worship"},
	"stereotype":   {"刻板形象", "Stereotypes"},
	"violence":     {"暴力与极端复仇", "Violence and revenge"},
	"vulgar":       {"低俗擦边", "Vulgarity and innuendo"},
	"minors":       {"未成年人", "Minors"},
	"history":      {"魔改经典与历史", "Classics and history"},
	"superstition": {"封建迷信", "Superstition"},
	"sensitive":    {"特殊题材", "Special subjects"},
	"ai":           {"AI 内容标识", "AI-content labelling"},
	"craft":        {"精品化", "Craft"},
}

// CategoryLabel is the category's display name in lang .
func CategoryLabel(cat string, lang script.Lang) string {
	n, ok := categoryNames[cat]
	if !ok {
		return cat
	}
	if lang == script.Zh {
		return n[0]
	}
	return n[1]
}

func knownCategory(c string) bool { _, ok := categoryNames[c]; return ok }
