package script

import (
	"fmt"
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
func (s Severity) Label(lang Lang) string {
	if lang != Zh {
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
