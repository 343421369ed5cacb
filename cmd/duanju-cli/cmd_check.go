package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/ai/aicheck"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/report"
)

func init() {
	register(&command{name: "check", usage: "check PROJECT [--json] [--fail-on blocker|high|medium|low] [--report out.html|out.md|out.pdf] [--ai [--episodes all|flagged|1-10]]", summary: "pre-submission self-check: tier, filing, content and craft findings; --ai adds the AI review as a third reader (DUANJU_AI_* settings, advisory: it never changes the exit code)", run: cmdCheck})
}

// reportPDF writes a PDF report. It lives in script/export (which owns PDF
// writing); that package sets it from an init func in a file of its own, e.g.
// `func init() { reportPDF = export.ReportPDF }`. Until then PDF reports
// are refused with a clear message.
var reportPDF func(w io.Writer, r *check.Result) error

func cmdCheck(e *env, args []string) int {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "machine-readable output")
	failOn := fs.String("fail-on", "high", "exit 1 when an open finding is at or above this severity")
	out := fs.String("report", "", "write a report: .html, .md, .json or .pdf")
	date := fs.String("date", "", "evaluate as of this date (YYYY-MM-DD) when the project has no go-live date")
	withAI := fs.Bool("ai", false, "add the AI review as a third reader (DUANJU_AI_* settings; answers cached per episode text)")
	aiEps := fs.String("episodes", "all", "with --ai: the episodes the AI reads: all, flagged (those with findings), N, N-M or 1,3,5-7")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return e.usageErr("check", err)
	}
	min, err := check.ParseSeverity(*failOn)
	if err != nil || min == check.Info {
		e.errorf("%s", e.msg("--fail-on 只能是 blocker、high、medium 或 low", "--fail-on must be blocker, high, medium or low"))
		return exitUsage
	}
	opts := check.Options{Lang: e.lang}
	if *date != "" {
		t, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			e.errorf("%s", e.msg("--date 须为 YYYY-MM-DD", "--date must be YYYY-MM-DD"))
			return exitUsage
		}
		opts.Now = t
	}
	var format report.Format
	if *out != "" {
		if format, err = report.FormatOf(*out); err != nil {
			e.errorf("%s", e.msg("报告类型只能是 .html、.md、.json 或 .pdf", err.Error()))
			return exitUsage
		}
		if format == report.PDF && reportPDF == nil {
			e.errorf("%s", e.msg("PDF 报告需要导出模块（export.ReportPDF），本版本尚未提供；请改用 --report out.html（可在浏览器中打印为 PDF）或 out.md",
				"PDF reports need the export package (export.ReportPDF), which this build lacks; use --report out.html (print it to PDF from a browser) or out.md"))
			return exitUsage
		}
	}
	// Compile the rules and decode the model on another core while the
	// script is read and parsed; check.Default waits for it.
	go check.Prepare()
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if *withAI {
		if _, err := aicheck.ParseEpisodes(*aiEps, p, nil); err != nil {
			e.errorf("--episodes: %v", err)
			return exitUsage
		}
	}
	eng, err := check.Default()
	if err != nil {
		e.errorf("%s: %v", e.msg("规则数据有误", "rule data is invalid"), err)
		return exitUsage
	}
	res := eng.Check(p, opts)
	if *withAI {
		checkAI(e, p, res, *aiEps)
	}
	if *out != "" {
		err := writeFileAtomic(*out, func(w io.Writer) error {
			if format == report.PDF {
				return reportPDF(w, res)
			}
			return report.Write(w, res, format)
		})
		if err != nil {
			e.errorf("%s %s: %v", e.msg("无法写入报告", "cannot write the report"), *out, err)
			return exitUsage
		}
		fmt.Fprintln(e.stderr, e.msg("报告已写入 ", "report written to ")+*out)
	}
	if *asJSON {
		if code := writeJSON(e, res); code != exitOK {
			return code
		}
	} else {
		printCheck(e, res)
	}
	if res.FailsByRules(min) {
		return exitFindings
	}
	return exitOK
}

// printCheck prints the result for a person: tier, findings by position,
// and a summary line.
func printCheck(e *env, r *check.Result) {
	w := e.stdout
	fmt.Fprintf(w, "%s\n%s%s — %s\n", r.Project, e.msg("层级：", "Tier: "), r.Tier.Name, r.Tier.Reason)
	for _, n := range r.Tier.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	fmt.Fprintln(w)
	for _, f := range r.Findings {
		if f.Waived() {
			continue
		}
		loc := e.msg("全剧", "series")
		if f.Episode > 0 {
			loc = fmt.Sprintf(e.msg("第%d集", "ep %d"), f.Episode)
			if f.Scene != "" {
				loc += " " + f.Scene
			}
			if f.Line > 0 {
				loc += fmt.Sprintf(e.msg(" 第%d行", " line %d"), f.Line)
			}
		} else if f.Field != "" {
			loc = report.FieldLabel(e.lang, f.Field)
		}
		fmt.Fprintf(w, "[%s] %s %s: %s\n", f.Severity.Label(e.lang), f.Rule, loc, f.Message)
		if ex := strings.TrimSpace(f.Excerpt); ex != "" && f.Episode > 0 {
			fmt.Fprintf(w, "    %s\n", ex)
		}
	}
	s := r.Summary
	var parts []string
	for _, sev := range check.Severities {
		parts = append(parts, fmt.Sprintf("%s %d", sev.Label(e.lang), s.BySeverity[sev]))
	}
	fmt.Fprintf(w, e.msg("\n未处理 %d 条（%s），已豁免 %d 条\n", "\n%d open (%s), %d waived\n"), s.Open, strings.Join(parts, e.msg("，", ", ")), s.Waived)
}
