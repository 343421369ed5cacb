package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/stats"
)

// Platform limits for filing text (WeChat auditdrama: description ≤200,
// recommendations ≤30 characters; compliance reference §3).
const (
	SynopsisLimit = 200
	TaglineLimit  = 30
)

// FilingTemplate is one fill-in document the package carries.
type FilingTemplate struct {
	File string // template in assets/templates
	Name string // output file name without extension
	ZH   string // what it is
}

// FilingTemplates are the filing documents, in package order.
var FilingTemplates = []FilingTemplate{
	{"cost-report.tmpl", "成本配置比例情况报告（模板）", "成本配置比例情况报告"},
	{"actor-fee-pledge.tmpl", "片酬承诺书（模板）", "片酬承诺书"},
	{"script-pledge.tmpl", "剧本创作承诺书（模板）", "剧本创作承诺书"},
}

// FilingData is what the templates are filled with.
type FilingData struct {
	Title             string
	Producer          string
	Writers           []string
	WritersText       string
	Episodes          int
	SecondsPerEpisode int
	TotalMinutes      int
	BudgetWan         string
	Licence           string
	GoLive            string
	Tier              string // the review tier, from the self-check
	Date              string
	AIMade            bool
	Characters        []script.Character
}

// NewFilingData collects the template fields from p; tier is the review
// tier's name ("" when unknown).
func NewFilingData(p *script.Project, tier string, o Options) FilingData {
	m := p.Meta
	n := m.TargetEpisodes
	if len(p.Episodes) > n {
		n = len(p.Episodes)
	}
	s := stats.Compute(p)
	secs := m.SecondsPerEpisode
	total := int(s.Totals.Seconds/60 + 0.5)
	budget := ""
	if m.BudgetWan > 0 {
		budget = strconv.FormatFloat(m.BudgetWan, 'f', -1, 64)
	}
	title := m.Title
	if title == "" {
		title = "＿＿＿＿"
	}
	return FilingData{Title: title, Producer: m.Producer, Writers: m.Writers, WritersText: strings.Join(m.Writers, "、"),
		Episodes: n, SecondsPerEpisode: secs, TotalMinutes: total, BudgetWan: budget, Licence: m.Licence,
		GoLive: m.GoLive, Tier: tier, Date: o.now().Format("2006年1月2日"), AIMade: HasAIText(p), Characters: p.Characters}
}

// TemplateDOCX renders the filing template t as a DOCX marked as a template.
func TemplateDOCX(t FilingTemplate, data FilingData, w io.Writer, o Options) error {
	src, err := fs.ReadFile(assets.Templates(), t.File)
	if err != nil {
		return fmt.Errorf("template %s: %w", t.File, err)
	}
	tm, err := template.New(t.File).Funcs(template.FuncMap{"blank": func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "＿＿＿＿＿＿＿＿"
		}
		return s
	}}).Parse(string(src))
	if err != nil {
		return fmt.Errorf("template %s: %w", t.File, err)
	}
	var text bytes.Buffer
	if err := tm.Execute(&text, data); err != nil {
		return fmt.Errorf("template %s: %w", t.File, err)
	}
	d := &docxDoc{title: t.ZH + "（模板）", author: data.Producer, created: o.now(), version: o.version(),
		headerWM: "模板 · TEMPLATE", custom: map[string]string{"Generator": "Duanju Studio " + o.version(), "Template": "true"}}
	d.header = []docxRun{{text: "《" + data.Title + "》" + t.ZH + "（模板，提交前请核对）"}}
	d.footer = []docxRun{{text: "短剧工坊预填模板 · 第 "}, {field: "PAGE", text: "1"}, {text: " 页"}}
	var table [][]string
	flushTable := func() {
		if len(table) == 0 {
			return
		}
		cols := len(table[0])
		widths := make([]int, cols)
		for i := range widths {
			widths[i] = 9000 / cols
		}
		switch cols {
		case 2:
			widths = []int{2800, 6200}
		case 4:
			widths = []int{3300, 1800, 1800, 2100}
		}
		d.table(table, widths, true)
		table = nil
	}
	sc := bufio.NewScanner(&text)
	for sc.Scan() {
		ln := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(ln, "|") {
			cells := strings.Split(strings.Trim(ln, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			table = append(table, cells)
			continue
		}
		flushTable()
		switch {
		case ln == "":
		case strings.HasPrefix(ln, "## "):
			d.para(StyleSection, docxRun{text: ln[3:]})
		case strings.HasPrefix(ln, "# "):
			d.paraJC(StyleSection, "center", docxRun{text: ln[2:]})
		case strings.HasPrefix(ln, "! "):
			d.para(StyleTemplateNote, docxRun{text: ln[2:]})
		case strings.HasPrefix(ln, ": "):
			d.para(StyleFormLabel, docxRun{text: ln[2:]})
		default:
			d.para(StyleBody, docxRun{text: ln})
		}
	}
	flushTable()
	return d.write(w)
}

// EpisodeList writes the platform episode list as CSV (with a BOM): the
// episode names follow the "剧名 - 第x集" rule.
func EpisodeList(p *script.Project, w io.Writer, o Options) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write([]string{"序号", "分集名称", "分集标题", "预估时长（秒）"})
	set := p.Settings.Effective()
	for _, e := range o.episodes(p) {
		st := stats.ForEpisode(e, set)
		_ = cw.Write([]string{strconv.Itoa(e.Number), p.EpisodeName(e.Number), e.Title, strconv.FormatFloat(st.Seconds, 'f', 0, 64)})
	}
	cw.Flush()
	return cw.Error()
}

// FilingIssue is a problem with the filing text.
type FilingIssue struct {
	Field string `json:"field"`
	ZH    string `json:"zh"`
	EN    string `json:"en"`
}

// FilingIssues checks the title, tagline, synopsis and episode numbering
// against the platform limits.
func FilingIssues(p *script.Project) []FilingIssue {
	var out []FilingIssue
	m := p.Meta
	add := func(f, zh, en string) { out = append(out, FilingIssue{f, zh, en}) }
	if strings.TrimSpace(m.Title) == "" {
		add("title", "缺少剧名", "the title is missing")
	} else if r, _ := utf8.DecodeLastRuneInString(m.Title); strings.ContainsRune("!！?？~～…·*#@&%$^|\\/<>《》【】\"“”'", r) {
		add("title", "剧名结尾不能有特殊符号", "the title must not end with a special symbol")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(m.Synopsis)); n == 0 {
		add("synopsis", "缺少内容简介（≤200字）", "the synopsis is missing (≤200 characters)")
	} else if n > SynopsisLimit {
		add("synopsis", fmt.Sprintf("内容简介 %d 字，超过 %d 字", n, SynopsisLimit), fmt.Sprintf("the synopsis has %d characters, over %d", n, SynopsisLimit))
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(m.Tagline)); n == 0 {
		add("tagline", "缺少推荐语（≤30字）", "the tagline is missing (≤30 characters)")
	} else if n > TaglineLimit {
		add("tagline", fmt.Sprintf("推荐语 %d 字，超过 %d 字", n, TaglineLimit), fmt.Sprintf("the tagline has %d characters, over %d", n, TaglineLimit))
	}
	for i, e := range p.Episodes {
		if e.Number != i+1 {
			add("episodes", fmt.Sprintf("集数不连续：第 %d 个分集编号为 %d", i+1, e.Number), fmt.Sprintf("episode numbering is not continuous: entry %d is numbered %d", i+1, e.Number))
			break
		}
	}
	return out
}

// Synopsis writes the filing text: title, tagline, synopsis with their
// lengths against the limits, and any issues.
func Synopsis(p *script.Project, w io.Writer) error {
	m := p.Meta
	var b strings.Builder
	fmt.Fprintf(&b, "剧名：%s\n", m.Title)
	fmt.Fprintf(&b, "集数：%d\n", max(m.TargetEpisodes, len(p.Episodes)))
	if m.Producer != "" {
		fmt.Fprintf(&b, "制作机构：%s\n", m.Producer)
	}
	if m.Licence != "" {
		fmt.Fprintf(&b, "许可证号/备案号：%s\n", m.Licence)
	}
	fmt.Fprintf(&b, "\n推荐语（%d/%d 字）：\n%s\n", utf8.RuneCountInString(strings.TrimSpace(m.Tagline)), TaglineLimit, strings.TrimSpace(m.Tagline))
	fmt.Fprintf(&b, "\n内容简介（%d/%d 字）：\n%s\n", utf8.RuneCountInString(strings.TrimSpace(m.Synopsis)), SynopsisLimit, strings.TrimSpace(m.Synopsis))
	if m.Logline != "" {
		fmt.Fprintf(&b, "\n一句话故事：\n%s\n", m.Logline)
	}
	if iss := FilingIssues(p); len(iss) > 0 {
		b.WriteString("\n待处理：\n")
		for _, i := range iss {
			b.WriteString("- " + i.ZH + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
