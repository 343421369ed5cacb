package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
)

// subsTranslateFn is set by cmd_subs_translate.go (the AI helper) from its
// init; nil until that file exists.
var subsTranslateFn func(*env, []string) int

func init() {
	register(&command{
		name:    "subs",
		usage:   "subs generate|lint|fix|convert|align|translate ...",
		summary: "subtitles: generate from the script, lint, fix, convert, align, translate",
		run:     runSubs,
		// subs has its own --lang: the subtitle language.
		ownsLang: true,
	})
}

const subsUsage = `usage:
  duanju-cli subs generate PROJECT [--episode N] [--lang zh-Hans] [--profile P] --format srt|vtt|ass|ttml -o OUT
  duanju-cli subs lint FILE [--lang L] [--profile P] [--json] [--fail-on high|medium|low]
  duanju-cli subs fix FILE [--lang L] [--profile P] -o OUT [--dry-run] [--json]
  duanju-cli subs convert IN OUT [--profile P] [--style vertical|vertical-app] [--merge TRANSLATION] [--lang L] [--crlf] [--bom] [--speakers]
  duanju-cli subs align TIMED_FILE PROJECT --episode N -o OUT [--json]
  duanju-cli subs translate FILE --to L [--glossary PROJECT] -o OUT
profiles: ` + "%s" + `; a path to a .json profile also works`

func runSubs(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(e.stderr, subsUsage+"\n", strings.Join(subtitle.ProfileIDs(), ", "))
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if dir := subtitle.UserProfileDir(); dir != "" {
		if err := subtitle.LoadProfileDir(dir); err != nil {
			e.errorf("%s", e.msg("忽略用户字幕配置："+err.Error(), "ignoring user subtitle profiles: "+err.Error()))
		}
	}
	rest := args[1:]
	switch args[0] {
	case "generate":
		return subsGenerate(e, rest)
	case "lint":
		return subsLint(e, rest)
	case "fix":
		return subsFix(e, rest)
	case "convert":
		return subsConvert(e, rest)
	case "align":
		return subsAlign(e, rest)
	case "translate":
		if subsTranslateFn == nil {
			e.errorf("%s", e.msg("subs translate 在此版本中不可用（AI 翻译模块未编译进来）", "subs translate is not available in this build (the AI translation module is not included)"))
			return exitUsage
		}
		return subsTranslateFn(e, rest)
	}
	e.errorf("%s", e.msg("未知的 subs 子命令 "+args[0]+"（generate、lint、fix、convert、align、translate；用法：duanju-cli subs --help）",
		"unknown subs subcommand "+args[0]+" (generate, lint, fix, convert, align, translate; usage: duanju-cli subs --help)"))
	return exitUsage
}

// subsErr reports a usage error in one line: what is wrong, and where the
// full usage is.
func subsErr(e *env, sub string, err error) int {
	why := e.msg("参数不对", "wrong arguments")
	if err != nil {
		why = err.Error()
	}
	e.errorf("subs %s: %s %s", sub, why, e.msg("（用法：duanju-cli subs --help）", "(usage: duanju-cli subs --help)"))
	return exitUsage
}

// noteGeneric says on stderr that a language has no profile of its own, so
// the limits checked are generic ones.
func noteGeneric(e *env, p *subtitle.Profile) {
	if !p.Generic {
		return
	}
	e.errorf("%s", e.msg(
		fmt.Sprintf("语言 %q 没有字幕配置，使用通用配置 generic（每行 %.0f 字、%d 行、每秒 %.0f 字）；用 --profile 指定", p.Lang, p.CPL, p.MaxLines, p.MaxCPS),
		fmt.Sprintf("no subtitle profile for language %q: using the generic profile (%.0f characters a line, %d lines, %.0f characters a second); choose one with --profile", p.Lang, p.CPL, p.MaxLines, p.MaxCPS)))
}

// readTrack imports a subtitle file; errors carry the line number.
func readTrack(e *env, path string) (*subtitle.ReadResult, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		e.errorf("%v", describeErr(e, path, err))
		return nil, false
	}
	res, err := subtitle.Read(filepath.Base(path), data)
	if err != nil {
		e.errorf("%s: %v", path, err)
		return nil, false
	}
	for _, w := range res.Warnings {
		e.errorf("%s: %s", path, w)
	}
	return res, true
}

// pickLang: an explicit tag wins, then the file's own xml:lang, then the
// language of its text.
func pickLang(flagLang string, tr *subtitle.Track) string {
	for _, l := range []string{flagLang, tr.Lang} {
		if l != "" {
			return l
		}
	}
	return subtitle.DetectLang(tr.Cues)
}

func subsLint(e *env, args []string) int {
	fs := newFlags("subs lint")
	lang := fs.String("lang", "", "subtitle language (BCP 47)")
	prof := fs.String("profile", "", "profile id or .json file")
	asJSON := fs.Bool("json", false, "JSON output")
	failOn := fs.String("fail-on", "high", "exit 1 at or above this severity")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return subsErr(e, "lint", err)
	}
	if sev := subtitle.Severity(*failOn); sev.Rank() < 1 { // info is not a lint level
		return subsErr(e, "lint", fmt.Errorf("--fail-on must be blocker, high, medium or low"))
	}
	res, ok := readTrack(e, pos[0])
	if !ok {
		return exitUsage
	}
	l := pickLang(*lang, res.Track)
	p, err := subtitle.Resolve(l, *prof)
	if err != nil {
		return subsErr(e, "lint", err)
	}
	noteGeneric(e, p)
	problems := subtitle.Lint(res.Track.Cues, p)
	if *asJSON {
		type jp struct {
			Cue      int    `json:"cue"`
			ID       string `json:"id,omitempty"`
			Kind     string `json:"kind"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Start    string `json:"start,omitempty"`
		}
		out := struct {
			Cues     int    `json:"cues"`
			Lang     string `json:"lang"`
			Profile  string `json:"profile"`
			Problems []jp   `json:"problems"`
		}{Cues: len(res.Track.Cues), Lang: l, Profile: p.ID, Problems: []jp{}}
		for _, pb := range problems {
			out.Problems = append(out.Problems, jp{pb.Cue, pb.ID, pb.Kind, string(pb.Severity), pb.Msg(e.lang), subtitle.Clock(res.Track.Cues[pb.Cue-1].Start)})
		}
		writeJSON(e, out)
	} else {
		for _, pb := range problems {
			c := res.Track.Cues[pb.Cue-1]
			fmt.Fprintf(e.stdout, "%s:%d\t%s\t%-6s\t%-12s\t%s\t%s\n", pos[0], pb.Cue, subtitle.Clock(c.Start), pb.Severity, pb.Kind, pb.Msg(e.lang), c.Text())
		}
		fmt.Fprintln(e.stderr, e.msg(
			fmt.Sprintf("%d 条字幕，%d 个问题（配置 %s）", len(res.Track.Cues), len(problems), p.ID),
			fmt.Sprintf("%d cues, %d problems (profile %s)", len(res.Track.Cues), len(problems), p.ID)))
	}
	if subtitle.CountBySeverity(problems, subtitle.Severity(*failOn)) > 0 {
		return exitFindings
	}
	return exitOK
}

func subsFix(e *env, args []string) int {
	fs := newFlags("subs fix")
	lang := fs.String("lang", "", "subtitle language (BCP 47)")
	prof := fs.String("profile", "", "profile id or .json file")
	out := fs.String("o", "", "output file")
	dry := fs.Bool("dry-run", false, "only list the changes")
	asJSON := fs.Bool("json", false, "list the changes as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 || (*out == "" && !*dry) {
		if err == nil && len(pos) == 1 {
			err = fmt.Errorf("-o OUT is required (or --dry-run)")
		}
		return subsErr(e, "fix", err)
	}
	res, ok := readTrack(e, pos[0])
	if !ok {
		return exitUsage
	}
	l := pickLang(*lang, res.Track)
	p, err := subtitle.Resolve(l, *prof)
	if err != nil {
		return subsErr(e, "fix", err)
	}
	noteGeneric(e, p)
	res.Track.Lang = l
	fixed, changes := subtitle.Fix(res.Track, p, nil)
	if *asJSON {
		writeJSON(e, struct {
			Cues    int               `json:"cues"`
			After   int               `json:"cues_after"`
			Changes []subtitle.Change `json:"changes"`
		}{len(res.Track.Cues), len(fixed.Cues), append([]subtitle.Change{}, changes...)})
	} else {
		w := e.stderr
		if *dry {
			w = e.stdout
		}
		for _, c := range changes {
			fmt.Fprintf(w, "#%d %s\n  - %s\n  + %s\n", c.Cue, c.Kind, strings.ReplaceAll(c.Before, "\n", "\n    "), strings.ReplaceAll(c.After, "\n", "\n    "))
		}
	}
	left := subtitle.Lint(fixed.Cues, p)
	fmt.Fprintln(e.stderr, e.msg(
		fmt.Sprintf("%d 处修改；修改后还有 %d 个问题", len(changes), len(left)),
		fmt.Sprintf("%d changes; %d problems left", len(changes), len(left))))
	if *dry {
		return exitOK
	}
	f := subtitle.FormatFromName(*out)
	if f == "" {
		f = res.Format
	}
	if err := subtitle.WriteFile(*out, fixed, subtitle.WriteOptions{Format: f, Profile: p}); err != nil {
		e.errorf("%s: %v", *out, err)
		return exitUsage
	}
	return exitOK
}

func subsConvert(e *env, args []string) int {
	fs := newFlags("subs convert")
	style := fs.String("style", "", "layout layer: vertical, vertical-app")
	prof := fs.String("profile", "", "profile id or .json file")
	lang := fs.String("lang", "", "subtitle language (BCP 47)")
	merge := fs.String("merge", "", "second-language file for bilingual output")
	crlf := fs.Bool("crlf", false, "CRLF line ends")
	bom := fs.Bool("bom", false, "write a UTF-8 BOM")
	speakers := fs.Bool("speakers", false, "WebVTT voice tags")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 2 {
		return subsErr(e, "convert", err)
	}
	f := subtitle.FormatFromName(pos[1])
	if f == "" {
		return subsErr(e, "convert", fmt.Errorf("cannot tell the output format from %q: use .srt .vtt .ass .ssa .ttml .dfxp .xml or .stl", pos[1]))
	}
	res, ok := readTrack(e, pos[0])
	if !ok {
		return exitUsage
	}
	tr := res.Track
	tr.Lang = pickLang(*lang, tr)
	if *merge != "" {
		sec, ok := readTrack(e, *merge)
		if !ok {
			return exitUsage
		}
		sec.Track.Lang = pickLang("", sec.Track)
		tr = subtitle.MergeTranslation(tr, sec.Track)
	}
	layer := *prof
	if *style != "" {
		layer = *style
	}
	p, err := subtitle.Resolve(tr.Lang, layer)
	if err != nil {
		return subsErr(e, "convert", err)
	}
	if tr.Title == "" {
		tr.Title = strings.TrimSuffix(filepath.Base(pos[1]), filepath.Ext(pos[1]))
	}
	opt := subtitle.WriteOptions{Format: f, Profile: p, Bilingual: *merge != "", CRLF: *crlf, BOM: *bom, Speakers: *speakers}
	if err := subtitle.WriteFile(pos[1], tr, opt); err != nil {
		e.errorf("%s: %v", pos[1], err)
		return exitUsage
	}
	fmt.Fprintln(e.stderr, e.msg(
		fmt.Sprintf("%s（%s，%s）→ %s：%d 条", pos[0], res.Format, res.Encoding, pos[1], len(tr.Cues)),
		fmt.Sprintf("%s (%s, %s) → %s: %d cues", pos[0], res.Format, res.Encoding, pos[1], len(tr.Cues))))
	return exitOK
}

func subsGenerate(e *env, args []string) int {
	fs := newFlags("subs generate")
	episode := fs.Int("episode", 0, "episode number (default: all)")
	lang := fs.String("lang", "", "subtitle language (BCP 47)")
	prof := fs.String("profile", "", "profile id or .json file")
	form := fs.String("format", "", "srt, vtt, ass or ttml")
	out := fs.String("o", "", "output file (one episode) or folder")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 || *out == "" {
		if err == nil && len(pos) == 1 {
			err = fmt.Errorf("-o OUT is required")
		}
		return subsErr(e, "generate", err)
	}
	f := *form
	if f == "" {
		f = subtitle.FormatFromName(*out)
	}
	if f == "" {
		f = subtitle.FormatSRT
	}
	if f == "dfxp" || f == "xml" {
		f = subtitle.FormatTTML
	}
	switch f {
	case subtitle.FormatSRT, subtitle.FormatVTT, subtitle.FormatASS, subtitle.FormatSSA, subtitle.FormatTTML:
	default:
		return subsErr(e, "generate", fmt.Errorf("--format must be srt, vtt, ass or ttml"))
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	l := *lang
	if l == "" {
		l = subtitle.DetectScriptLang(p)
	}
	pr, err := subtitle.Resolve(l, *prof)
	if err != nil {
		return subsErr(e, "generate", err)
	}
	var eps []*script.Episode
	if *episode > 0 {
		ep := p.Episode(*episode)
		if ep == nil {
			e.errorf("%s", e.msg(fmt.Sprintf("没有第 %d 集（共 %d 集）", *episode, len(p.Episodes)), fmt.Sprintf("no episode %d (the project has %d)", *episode, len(p.Episodes))))
			return exitUsage
		}
		eps = []*script.Episode{ep}
	} else {
		eps = p.Episodes
	}
	if len(eps) == 0 {
		e.errorf("%s", e.msg("剧本里没有分集", "the script has no episodes"))
		return exitUsage
	}
	toDir := len(eps) > 1 || isDir(*out)
	if toDir {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	total := 0
	for _, ep := range eps {
		tr := subtitle.Generate(p, ep, pr)
		tr.Lang = l
		path := *out
		if toDir {
			path = filepath.Join(*out, subtitle.FileName(p, ep.Number, l, f))
		}
		if len(tr.Cues) == 0 {
			e.errorf("%s", e.msg(fmt.Sprintf("第 %d 集没有台词，跳过", ep.Number), fmt.Sprintf("episode %d has no dialogue; skipped", ep.Number)))
			continue
		}
		if err := subtitle.WriteFile(path, tr, subtitle.WriteOptions{Format: f, Profile: pr}); err != nil {
			e.errorf("%s: %v", path, err)
			return exitUsage
		}
		total += len(tr.Cues)
		fmt.Fprintln(e.stdout, path)
	}
	fmt.Fprintln(e.stderr, e.msg(
		fmt.Sprintf("%d 集，%d 条字幕（时间为估算，配音后请对齐）", len(eps), total),
		fmt.Sprintf("%d episode(s), %d cues (estimated timing: align after recording)", len(eps), total)))
	return exitOK
}

func isDir(path string) bool {
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator)) {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func subsAlign(e *env, args []string) int {
	fs := newFlags("subs align")
	episode := fs.Int("episode", 0, "episode number")
	out := fs.String("o", "", "output file")
	prof := fs.String("profile", "", "profile id or .json file")
	asJSON := fs.Bool("json", false, "JSON report on stdout")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 2 || *episode <= 0 || *out == "" {
		if err == nil && len(pos) == 2 {
			err = fmt.Errorf("--episode N and -o OUT are required")
		}
		return subsErr(e, "align", err)
	}
	res, ok := readTrack(e, pos[0])
	if !ok {
		return exitUsage
	}
	p, err := loadProject(e, pos[1])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	ep := p.Episode(*episode)
	if ep == nil {
		e.errorf("%s", e.msg(fmt.Sprintf("没有第 %d 集（共 %d 集）", *episode, len(p.Episodes)), fmt.Sprintf("no episode %d (the project has %d)", *episode, len(p.Episodes))))
		return exitUsage
	}
	l := pickLang("", res.Track)
	pr, err := subtitle.Resolve(l, *prof)
	if err != nil {
		return subsErr(e, "align", err)
	}
	ar, err := subtitle.Align(res.Track, subtitle.ScriptLines(ep), pr)
	if err != nil {
		e.errorf("%s: %v", pos[0], err)
		return exitUsage
	}
	ar.Track.Lang, ar.Track.Episode = l, ep.Number
	for i := range ar.Track.Cues {
		ar.Track.Cues[i].Episode = ep.Number
	}
	f := subtitle.FormatFromName(*out)
	if f == "" {
		f = res.Format
	}
	if err := subtitle.WriteFile(*out, ar.Track, subtitle.WriteOptions{Format: f, Profile: pr}); err != nil {
		e.errorf("%s: %v", *out, err)
		return exitUsage
	}
	type uc struct {
		Cue   int    `json:"cue"`
		Start string `json:"start"`
		Text  string `json:"text"`
	}
	type ul struct {
		Line    int    `json:"line"`
		Speaker string `json:"speaker,omitempty"`
		Text    string `json:"text"`
	}
	rep := struct {
		Cues           int  `json:"cues"`
		Matched        int  `json:"matched"`
		UnmatchedCues  []uc `json:"unmatched_cues"`
		UnmatchedLines []ul `json:"unmatched_lines"`
		Missing        []ul `json:"missing"`
	}{Cues: len(ar.Track.Cues), Matched: ar.Matched, UnmatchedCues: []uc{}, UnmatchedLines: []ul{}, Missing: []ul{}}
	for _, i := range ar.UnmatchedCues {
		c := ar.Track.Cues[i]
		rep.UnmatchedCues = append(rep.UnmatchedCues, uc{i + 1, subtitle.Clock(c.Start), c.Text()})
	}
	for _, l := range ar.UnmatchedLines {
		rep.UnmatchedLines = append(rep.UnmatchedLines, ul{l.Span.Line, l.Speaker, l.Text})
	}
	for _, m := range ar.Missing {
		rep.Missing = append(rep.Missing, ul{m.Line.Span.Line, m.Line.Speaker, m.Text})
	}
	if *asJSON {
		writeJSON(e, rep)
	} else {
		for _, c := range rep.UnmatchedCues {
			fmt.Fprintln(e.stderr, e.msg("未匹配字幕 #"+strconv.Itoa(c.Cue)+" "+c.Start+" "+c.Text, "unmatched cue #"+strconv.Itoa(c.Cue)+" "+c.Start+" "+c.Text))
		}
		for _, l := range rep.UnmatchedLines {
			fmt.Fprintln(e.stderr, e.msg(fmt.Sprintf("未匹配剧本第 %d 行 %s：%s", l.Line, l.Speaker, l.Text), fmt.Sprintf("unmatched script line %d %s: %s", l.Line, l.Speaker, l.Text)))
		}
		for _, l := range rep.Missing {
			fmt.Fprintln(e.stderr, e.msg(fmt.Sprintf("剧本第 %d 行缺少字幕：%s", l.Line, l.Text), fmt.Sprintf("script line %d: no cue for %q", l.Line, l.Text)))
		}
	}
	fmt.Fprintln(e.stderr, e.msg(
		fmt.Sprintf("%d/%d 条字幕已对齐到剧本；%d 条未匹配，剧本有 %d 行未出现", ar.Matched, len(ar.Track.Cues), len(ar.UnmatchedCues), len(ar.UnmatchedLines)),
		fmt.Sprintf("%d/%d cues aligned to the script; %d unmatched cues, %d script lines not found", ar.Matched, len(ar.Track.Cues), len(ar.UnmatchedCues), len(ar.UnmatchedLines))))
	return exitOK
}
