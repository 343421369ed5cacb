package subtitle

import (
	"fmt"
	"github.com/duanju-studio/duanju/script"
	"strings"
	"time"
	"unicode/utf8"
)

// Severity of a lint problem, on the self-check's scale (script.Severity)
// so the CLI's --fail-on works the same way. "high" is an error: the track
// is not deliverable under the profile.
type Severity = script.Severity

// The severities lint uses.
const (
	SevHigh   = script.High
	SevMedium = script.Medium
	SevLow    = script.Low
)

// Problem kinds (`subs lint --json`).
const (
	KindCPS         = "cps"
	KindCPL         = "cpl"
	KindLines       = "lines"
	KindDurationMin = "duration_min"
	KindDurationMax = "duration_max"
	KindGap         = "gap"
	KindOverlap     = "overlap"
	KindEmpty       = "empty"
	KindPunctuation = "punctuation"
	KindUnbalanced  = "unbalanced"
	KindTiming      = "timing" // end not after start, or out of order
)

// Problem is one lint finding on a cue (Cue is 1-based).
type Problem struct {
	Cue      int      `json:"cue"`
	ID       string   `json:"id,omitempty"`
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Zh       string   `json:"message_zh,omitempty"`
}

// Msg picks the message for a UI language ("zh" or "en").
func (p Problem) Msg(lang script.Lang) string {
	if lang == script.Zh && p.Zh != "" {
		return p.Zh
	}
	return p.Message
}

// lineStartForbidden may not start any line (ellipsis and dash may: they
// mark a continued or interrupted sentence).
const lineStartForbidden = "，。！？、；：”’）》」』】〕〉,.!?;:)]}%"

// bracketPairs are checked for balance within one cue.
var bracketPairs = [][2]rune{{'“', '”'}, {'‘', '’'}, {'（', '）'}, {'《', '》'}, {'「', '」'}, {'『', '』'}, {'【', '】'}, {'(', ')'}, {'[', ']'}}

const bracketChars = `“”‘’（）《》「」『』【】()[]"`

// CPS is the reading speed of a cue: characters (as the profile counts
// them, line breaks not counted) per second.
func CPS(c Cue, p *Profile) float64 {
	d := c.Duration().Seconds()
	if d <= 0 {
		return 0
	}
	var w float64
	for _, l := range c.Lines {
		w += p.Width(l)
	}
	return w / d
}

// Lint checks cues against a profile. Cues are expected in time order;
// out-of-order cues are reported, not re-sorted.
func Lint(cues []Cue, p *Profile) []Problem {
	var out []Problem
	add := func(i int, kind string, sev Severity, zh, en string) {
		out = append(out, Problem{Cue: i + 1, ID: cues[i].ID, Kind: kind, Severity: sev, Message: en, Zh: zh})
	}
	minD, maxD, gap := p.MinDuration(), p.MaxDuration(), p.MinGap()
	for i := range cues {
		c := &cues[i]
		if c.IsEmpty() {
			add(i, KindEmpty, SevHigh, "空字幕", "empty cue")
			continue
		}
		d := c.Duration()
		switch {
		case d <= 0:
			add(i, KindTiming, SevHigh, "结束时间不晚于开始时间", "end time is not after start time")
		case d < minD:
			add(i, KindDurationMin, SevHigh, fmt.Sprintf("显示 %s，短于 %s", fmtSec(d), fmtSec(minD)), fmt.Sprintf("on screen %s, shorter than %s", fmtSec(d), fmtSec(minD)))
		case d > maxD:
			add(i, KindDurationMax, SevHigh, fmt.Sprintf("显示 %s，长于 %s", fmtSec(d), fmtSec(maxD)), fmt.Sprintf("on screen %s, longer than %s", fmtSec(d), fmtSec(maxD)))
		}
		if d > 0 {
			if cps := CPS(*c, p); cps > p.MaxCPS+0.05 {
				add(i, KindCPS, SevHigh, fmt.Sprintf("阅读速度 %.1f 字/秒，超过 %.0f", cps, p.MaxCPS), fmt.Sprintf("reading speed %.1f cps, over %.0f", cps, p.MaxCPS))
			}
		}
		if len(c.Lines) > p.MaxLines {
			add(i, KindLines, SevHigh, fmt.Sprintf("%d 行，最多 %d 行", len(c.Lines), p.MaxLines), fmt.Sprintf("%d lines, at most %d", len(c.Lines), p.MaxLines))
		}
		for li, l := range c.Lines {
			if w := p.Width(l); w > p.CPL {
				add(i, KindCPL, SevHigh, fmt.Sprintf("第 %d 行 %s 字，超过 %s", li+1, fmtNum(w), fmtNum(p.CPL)), fmt.Sprintf("line %d has %s characters, over %s", li+1, fmtNum(w), fmtNum(p.CPL)))
			}
			if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(lineStartForbidden, r) {
				add(i, KindPunctuation, SevMedium, fmt.Sprintf("第 %d 行以“%c”开头", li+1, r), fmt.Sprintf("line %d starts with closing punctuation %q", li+1, r))
			}
			if li < len(c.Lines)-1 {
				if r, _ := utf8.DecodeLastRuneInString(l); isOpening(r) {
					add(i, KindPunctuation, SevMedium, fmt.Sprintf("第 %d 行以“%c”结尾", li+1, r), fmt.Sprintf("line %d ends with opening punctuation %q", li+1, r))
				}
			}
			if p.CJK && strings.HasPrefix(p.Lang, "zh") {
				if r, ok := halfWidthPunct(l); ok {
					add(i, KindPunctuation, SevLow, fmt.Sprintf("第 %d 行中文旁用了半角“%c”，应为全角", li+1, r), fmt.Sprintf("line %d: half-width %q next to Chinese; use the full-width form", li+1, r))
				}
			}
			if strings.ContainsAny(l, "\r\n") {
				add(i, KindLines, SevHigh, "行内含换行符", "a line contains a newline")
			}
		}
		if pair, ok := unbalanced(c.Lines); !ok {
			add(i, KindUnbalanced, SevMedium, "引号或括号不配对："+pair, "unbalanced quotes or brackets: "+pair)
		}
		if i+1 < len(cues) {
			n := &cues[i+1]
			switch g := n.Start - c.End; {
			case n.Start < c.Start:
				add(i+1, KindTiming, SevHigh, "开始时间早于上一条", "starts before the previous cue")
			case g < 0:
				add(i, KindOverlap, SevHigh, fmt.Sprintf("与下一条重叠 %s", fmtSec(-g)), fmt.Sprintf("overlaps the next cue by %s", fmtSec(-g)))
			case g < gap:
				add(i, KindGap, SevMedium, fmt.Sprintf("与下一条间隔 %s，少于 %s", fmtSec(g), fmtSec(gap)), fmt.Sprintf("gap to the next cue %s, under %s", fmtSec(g), fmtSec(gap)))
			}
		}
	}
	return out
}

// unbalanced checks quote and bracket pairs over a cue's text; it returns
// the offending pair.
func unbalanced(lines []string) (string, bool) {
	any := false
	for _, l := range lines {
		if strings.ContainsAny(l, bracketChars) {
			any = true
			break
		}
	}
	if !any {
		return "", true
	}
	for _, pr := range bracketPairs {
		open, shut := 0, 0
		for _, l := range lines {
			open += strings.Count(l, string(pr[0]))
			shut += strings.Count(l, string(pr[1]))
		}
		if open != shut {
			return string(pr[:]), false
		}
	}
	quotes := 0
	for _, l := range lines {
		quotes += strings.Count(l, `"`)
	}
	if quotes%2 != 0 {
		return `""`, false
	}
	return "", true
}

// CountBySeverity counts problems at or above sev.
func CountBySeverity(ps []Problem, sev Severity) int {
	n := 0
	for _, p := range ps {
		if p.Severity.Rank() >= sev.Rank() {
			n++
		}
	}
	return n
}

func fmtSec(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func fmtNum(f float64) string {
	if f == float64(int(f)) {
		return fmt.Sprint(int(f))
	}
	return fmt.Sprintf("%.1f", f)
}

// halfWidthPunct finds ASCII , . ? ! ; : next to a Chinese character
// (decimal points and times such as 3.5 or 10:30 are left alone).
func halfWidthPunct(l string) (rune, bool) {
	rs := []rune(l)
	for i, r := range rs {
		if !strings.ContainsRune(",.?!;:", r) {
			continue
		}
		prevHan := i > 0 && isHan(rs[i-1])
		nextHan := i+1 < len(rs) && isHan(rs[i+1])
		if prevHan || nextHan {
			return r, true
		}
	}
	return 0, false
}
