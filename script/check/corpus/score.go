package corpus

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/script/check/model"
)

// Count is a category's confusion counts (shared with the model's
// cross-validation).
type Count = model.Count

// FrameCount counts false alarms on the examples of one frame.
type FrameCount struct {
	Examples    int `json:"examples"`
	Clean       int `json:"clean"`                // examples labelled "-"
	FalseAlarmX int `json:"false_alarm_examples"` // examples with at least one false alarm
	FalseAlarms int `json:"false_alarms"`
}

// Miss is one wrong call, for -v listings.
type Miss struct {
	File   string   `json:"file"`
	Line   int      `json:"line"`
	Kind   string   `json:"kind"` // "missed" or "false alarm"
	Cats   []string `json:"categories"`
	Frame  string   `json:"frame,omitempty"`
	Text   string   `json:"text"`
	Reason string   `json:"reason,omitempty"`
}

// Score accumulates an evaluation.
type Score struct {
	Examples   int                          `json:"examples"`
	Categories map[string]*Count            `json:"categories"` // the nine content categories
	Micro      Count                        `json:"micro"`      // over the nine
	AI         Count                        `json:"ai"`
	Title      struct{ Correct, Total int } `json:"title"`
	Frames     map[string]*FrameCount       `json:"frames"`
	Misses     []Miss                       `json:"misses,omitempty"`
}

// NewScore is an empty score.
func NewScore() *Score {
	s := &Score{Categories: map[string]*Count{}, Frames: map[string]*FrameCount{}}
	for _, c := range Content {
		s.Categories[c] = &Count{}
	}
	return s
}

var isContent = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range Content {
		m[c] = true
	}
	return m
}()

// Add scores one example given the categories a reader raised on it. For a
// title, any raised category means "flagged" and any label means "bad": a
// title is right when the two agree.
func (s *Score) Add(x Example, got map[string]bool) {
	s.Examples++
	frame := x.Frame
	if frame == "" {
		frame = "(unframed)"
	}
	fc := s.Frames[frame]
	if fc == nil {
		fc = &FrameCount{}
		s.Frames[frame] = fc
	}
	fc.Examples++
	if len(x.Labels) == 0 {
		fc.Clean++
	}
	if x.Scope == Title {
		s.Title.Total++
		bad, flagged := len(x.Labels) > 0, len(got) > 0
		if bad == flagged {
			s.Title.Correct++
		} else if flagged {
			fc.FalseAlarmX++
			fc.FalseAlarms++
			s.Misses = append(s.Misses, Miss{x.File, x.Line, "false alarm", []string{"title"}, x.Frame, x.Text, x.Reason})
		} else {
			s.Misses = append(s.Misses, Miss{x.File, x.Line, "missed", []string{"title"}, x.Frame, x.Text, x.Reason})
		}
		return
	}
	var missed, false_ []string
	for _, c := range append(append([]string{}, Content...), "ai") {
		want, have := x.Has(c), got[c]
		cnt := &s.AI
		if c != "ai" {
			cnt = s.Categories[c]
		}
		var d Count
		switch {
		case want && have:
			d.TP = 1
		case want:
			d.FN = 1
			missed = append(missed, c)
		case have:
			d.FP = 1
			false_ = append(false_, c)
		}
		cnt.Add(d)
		if c != "ai" {
			s.Micro.Add(d)
		}
	}
	if len(false_) > 0 {
		fc.FalseAlarmX++
		fc.FalseAlarms += len(false_)
		s.Misses = append(s.Misses, Miss{x.File, x.Line, "false alarm", false_, x.Frame, x.Text, x.Reason})
	}
	if len(missed) > 0 {
		s.Misses = append(s.Misses, Miss{x.File, x.Line, "missed", missed, x.Frame, x.Text, x.Reason})
	}
}

// Merge adds o into s.
func (s *Score) Merge(o *Score) {
	s.Examples += o.Examples
	for c, n := range o.Categories {
		if s.Categories[c] == nil {
			s.Categories[c] = &Count{}
		}
		s.Categories[c].Add(*n)
	}
	s.Micro.Add(o.Micro)
	s.AI.Add(o.AI)
	s.Title.Correct += o.Title.Correct
	s.Title.Total += o.Title.Total
	for f, n := range o.Frames {
		if s.Frames[f] == nil {
			s.Frames[f] = &FrameCount{}
		}
		m := s.Frames[f]
		m.Examples += n.Examples
		m.Clean += n.Clean
		m.FalseAlarmX += n.FalseAlarmX
		m.FalseAlarms += n.FalseAlarms
	}
	s.Misses = append(s.Misses, o.Misses...)
}

// Table writes the human-readable report.
func (s *Score) Table(w io.Writer) {
	fmt.Fprintf(w, "%-13s %4s %4s %4s %9s %7s\n", "category", "tp", "fp", "fn", "precision", "recall")
	for _, c := range Content {
		n := s.Categories[c]
		fmt.Fprintf(w, "%-13s %4d %4d %4d %9.2f %7.2f\n", c, n.TP, n.FP, n.FN, n.Precision(), n.Recall())
	}
	fmt.Fprintf(w, "%-13s %4d %4d %4d %9.2f %7.2f\n", "ALL (micro)", s.Micro.TP, s.Micro.FP, s.Micro.FN, s.Micro.Precision(), s.Micro.Recall())
	fmt.Fprintf(w, "%-13s %4d %4d %4d %9.2f %7.2f\n", "ai", s.AI.TP, s.AI.FP, s.AI.FN, s.AI.Precision(), s.AI.Recall())
	acc := 1.0
	if s.Title.Total > 0 {
		acc = float64(s.Title.Correct) / float64(s.Title.Total)
	}
	fmt.Fprintf(w, "titles: %d/%d correct (%.2f)\n", s.Title.Correct, s.Title.Total, acc)
	var fr []string
	for f := range s.Frames {
		fr = append(fr, f)
	}
	sort.Strings(fr)
	fmt.Fprintf(w, "%-12s %8s %6s %22s %12s\n", "frame", "examples", "clean", "examples w/ false alarm", "false alarms")
	for _, f := range fr {
		n := s.Frames[f]
		fmt.Fprintf(w, "%-12s %8d %6d %22d %12d\n", f, n.Examples, n.Clean, n.FalseAlarmX, n.FalseAlarms)
	}
}

// List writes the misses and false alarms, one a line.
func (s *Score) List(w io.Writer) {
	for _, m := range s.Misses {
		fmt.Fprintf(w, "%s:%d: %s %s [%s] %s\n", m.File, m.Line, m.Kind, strings.Join(m.Cats, ","), m.Frame, strings.ReplaceAll(m.Text, "\n", `\n`))
	}
}
