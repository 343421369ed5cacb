package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/duanju-studio/duanju/script/check"
)

// WriteMarkdown writes the report as Markdown.
func WriteMarkdown(w io.Writer, r *check.Result) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("# %s%s\n\n", t(r, "自检报告：", "Self-check report: "), mdEsc(r.Project))
	p("%s %s\n\n", t(r, "检查日期（按上线日期或今天）：", "Evaluated for:"), r.Date)
	p("## %s\n\n", t(r, "分类分层", "Review tier"))
	p("**%s** — %s\n\n", mdEsc(r.Tier.Name), mdEsc(r.Tier.Reason))
	if r.Tier.Review != "" {
		p("- %s%s\n", t(r, "审核路径：", "Review path: "), mdEsc(r.Tier.Review))
	}
	if r.Tier.Number != "" {
		p("- %s%s\n", t(r, "片头号格式：", "Opening-frame number: "), mdEsc(r.Tier.Number))
	}
	p("- %s%s\n", t(r, "适用标准：", "Table: "), r.Tier.Window)
	for _, n := range r.Tier.Notes {
		p("- %s\n", mdEsc(n))
	}
	for _, s := range r.Tier.Sources {
		p("- %s [%s] %s\n", mdEsc(s.Name), s.Mark, s.URL)
	}
	p("\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", t(r, "备案清单", "Filing checklist"), t(r, "项目", "Item"), t(r, "状态", "Status"), t(r, "说明", "Detail"))
	for _, it := range r.Filing {
		p("| %s | %s | %s |\n", mdEsc(it.Label), statusLabel(r, it.Status), mdEsc(it.Detail))
	}
	p("\n## %s\n\n", t(r, "概览", "Summary"))
	p("%s\n\n", t(r, fmt.Sprintf("共 %d 条，未处理 %d 条，已豁免 %d 条。", r.Summary.Total, r.Summary.Open, r.Summary.Waived),
		fmt.Sprintf("%d findings: %d open, %d waived.", r.Summary.Total, r.Summary.Open, r.Summary.Waived)))
	for _, n := range readerNotes(r) {
		p("%s\n\n", mdEsc(n))
	}
	p("| %s |", t(r, "类别", "Category"))
	for _, s := range check.Severities {
		p(" %s |", s.Label(r.Lang))
	}
	p("\n|---|%s\n", strings.Repeat("---|", len(check.Severities)))
	for _, c := range check.Categories {
		m := r.Summary.Matrix[c]
		if len(m) == 0 {
			continue
		}
		p("| %s |", check.CategoryLabel(c, r.Lang))
		for _, s := range check.Severities {
			if n := m[s]; n > 0 {
				p(" %d |", n)
			} else {
				p(" · |")
			}
		}
		p("\n")
	}
	p("\n## %s\n\n", t(r, "问题", "Findings"))
	gs := groups(r, false)
	if len(gs) == 0 {
		p("%s\n\n", t(r, "没有未处理的问题。", "No open findings."))
	}
	for _, g := range gs {
		p("### %s · %s (%d)\n\n", g.Severity.Label(r.Lang), check.CategoryLabel(g.Category, r.Lang), len(g.Findings))
		for _, f := range g.Findings {
			mdFinding(b, r, f)
		}
	}
	p("## %s\n\n", t(r, "豁免", "Waivers"))
	if len(r.Waivers) == 0 {
		p("%s\n", t(r, "无。", "None."))
	}
	for _, w := range r.Waivers {
		state := t(r, "有效", "in force")
		if w.Stale {
			state = t(r, "文字已改动，问题重新打开", "text changed: finding re-opened")
		}
		ep := ""
		if w.Episode > 0 {
			ep = t(r, fmt.Sprintf("第%d集 ", w.Episode), fmt.Sprintf("ep. %d ", w.Episode))
		}
		p("- **%s** %s“%s” — %s（%s%s, %s）\n", w.Rule, ep, mdEsc(w.Excerpt), mdEsc(w.Reason), mdEsc(w.By), w.Time.Format("2006-01-02"), state)
	}
	return b.Flush()
}

func mdFinding(b *bufio.Writer, r *check.Result, f check.Finding) {
	before, match, after := splitExcerpt(f)
	ex := mdEsc(before)
	if match != "" {
		ex += "**" + mdEsc(match) + "**" + mdEsc(after)
	}
	fmt.Fprintf(b, "- [%s] **%s** %s: %s\n\n", readerLabel(r, f), f.Rule, where(r, f), mdEsc(f.Message))
	if n := modelNote(r, f); n != "" {
		fmt.Fprintf(b, "  %s  \n", mdEsc(n))
	}
	if strings.TrimSpace(f.Excerpt) != "" {
		fmt.Fprintf(b, "  > %s\n\n", ex)
	}
	if f.Suggestion != "" {
		fmt.Fprintf(b, "  %s%s  \n", t(r, "建议：", "Fix: "), mdEsc(f.Suggestion))
	}
	src := mdEsc(f.Source.Name) + " [" + f.Source.Mark + "]"
	if f.Source.URL != "" {
		src += " " + f.Source.URL
	}
	fmt.Fprintf(b, "  %s%s\n\n", t(r, "依据：", "Source: "), src)
}

var mdRepl = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "|", "\\|", "<", "&lt;", ">", "&gt;", "\n", " ", "`", "\\`", "[", "\\[", "]", "\\]")

func mdEsc(s string) string { return mdRepl.Replace(s) }
