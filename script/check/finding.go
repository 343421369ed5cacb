package check

import (
	"sort"

	"github.com/duanju-studio/duanju/script"
)

// Finding is one passage a reviewer would stop at. Start and End are byte
// offsets in the episode Body (Line is its 1-based line); for a finding on
// the metadata, Episode is 0 and Field names the field (title, synopsis…)
// that Start/End point into. JSON keys are the CLI's --json contract.
type Finding struct {
	Rule       string         `json:"rule"`
	Category   string         `json:"category"`
	Severity   Severity       `json:"severity"`
	Episode    int            `json:"episode"`
	Scene      string         `json:"scene"`
	Line       int            `json:"line"`
	Start      int            `json:"start"`
	End        int            `json:"end"`
	Field      string         `json:"field,omitempty"`
	Term       string         `json:"term,omitempty"`  // the rule term that matched
	Match      string         `json:"match,omitempty"` // the text at [start,end)
	Excerpt    string         `json:"excerpt"`
	Message    string         `json:"message"`
	Suggestion string         `json:"suggestion"`
	Source     Source         `json:"source"`
	Tags       []string       `json:"tags,omitempty"`
	Waiver     *script.Waiver `json:"waiver,omitempty"`
	// Reader is who raised the finding: "rule" (a cited rule), "model" (the
	// learned reader, with its Score and the Evidence that weighed most) or
	// "ai" (the AI review).
	Reader   string   `json:"reader"`
	Score    float64  `json:"score,omitempty"`
	Evidence []string `json:"evidence,omitempty"`
}

// Reader names.
const (
	ReaderRule  = "rule"
	ReaderModel = "model"
	ReaderAI    = "ai"
)

// Waived reports whether the finding has been reviewed and waived.
func (f Finding) Waived() bool { return f.Waiver != nil }

// Summary counts findings. Open counts exclude waived findings.
type Summary struct {
	Total      int                         `json:"total"`
	Open       int                         `json:"open"`
	Waived     int                         `json:"waived"`
	BySeverity map[Severity]int            `json:"by_severity"` // open findings
	ByCategory map[string]int              `json:"by_category"` // open findings
	Matrix     map[string]map[Severity]int `json:"by_category_severity"`
	Worst      Severity                    `json:"worst,omitempty"` // most severe open finding
}

func summarize(fs []Finding) Summary {
	s := Summary{BySeverity: map[Severity]int{}, ByCategory: map[string]int{}, Matrix: map[string]map[Severity]int{}}
	for _, f := range fs {
		s.Total++
		if f.Waived() {
			s.Waived++
			continue
		}
		s.Open++
		s.BySeverity[f.Severity]++
		s.ByCategory[f.Category]++
		m := s.Matrix[f.Category]
		if m == nil {
			m = map[Severity]int{}
			s.Matrix[f.Category] = m
		}
		m[f.Severity]++
		if f.Severity.Rank() > s.Worst.Rank() {
			s.Worst = f.Severity
		}
	}
	return s
}

// sortFindings orders findings by episode, position, then severity.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return findingLess(&fs[i], &fs[j]) })
}

// findingLess is the order of sortFindings.
func findingLess(a, b *Finding) bool {
	if a.Episode != b.Episode {
		return a.Episode < b.Episode
	}
	if a.Field != b.Field {
		return a.Field < b.Field
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.Severity != b.Severity {
		return a.Severity.Rank() > b.Severity.Rank()
	}
	return a.Rule < b.Rule
}

// Result is a whole check: the JSON of `duanju-cli check --json`.
type Result struct {
	Project  string         `json:"project"`
	Tier     TierResult     `json:"tier"`
	Filing   []FilingItem   `json:"filing"`
	Findings []Finding      `json:"findings"`
	Summary  Summary        `json:"summary"`
	Waivers  []WaiverStatus `json:"waivers"`
	Lang     script.Lang    `json:"lang"`
	Date     string         `json:"date"` // the date rules were evaluated at (go-live or today)
	// Readers says how the optional readers (the AI review) ran; absent
	// when only the rules and the model read.
	Readers []ReaderStatus `json:"readers,omitempty"`
}

// Fails reports whether an open finding is at or above min.
func (r *Result) Fails(min Severity) bool {
	for _, f := range r.Findings {
		if !f.Waived() && f.Severity.AtLeast(min) {
			return true
		}
	}
	return false
}
