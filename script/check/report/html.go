package report

import (
	"html/template"
	"io"
	"strconv"
	"sync"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
)

// WriteHTML writes a self-contained printable HTML page (no external
// files, fonts or scripts).
func WriteHTML(w io.Writer, r *check.Result) error {
	return htmlTmpl().Execute(w, htmlData{R: r, Open: groups(r, false), Waived: groups(r, true)})
}

type htmlData struct {
	R      *check.Result
	Open   []group
	Waived []group
}

// htmlTmpl is parsed on first use: parsing it in the package init cost
// every CLI process ~0.8 ms, whether it wrote a report or not.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(htmlFuncs).Parse(htmlSource))
})

var htmlFuncs = template.FuncMap{
	"t":       func(r *check.Result, zh, en string) string { return t(r, zh, en) },
	"cat":     func(r *check.Result, c string) string { return check.CategoryLabel(c, r.Lang) },
	"sev":     func(r *check.Result, s check.Severity) string { return s.Label(r.Lang) },
	"where":   where,
	"reader":  readerLabel,
	"rkind":   readerKind,
	"model":   modelNote,
	"readers": readerNotes,
	"status":  func(r *check.Result, s string) string { return statusLabel(r, s) },
	"split": func(f check.Finding) []string {
		a, b, c := splitExcerpt(f)
		return []string{a, b, c}
	},
	"cats": func() []string { return check.Categories },
	"sevs": func() []check.Severity { return check.Severities },
	"cell": func(r *check.Result, c string, s check.Severity) string {
		if n := r.Summary.Matrix[c][s]; n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	},
	"has":     func(r *check.Result, c string) bool { return len(r.Summary.Matrix[c]) > 0 },
	"count":   func(r *check.Result, s check.Severity) int { return r.Summary.BySeverity[s] },
	"version": func() string { return script.Version },
	"arr":     func(a ...any) []any { return a },
	"day":     func(w check.WaiverStatus) string { return w.Time.Format("2006-01-02") },
}

const htmlSource = `<!DOCTYPE html>
<html lang="{{if eq .R.Lang "zh"}}zh-Hans{{else}}en{{end}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t .R "自检报告" "Self-check report"}} — {{.R.Project}}</title>
<style>
body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif;color:#1d1d1f;margin:2em auto;max-width:60em;padding:0 1.2em;line-height:1.55}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}h3{margin:1.2em 0 .4em}
.meta{color:#666}.tier{border:1px solid #ccc;border-radius:8px;padding:.8em 1em;background:#fafafa}
.tier b{font-size:1.3em}table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:center}
.f{border-left:4px solid #999;padding:.4em .8em;margin:.6em 0;break-inside:avoid;background:#fcfcfc}
.blocker{border-color:#b00020}.high{border-color:#e65100}.medium{border-color:#f9a825}.low{border-color:#1565c0}.info{border-color:#9e9e9e}
.rd{display:inline-block;border:1px solid #999;border-radius:4px;padding:0 .3em;font-size:.8em;color:#555}.rd.model{border-color:#6a1b9a;color:#6a1b9a}.rd.ai{border-color:#00695c;color:#00695c}.mdl{font-size:.9em;color:#6a1b9a}.rdn{color:#00695c}
.badge{display:inline-block;border-radius:4px;padding:0 .4em;color:#fff;font-size:.85em}
.badge.blocker{background:#b00020}.badge.high{background:#e65100}.badge.medium{background:#b28704}.badge.low{background:#1565c0}.badge.info{background:#757575}
.ex{font-family:inherit;background:#f5f5f5;padding:.2em .5em;border-radius:4px;display:block;margin:.3em 0;white-space:pre-wrap}
mark{background:#ffe08a}.src,.sug{font-size:.92em}.src{color:#555}.id{font-family:monospace;color:#555}
.waived{opacity:.7}.stale{color:#b00020}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}.f{background:none}h2{break-after:avoid}}
</style>
</head>
<body>
<h1>{{t .R "自检报告" "Self-check report"}}：{{.R.Project}}</h1>
<p class="meta">{{t .R "按日期评估：" "Evaluated for "}}{{.R.Date}} · {{t .R "短剧工坊" "Duanju Studio"}} {{version}} · {{t .R "本报告为自评，不代替主管部门或平台审核" "A self-assessment; it does not replace the regulator's or the platform's review"}}</p>

<h2>{{t .R "分类分层" "Review tier"}}</h2>
<div class="tier"><b>{{.R.Tier.Name}}</b> — {{.R.Tier.Reason}}
<ul>
{{if .R.Tier.Review}}<li>{{t .R "审核路径：" "Review path: "}}{{.R.Tier.Review}}</li>{{end}}
{{if .R.Tier.Number}}<li>{{t .R "片头号格式：" "Opening-frame number: "}}{{.R.Tier.Number}}</li>{{end}}
<li>{{t .R "适用标准：" "Table: "}}{{.R.Tier.Window}}</li>
{{range .R.Tier.Notes}}<li>{{.}}</li>{{end}}
{{range .R.Tier.Sources}}<li class="src">{{.Name}} [{{.Mark}}]{{if .URL}} <a href="{{.URL}}">{{.URL}}</a>{{end}}</li>{{end}}
</ul></div>

<h2>{{t .R "备案清单" "Filing checklist"}}</h2>
<table><tr><th>{{t .R "项目" "Item"}}</th><th>{{t .R "状态" "Status"}}</th><th>{{t .R "说明" "Detail"}}</th></tr>
{{range .R.Filing}}<tr><td>{{.Label}}</td><td>{{status $.R .Status}}</td><td>{{.Detail}}</td></tr>
{{end}}</table>

<h2>{{t .R "概览" "Summary"}}</h2>
<p>{{t .R "共" ""}} {{.R.Summary.Total}} {{t .R "条；未处理" "findings; open"}} {{.R.Summary.Open}}{{t .R "，已豁免" ", waived"}} {{.R.Summary.Waived}}.</p>
{{range readers .R}}<p class="rdn">{{.}}</p>
{{end}}<table><tr><th>{{t .R "类别" "Category"}}</th>{{range sevs}}<th>{{sev $.R .}}</th>{{end}}</tr>
{{range $c := cats}}{{if has $.R $c}}<tr><td>{{cat $.R $c}}</td>{{range $s := sevs}}<td class="n">{{cell $.R $c $s}}</td>{{end}}</tr>
{{end}}{{end}}</table>

<h2>{{t .R "问题" "Findings"}}</h2>
{{if not .Open}}<p>{{t .R "没有未处理的问题。" "No open findings."}}</p>{{end}}
{{range .Open}}<h3><span class="badge {{.Severity}}">{{sev $.R .Severity}}</span> {{cat $.R .Category}} ({{len .Findings}})</h3>
{{range .Findings}}{{template "finding" (arr $.R .)}}{{end}}{{end}}

{{if .Waived}}<h2>{{t .R "已豁免的问题" "Waived findings"}}</h2>
{{range .Waived}}{{range .Findings}}<div class="waived">{{template "finding" (arr $.R .)}}<p class="sug">{{t $.R "豁免理由：" "Waived: "}}{{.Waiver.Reason}}{{if .Waiver.By}} — {{.Waiver.By}}{{end}}</p></div>{{end}}{{end}}{{end}}

<h2>{{t .R "豁免记录" "Waivers"}}</h2>
{{if not .R.Waivers}}<p>{{t .R "无。" "None."}}</p>{{else}}
<table><tr><th>{{t .R "规则" "Rule"}}</th><th>{{t .R "集" "Ep."}}</th><th>{{t .R "文字" "Text"}}</th><th>{{t .R "理由" "Reason"}}</th><th>{{t .R "人/日期" "By/date"}}</th><th>{{t .R "状态" "State"}}</th></tr>
{{range .R.Waivers}}<tr><td class="id">{{.Rule}}</td><td>{{if .Episode}}{{.Episode}}{{end}}</td><td>{{.Excerpt}}</td><td>{{.Reason}}</td><td>{{.By}} {{day .}}</td><td>{{if .Stale}}<span class="stale">{{t $.R "文字已改动，问题重新打开" "text changed: re-opened"}}</span>{{else}}{{t $.R "有效" "in force"}}{{end}}</td></tr>
{{end}}</table>{{end}}
</body></html>
{{define "finding"}}{{$r := index . 0}}{{$f := index . 1}}<div class="f {{$f.Severity}}"><span class="rd {{rkind $f}}">{{reader $r $f}}</span> <span class="id">{{$f.Rule}}</span> · {{where $r $f}}<br>{{$f.Message}}{{with model $r $f}}<div class="mdl">{{.}}</div>{{end}}
{{if $f.Excerpt}}{{$p := split $f}}<span class="ex">{{index $p 0}}{{if index $p 1}}<mark>{{index $p 1}}</mark>{{index $p 2}}{{end}}</span>{{end}}
{{if $f.Suggestion}}<div class="sug">{{t $r "建议：" "Fix: "}}{{$f.Suggestion}}</div>{{end}}
<div class="src">{{t $r "依据：" "Source: "}}{{$f.Source.Name}} [{{$f.Source.Mark}}]{{if $f.Source.URL}} <a href="{{$f.Source.URL}}">{{$f.Source.URL}}</a>{{end}}</div></div>{{end}}`
