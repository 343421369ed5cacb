package check

import (
	"fmt"
	"github.com/duanju-studio/duanju/script"
	"strings"
)

// Severity orders findings; a blocker stops submission.
type Severity string

const (
	Blocker Severity = "blocker"
	High    Severity = "high"
	Medium  Severity = "medium"
	Low     Severity = "low"
	Info    Severity = "info"
)

// Severities lists the severities from the most to the least severe.
var Severities = []Severity{Blocker, High, Medium, Low, Info}

// Rank is 4 for blocker down to 0 for info, -1 for an unknown severity.
func (s Severity) Rank() int {
	switch s {
	case Blocker:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	case Info:
		return 0
	}
	return -1
}

// AtLeast reports whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.Rank() >= min.Rank() }

// Label is the severity's name in the given language .
func (s Severity) Label(lang script.Lang) string {
	if lang != script.Zh {
		return string(s)
	}
	switch s {
	case Blocker:
		return "阻断"
	case High:
		return "高"
	case Medium:
		return "中"
	case Low:
		return "低"
	case Info:
		return "提示"
	}
	return string(s)
}

// ParseSeverity reads a severity name (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	v := Severity(strings.ToLower(strings.TrimSpace(s)))
	if v.Rank() < 0 {
		return "", fmt.Errorf("unknown severity %q (use blocker, high, medium, low or info)", s)
	}
	return v, nil
}

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
