// Package report writes a self-check result as a self-contained printable
// HTML page, Markdown or JSON: the tier and filing checklist, a summary by
// category and severity, every finding with its excerpt, source and
// suggestion, and the waivers.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
)

// Format is a report format.
type Format string

const (
	HTML     Format = "html"
	Markdown Format = "md"
	JSON     Format = "json"
	PDF      Format = "pdf" // written by script/export, not here
)

// FormatOf picks the format from a file name's extension.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return HTML, nil
	case ".md", ".markdown":
		return Markdown, nil
	case ".json":
		return JSON, nil
	case ".pdf":
		return PDF, nil
	}
	return "", fmt.Errorf("unknown report type %q: use .html, .md, .json or .pdf", filepath.Ext(name))
}

// Write writes r in format f.
func Write(w io.Writer, r *check.Result, f Format) error {
	switch f {
	case HTML:
		return WriteHTML(w, r)
	case Markdown:
		return WriteMarkdown(w, r)
	case JSON:
		return WriteJSON(w, r)
	}
	return fmt.Errorf("report format %q is not written by this package", f)
}

// WriteJSON writes the result as indented JSON (the `check --json` shape).
func WriteJSON(w io.Writer, r *check.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// group is the findings of one severity and category.
type group struct {
	Severity check.Severity
	Category string
	Findings []check.Finding
}

// groups orders open findings by severity, then category (in the fixed
// category order), then position.
func groups(r *check.Result, waived bool) []group {
	idx := map[string]int{}
	for i, c := range check.Categories {
		idx[c] = i
	}
	m := map[[2]string]*group{}
	var out []*group
	for _, f := range r.Findings {
		if f.Waived() != waived {
			continue
		}
		k := [2]string{string(f.Severity), f.Category}
		g := m[k]
		if g == nil {
			g = &group{Severity: f.Severity, Category: f.Category}
			m[k] = g
			out = append(out, g)
		}
		g.Findings = append(g.Findings, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity.Rank() > out[j].Severity.Rank()
		}
		return idx[out[i].Category] < idx[out[j].Category]
	})
	res := make([]group, len(out))
	for i, g := range out {
		res[i] = *g
	}
	return res
}

// t picks the report label in the result's language.
func t(r *check.Result, zh, en string) string {
	if r.Lang == script.Zh {
		return zh
	}
	return en
}

// where says where a finding is: 第3集 3-2 第12行, or the metadata field.
func where(r *check.Result, f check.Finding) string {
	if f.Episode == 0 {
		if f.Field == "" {
			return t(r, "全剧", "series")
		}
		return FieldLabel(r.Lang, f.Field)
	}
	var b strings.Builder
	b.WriteString(t(r, fmt.Sprintf("第%d集", f.Episode), fmt.Sprintf("ep. %d", f.Episode)))
	if f.Scene != "" {
		b.WriteString(" " + f.Scene)
	}
	if f.Line > 0 {
		b.WriteString(t(r, fmt.Sprintf(" 第%d行", f.Line), fmt.Sprintf(" line %d", f.Line)))
	}
	return b.String()
}

// FieldLabel names a metadata field (title, synopsis, licence…) in lang.
func FieldLabel(lang script.Lang, field string) string {
	r := &check.Result{Lang: lang}
	labels := map[string][2]string{
		"title": {"片名", "title"}, "synopsis": {"简介", "synopsis"}, "tagline": {"推荐语", "tagline"},
		"logline": {"一句话故事", "logline"}, "licence": {"许可证号/备案号", "licence number"},
		"meta": {"剧集设定", "series settings"}, "characters": {"人物表", "cast list"},
		"project": {"全剧", "series"}, "target_episodes": {"目标集数", "target episodes"}, "ai_made": {"AI 微短剧", "AI-made"},
	}
	if l, ok := labels[field]; ok {
		return t(r, l[0], l[1])
	}
	return field
}

func statusLabel(r *check.Result, s string) string {
	switch s {
	case check.StatusOK:
		return t(r, "✓ 已具备", "✓ done")
	case check.StatusMissing:
		return t(r, "✗ 缺少", "✗ missing")
	case check.StatusProblem:
		return t(r, "！有问题", "! problem")
	}
	return t(r, "□ 请自行确认", "□ check yourself")
}

// splitExcerpt cuts the excerpt around the matched text for highlighting.
func splitExcerpt(f check.Finding) (before, match, after string) {
	if f.Match != "" {
		if i := strings.Index(f.Excerpt, f.Match); i >= 0 {
			return f.Excerpt[:i], f.Match, f.Excerpt[i+len(f.Match):]
		}
	}
	return f.Excerpt, "", ""
}

// readerKind is who raised a finding: rule (also for findings from before
// readers were recorded), model or ai.
func readerKind(f check.Finding) string {
	switch f.Reader {
	case check.ReaderModel, check.ReaderAI:
		return f.Reader
	}
	return check.ReaderRule
}

// readerLabel is the badge of the reader: 规则/模型/AI, with "+AI" when
// the AI review raised the same finding.
func readerLabel(r *check.Result, f check.Finding) string {
	agreed := ""
	if slices.Contains(f.Tags, check.AgreedTag) {
		agreed = t(r, "＋AI认同", " + AI agrees")
	}
	switch readerKind(f) {
	case check.ReaderModel:
		return t(r, "模型", "model") + agreed
	case check.ReaderAI:
		return "AI"
	}
	return t(r, "规则", "rule") + agreed
}

// readerNotes says how the optional readers ran: the AI review's model
// and counts, or why it failed.
func readerNotes(r *check.Result) []string {
	var out []string
	for _, st := range r.Readers {
		if st.Reader != check.ReaderAI {
			continue
		}
		if st.Error != "" {
			out = append(out, st.Error)
			continue
		}
		out = append(out, fmt.Sprintf(t(r, "AI 复核（模型 %s，仅供参考）：读了 %d 集，新增 %d 条，认同规则或模型的 %d 条。",
			"AI review (model %s, advisory): %d episodes read, %d findings added, %d rule or model findings agreed with."),
			st.Model, st.Reviewed, st.Findings, st.Agreed))
	}
	return out
}

// modelNote gives a model finding's score and the words that weighed most.
func modelNote(r *check.Result, f check.Finding) string {
	if f.Reader != check.ReaderModel {
		return ""
	}
	sep := ", "
	if r.Lang == "zh" {
		sep = "、"
	}
	return fmt.Sprintf(t(r, "模型把握度 %.2f；依据词：%s", "model score %.2f; words that weighed most: %s"), f.Score, strings.Join(f.Evidence, sep))
}
