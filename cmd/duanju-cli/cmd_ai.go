package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
)

func init() {
	register(&command{
		name:    "ai",
		usage:   "ai outline|continue|rewrite|fix|review|synopsis|hook|cliffhanger|weave|summarize|draft|models ...",
		summary: "AI assistant: series ladder, continue, rewrite, fix a finding, review, synopsis (DUANJU_AI_* settings)",
		run:     cmdAI,
	})
}

const aiUsage = `usage:
  duanju-cli ai models                                       list the endpoint's models (tests the connection)
  duanju-cli ai outline [PROJECT] --premise TEXT [--episodes 60] [--batch 10] [--state plan.json] [--steps N] [--draft N] [--json]
  duanju-cli ai continue PROJECT --episode N [--at BYTE] [--length 300] [--instruction T]
  duanju-cli ai rewrite PROJECT --episode N (--text EXCERPT | --span START:END) [--style ` + "%s" + `] [--instruction T] [--json]
  duanju-cli ai fix PROJECT (--finding FILE [--index I] | --episode N --rule R --message M [--source S] (--text EXCERPT | --span S:E)) [--json]
  duanju-cli ai review PROJECT --episode N [--json]
  duanju-cli ai synopsis PROJECT [--json]
  duanju-cli ai hook|cliffhanger PROJECT --episode N [--text EXCERPT] [--instruction T]
  duanju-cli ai weave PROJECT --episode N --element ID (--text EXCERPT | --span S:E)
  duanju-cli ai summarize PROJECT [--episode N] [--json]
  duanju-cli ai draft PROJECT --episode N                    write an episode from the outline in its notes
settings: DUANJU_AI_PROVIDER (openai deepseek qwen moonshot zhipu ollama llamacpp vllm custom), DUANJU_AI_BASE_URL,
  DUANJU_AI_MODEL, DUANJU_AI_KEY (or the provider's variable, e.g. DEEPSEEK_API_KEY), DUANJU_AI_CONCURRENCY;
  flags --provider --base-url --model --prompt-lang zh|en --timeout 2m override them. Results go to stdout.`

// aiFlags are the flags every ai subcommand takes.
type aiFlags struct {
	provider, baseURL, model, promptLang, debug string
	timeout                                     time.Duration
	asJSON                                      bool
	episode                                     int
	text, span, instruction                     string
}

func (f *aiFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.provider, "provider", "", "provider preset")
	fs.StringVar(&f.baseURL, "base-url", "", "base URL")
	fs.StringVar(&f.model, "model", "", "model id")
	fs.StringVar(&f.promptLang, "prompt-lang", "zh", "language of the prompts: zh or en")
	fs.DurationVar(&f.timeout, "timeout", 0, "per-call timeout (default 2m; streams: stall watchdog)")
	fs.StringVar(&f.debug, "debug", "", "write a request log (keys redacted) to this file")
	fs.BoolVar(&f.asJSON, "json", false, "JSON output")
	fs.IntVar(&f.episode, "episode", 0, "episode number")
	fs.StringVar(&f.text, "text", "", "the passage to work on, copied from the episode")
	fs.StringVar(&f.span, "span", "", "the passage as byte offsets START:END of the episode body")
	fs.StringVar(&f.instruction, "instruction", "", "extra instruction for the AI")
}

func cmdAI(e *env, args []string) int {
	styles := make([]string, 0)
	for _, s := range ai.Styles() {
		styles = append(styles, s.ID)
	}
	usage := fmt.Sprintf(aiUsage, strings.Join(styles, "|"))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	sub, rest := args[0], args[1:]
	run, ok := map[string]func(*env, []string) int{
		"models": aiModels, "outline": aiOutline, "continue": aiContinue, "rewrite": aiRewrite, "fix": aiFix,
		"review": aiReview, "synopsis": aiSynopsis, "hook": aiHookCliff("hook"), "cliffhanger": aiHookCliff("cliffhanger"),
		"weave": aiWeave, "summarize": aiSummarize, "draft": aiDraft,
	}[sub]
	if !ok {
		e.errorf("%s", e.msg("未知的 ai 子命令 "+sub, "unknown ai subcommand "+sub))
		fmt.Fprintln(e.stderr, usage)
		return exitUsage
	}
	return run(e, rest)
}

// aiClient builds the client from the environment and flags, with the key
// from the environment or the OS keychain.
func aiClient(e *env, f *aiFlags) (*ai.Client, bool) {
	cfg, err := ai.FromEnv(os.Getenv)
	if err != nil {
		e.errorf("%v", err)
		return nil, false
	}
	if f.provider != "" {
		cfg.Provider = ai.LookupProvider(f.provider).ID
		cfg.Key = ai.EnvKey(os.Getenv, cfg.Provider)
	}
	if f.baseURL != "" {
		cfg.BaseURL = f.baseURL
	}
	if f.model != "" {
		cfg.Model = f.model
	}
	if f.timeout > 0 {
		cfg.Timeout = f.timeout
	}
	if cfg.Key == "" && !cfg.Preset().NoKey {
		k, _, kerr := ai.LoadKey(os.Getenv, cfg.Provider)
		if kerr != nil {
			e.errorf("%s", ai.ErrorMessage(kerr, e.lang))
		}
		cfg.Key = k
	}
	if f.debug != "" {
		lf, err := os.OpenFile(f.debug, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			e.errorf("%v", err)
			return nil, false
		}
		cfg.Debug = func(line string) { fmt.Fprintln(lf, line) }
	}
	c, err := ai.New(cfg)
	if err != nil {
		e.errorf("%s", ai.ErrorMessage(err, e.lang))
		return nil, false
	}
	return c, true
}

// aiContext is cancelled by Ctrl-C.
func aiContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// aiFail prints an actionable message; partial output already went to stdout.
func aiFail(e *env, err error) int {
	msg := ai.ErrorMessage(err, e.lang)
	e.errorf("%s", msg)
	if k := ai.Classify(err).Kind; k == ai.KindConfig {
		return exitUsage
	}
	return exitFindings
}

// aiSetup parses flags, loads the project and makes the client.
func aiSetup(e *env, name string, args []string, extra func(fs *flag.FlagSet)) (*aiFlags, []string, *ai.Client, bool) {
	fs := newFlags("ai " + name)
	f := &aiFlags{}
	f.register(fs)
	if extra != nil {
		extra(fs)
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		e.errorf("ai %s: %v", name, err)
		return nil, nil, nil, false
	}
	c, ok := aiClient(e, f)
	return f, pos, c, ok
}

func needProject(e *env, name string, pos []string) (*script.Project, bool) {
	if len(pos) != 1 {
		e.errorf("%s", e.msg("ai "+name+"：需要一个 PROJECT 参数（.duanju 或剧本文件）", "ai "+name+": needs one PROJECT argument (.duanju or a script file)"))
		return nil, false
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return nil, false
	}
	return p, true
}

func needEpisode(e *env, p *script.Project, n int) (*script.Episode, bool) {
	if n == 0 && len(p.Episodes) == 1 {
		return p.Episodes[0], true
	}
	ep := p.Episode(n)
	if ep == nil {
		e.errorf("%s", e.msg(fmt.Sprintf("没有第%d集：用 --episode N 选择（共%d集）", n, len(p.Episodes)),
			fmt.Sprintf("no episode %d: choose one with --episode N (%d episodes)", n, len(p.Episodes))))
		return nil, false
	}
	return ep, true
}

// selection finds the passage given by --span or --text in the body.
func selection(e *env, body string, f *aiFlags, required bool) (int, int, bool) {
	switch {
	case f.span != "":
		a, b, ok := strings.Cut(f.span, ":")
		s, err1 := strconv.Atoi(a)
		t, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || s < 0 || t < s || t > len(body) {
			e.errorf("%s", e.msg(fmt.Sprintf("--span %q 无效：应为 START:END，0 ≤ START ≤ END ≤ %d", f.span, len(body)),
				fmt.Sprintf("--span %q is invalid: want START:END with 0 ≤ START ≤ END ≤ %d", f.span, len(body))))
			return 0, 0, false
		}
		return s, t, true
	case f.text != "":
		i := strings.Index(body, f.text)
		if i < 0 {
			e.errorf("%s", e.msg("--text 的文字在这一集里找不到：请从剧本中原样复制", "the --text passage is not in this episode: copy it verbatim from the script"))
			return 0, 0, false
		}
		return i, i + len(f.text), true
	case required:
		e.errorf("%s", e.msg("需要用 --text 或 --span 指定要处理的文字", "give the passage with --text or --span"))
		return 0, 0, false
	}
	return 0, 0, true
}

// streamText runs a text task, printing pieces as they arrive and
// continuing automatically (up to twice) when the reply is cut by length.
func streamText(e *env, c *ai.Client, t ai.Task, in ai.Input) (string, ai.Result, int) {
	ctx, stop := aiContext()
	defer stop()
	show := func(d ai.Delta) { fmt.Fprint(e.stdout, d.Text) }
	var all strings.Builder
	// Generate retries once with a trimmed prompt if the server says the
	// prompt did not fit its context.
	res, req, err := c.Generate(ctx, t, in, show)
	if err != nil && len(req.Messages) == 0 {
		return "", res, aiFail(e, err) // could not even build the prompt
	}
	all.WriteString(res.Text)
	for n := 0; err == nil && res.Truncated() && n < 2; n++ {
		e.errorf("%s", e.msg("输出被截断，自动继续…", "the reply was cut by the length limit; continuing…"))
		res, err = c.Stream(ctx, ai.Continue(req, all.String(), in.Lang), show)
		all.WriteString(res.Text)
	}
	fmt.Fprintln(e.stdout)
	if err != nil {
		if all.Len() > 0 {
			e.errorf("%s", e.msg("以上为中断前已收到的部分", "the text above is what arrived before the failure"))
		}
		return all.String(), res, aiFail(e, err)
	}
	if n := res.Notice(e.lang); n != "" {
		e.errorf("%s", n)
	}
	return all.String(), res, exitOK
}

func aiModels(e *env, args []string) int {
	f, _, c, ok := aiSetup(e, "models", args, nil)
	if !ok {
		return exitUsage
	}
	ctx, stop := aiContext()
	defer stop()
	models, err := c.Test(ctx)
	if err != nil {
		return aiFail(e, err)
	}
	if f.asJSON {
		return writeJSON(e, map[string]any{"provider": c.Config().Provider, "base_url": c.Config().URL(), "models": models})
	}
	for _, m := range models {
		fmt.Fprintln(e.stdout, m)
	}
	e.errorf("%s", e.msg("连接正常："+c.Config().URL(), "connection OK: "+c.Config().URL()))
	return exitOK
}

func aiContinue(e *env, args []string) int {
	var at, length int
	f, pos, c, ok := aiSetup(e, "continue", args, func(fs *flag.FlagSet) {
		fs.IntVar(&at, "at", -1, "byte offset of the cursor (default: end of the episode)")
		fs.IntVar(&length, "length", 300, "about how many characters to write")
	})
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "continue", pos)
	if !ok {
		return exitUsage
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return exitUsage
	}
	if at < 0 || at > len(ep.Body) {
		at = len(ep.Body)
	}
	_, _, code := streamText(e, c, ai.TaskContinue, ai.Input{Project: p, Episode: ep.Number, Start: at, End: at,
		Instruction: f.instruction, Length: length, Lang: f.promptLang})
	return code
}

type editJSON struct {
	Episode     int    `json:"episode"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Original    string `json:"original"`
	Replacement string `json:"replacement"`
	Explanation string `json:"explanation,omitempty"`
	Model       string `json:"model"`
	Task        string `json:"task"`
}

func aiRewrite(e *env, args []string) int {
	var style string
	f, pos, c, ok := aiSetup(e, "rewrite", args, func(fs *flag.FlagSet) {
		fs.StringVar(&style, "style", "tighter", "rewrite direction (an id or free text)")
	})
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "rewrite", pos)
	if !ok {
		return exitUsage
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return exitUsage
	}
	s, t, ok := selection(e, ep.Body, f, true)
	if !ok {
		return exitUsage
	}
	in := ai.Input{Project: p, Episode: ep.Number, Start: s, End: t, Style: style, Instruction: f.instruction, Lang: f.promptLang}
	if f.asJSON {
		ctx, stop := aiContext()
		defer stop()
		res, _, err := c.Generate(ctx, ai.TaskRewrite, in, nil)
		if err != nil {
			return aiFail(e, err)
		}
		return writeJSON(e, editJSON{Episode: ep.Number, Start: s, End: t, Original: ep.Body[s:t],
			Replacement: ai.CleanText(res.Text), Model: res.Model, Task: string(ai.TaskRewrite)})
	}
	_, _, code := streamText(e, c, ai.TaskRewrite, in)
	return code
}

func aiHookCliff(task string) func(*env, []string) int {
	return func(e *env, args []string) int {
		f, pos, c, ok := aiSetup(e, task, args, nil)
		if !ok {
			return exitUsage
		}
		p, ok := needProject(e, task, pos)
		if !ok {
			return exitUsage
		}
		ep, ok := needEpisode(e, p, f.episode)
		if !ok {
			return exitUsage
		}
		s, t, ok := selection(e, ep.Body, f, false)
		if !ok {
			return exitUsage
		}
		_, _, code := streamText(e, c, ai.Task(task), ai.Input{Project: p, Episode: ep.Number, Start: s, End: t,
			Instruction: f.instruction, Lang: f.promptLang})
		return code
	}
}

func aiWeave(e *env, args []string) int {
	var element string
	f, pos, c, ok := aiSetup(e, "weave", args, func(fs *flag.FlagSet) {
		fs.StringVar(&element, "element", "", "cultural element id (see duanju-cli culture search)")
	})
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "weave", pos)
	if !ok {
		return exitUsage
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return exitUsage
	}
	s, t, ok := selection(e, ep.Body, f, true)
	if !ok {
		return exitUsage
	}
	fact, ok := cultureFact(e, element)
	if !ok {
		return exitUsage
	}
	_, _, code := streamText(e, c, ai.TaskWeave, ai.Input{Project: p, Episode: ep.Number, Start: s, End: t,
		Element: fact, Instruction: f.instruction, Lang: f.promptLang})
	return code
}

// cultureFact looks an element up in the built-in dataset.
func cultureFact(e *env, id string) (ai.CultureFact, bool) {
	ds, err := culture.Builtin()
	if err != nil {
		e.errorf("%v", err)
		return ai.CultureFact{}, false
	}
	el := ds.Element(id)
	if el == nil {
		e.errorf("%s", e.msg("没有这个文化元素："+id+"（用 duanju-cli culture search 查 id）",
			"no cultural element "+id+" (find ids with duanju-cli culture search)"))
		return ai.CultureFact{}, false
	}
	return ai.FactFromElement(el), true
}

func aiFix(e *env, args []string) int {
	var findingFile, rule, message, source, suggestion string
	var index int
	f, pos, c, ok := aiSetup(e, "fix", args, func(fs *flag.FlagSet) {
		fs.StringVar(&findingFile, "finding", "", "a finding as JSON, or the output of check --json ('-' = stdin)")
		fs.IntVar(&index, "index", 0, "which finding of the check output (0-based)")
		fs.StringVar(&rule, "rule", "", "rule id")
		fs.StringVar(&message, "message", "", "the finding's message")
		fs.StringVar(&source, "source", "", "the rule's source")
		fs.StringVar(&suggestion, "suggestion", "", "the rule's suggestion")
	})
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "fix", pos)
	if !ok {
		return exitUsage
	}
	var fd ai.Finding
	if findingFile != "" {
		var err error
		if fd, err = readFinding(e, findingFile, index); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	} else {
		fd = ai.Finding{Rule: rule, Message: message, Source: source, Suggestion: suggestion, Episode: f.episode}
	}
	ep, ok := needEpisode(e, p, fd.Episode)
	if !ok {
		return exitUsage
	}
	s, t := fd.Start, fd.End
	if f.text != "" || f.span != "" || t <= s {
		if s, t, ok = selection(e, ep.Body, f, t <= s && fd.Excerpt == ""); !ok {
			return exitUsage
		}
		if t <= s && fd.Excerpt != "" {
			if i := strings.Index(ep.Body, fd.Excerpt); i >= 0 {
				s, t = i, i+len(fd.Excerpt)
			}
		}
	}
	if t > len(ep.Body) || (fd.Excerpt != "" && !strings.Contains(ep.Body[s:t], fd.Excerpt) && !strings.Contains(fd.Excerpt, ep.Body[s:t])) {
		e.errorf("%s", e.msg("这条发现指向的文字已经改变：请重新运行 check", "the text under this finding has changed: run check again"))
		return exitUsage
	}
	if fd.Message == "" {
		e.errorf("%s", e.msg("需要 --message（问题描述）或 --finding", "give --message (what is wrong) or --finding"))
		return exitUsage
	}
	fd.Episode, fd.Start, fd.End = ep.Number, s, t
	ctx, stop := aiContext()
	defer stop()
	out, res, err := c.Fix(ctx, ai.Input{Project: p, Episode: ep.Number, Start: s, End: t, Finding: fd, Instruction: f.instruction, Lang: f.promptLang})
	if err != nil {
		return aiFail(e, err)
	}
	if f.asJSON {
		return writeJSON(e, editJSON{Episode: ep.Number, Start: s, End: t, Original: ep.Body[s:t], Replacement: out.Replacement,
			Explanation: out.Explanation, Model: res.Model, Task: string(ai.TaskFix)})
	}
	fmt.Fprintln(e.stdout, out.Replacement)
	if out.Explanation != "" {
		e.errorf("%s", out.Explanation)
	}
	return exitOK
}

// readFinding reads one finding from a finding JSON or check --json output.
func readFinding(e *env, path string, index int) (ai.Finding, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = readAll(e)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return ai.Finding{}, err
	}
	var report struct {
		Findings []checkFinding `json:"findings"`
	}
	if json.Unmarshal(data, &report) == nil && len(report.Findings) > 0 {
		if index < 0 || index >= len(report.Findings) {
			return ai.Finding{}, fmt.Errorf("--index %d: the report has %d findings", index, len(report.Findings))
		}
		return report.Findings[index].finding(), nil
	}
	var one checkFinding
	if err := json.Unmarshal(data, &one); err != nil || one.Rule == "" && one.Message == "" {
		return ai.Finding{}, errors.New(e.msg(path+"：不是一条发现或 check --json 的输出", path+": not a finding or check --json output"))
	}
	return one.finding(), nil
}

// checkFinding reads a finding of check --json, whose source is either a
// string or an object {name, url, mark}.
type checkFinding struct {
	ai.Finding
	Source json.RawMessage `json:"source"`
}

func (c checkFinding) finding() ai.Finding {
	f := c.Finding
	var s string
	var o struct{ Name, URL string }
	switch {
	case json.Unmarshal(c.Source, &s) == nil:
		f.Source = s
	case json.Unmarshal(c.Source, &o) == nil:
		f.Source = strings.TrimSpace(o.Name + " " + o.URL)
	}
	return f
}

func readAll(e *env) ([]byte, error) {
	if e.stdin == nil {
		return nil, errors.New("no stdin")
	}
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := e.stdin.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return []byte(b.String()), nil
}

func aiReview(e *env, args []string) int {
	f, pos, c, ok := aiSetup(e, "review", args, nil)
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "review", pos)
	if !ok {
		return exitUsage
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return exitUsage
	}
	ctx, stop := aiContext()
	defer stop()
	fs, res, err := c.Review(ctx, ai.Input{Project: p, Episode: ep.Number, Instruction: f.instruction, Lang: f.promptLang})
	if err != nil {
		return aiFail(e, err)
	}
	if fs == nil {
		fs = []ai.Finding{}
	}
	if f.asJSON {
		return writeJSON(e, map[string]any{"episode": ep.Number, "model": res.Model, "findings": fs})
	}
	for _, x := range fs {
		fmt.Fprintf(e.stdout, "[AI %s/%s] 第%d集 %d-%d「%s」 %s\n", x.Category, x.Severity, x.Episode, x.Start, x.End, x.Excerpt, x.Message)
		if x.Suggestion != "" {
			fmt.Fprintf(e.stdout, "    → %s\n", x.Suggestion)
		}
	}
	e.errorf("%s", e.msg(fmt.Sprintf("AI 第二意见：%d 条（模型 %s，仅供参考）", len(fs), res.Model),
		fmt.Sprintf("AI second opinion: %d findings (model %s, advisory)", len(fs), res.Model)))
	return exitOK
}

func aiSynopsis(e *env, args []string) int {
	f, pos, c, ok := aiSetup(e, "synopsis", args, nil)
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "synopsis", pos)
	if !ok {
		return exitUsage
	}
	ctx, stop := aiContext()
	defer stop()
	out, res, err := c.Synopsis(ctx, ai.Input{Project: p, Instruction: f.instruction, Lang: f.promptLang})
	if err != nil && ai.Classify(err).Kind != ai.KindInvalid {
		return aiFail(e, err)
	}
	if f.asJSON {
		code := writeJSON(e, map[string]any{"synopsis": out.Synopsis, "tagline": out.Tagline, "model": res.Model})
		if err != nil {
			return aiFail(e, err)
		}
		return code
	}
	fmt.Fprintf(e.stdout, "%s\n%s\n", out.Tagline, out.Synopsis)
	if err != nil {
		return aiFail(e, err)
	}
	return exitOK
}

func aiSummarize(e *env, args []string) int {
	f, pos, c, ok := aiSetup(e, "summarize", args, nil)
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "summarize", pos)
	if !ok {
		return exitUsage
	}
	eps := []int{f.episode}
	if f.episode == 0 {
		eps = nil
		for _, ep := range p.Episodes {
			eps = append(eps, ep.Number)
		}
	}
	ctx, stop := aiContext()
	defer stop()
	out := map[string]string{}
	for _, n := range eps {
		s, err := c.Summarize(ctx, ai.Input{Project: p, Episode: n, Lang: f.promptLang})
		if err != nil {
			return aiFail(e, err)
		}
		out[strconv.Itoa(n)] = s
		if !f.asJSON {
			fmt.Fprintf(e.stdout, "%s\t%s\n", strconv.Itoa(n), s)
		}
	}
	if f.asJSON {
		return writeJSON(e, map[string]any{"summaries": out})
	}
	return exitOK
}

func aiOutline(e *env, args []string) int {
	var premise, state string
	var episodes, batch, steps, draft int
	f, pos, c, ok := aiSetup(e, "outline", args, func(fs *flag.FlagSet) {
		fs.StringVar(&premise, "premise", "", "the idea, a sentence or two")
		fs.StringVar(&state, "state", "", "ladder state file: created, updated after every step, resumed")
		fs.IntVar(&episodes, "episodes", 0, "number of episodes (default: the project's target or 60)")
		fs.IntVar(&batch, "batch", 10, "episode outlines per request")
		fs.IntVar(&steps, "steps", 0, "run at most this many steps (default: until done)")
		fs.IntVar(&draft, "draft", 0, "then write episode N's script from its outline")
	})
	if !ok {
		return exitUsage
	}
	p := &script.Project{}
	if len(pos) == 1 {
		if p, ok = needProject(e, "outline", pos); !ok {
			return exitUsage
		}
	} else if len(pos) > 1 {
		e.errorf("%s", e.msg("ai outline 最多一个 PROJECT 参数", "ai outline takes at most one PROJECT"))
		return exitUsage
	}
	l := &ai.Ladder{}
	if state != "" {
		if b, err := os.ReadFile(state); err == nil {
			if err := json.Unmarshal(b, l); err != nil {
				e.errorf("%s", e.msg(state+" 不是有效的进度文件："+err.Error(), state+" is not a ladder state file: "+err.Error()))
				return exitUsage
			}
			e.errorf("%s", e.msg("从 "+state+" 继续", "resuming from "+state))
		}
	}
	if premise != "" {
		l.Premise = premise
	}
	if episodes > 0 {
		l.Episodes = episodes
	}
	if l.Batch == 0 {
		l.Batch = batch
	}
	l.Lang = f.promptLang
	l.Apply(p)
	ctx, stop := aiContext()
	defer stop()
	save := func() error {
		if state == "" {
			return nil
		}
		b, _ := json.MarshalIndent(l, "", "  ")
		return writeFileAtomic(state, func(w io.Writer) error { _, err := w.Write(b); return err })
	}
	for n := 0; l.Next() != "done" && (steps == 0 || n < steps); n++ {
		step, err := c.Step(ctx, l, p)
		if err != nil {
			if serr := save(); serr != nil {
				e.errorf("%v", serr)
			}
			if state == "" {
				e.errorf("%s", e.msg("提示：加 --state plan.json 可在中断后继续", "tip: add --state plan.json to resume after an interruption"))
			}
			return aiFail(e, err)
		}
		if err := save(); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		e.errorf("%s", e.msg(fmt.Sprintf("完成：%s（已有%d/%d集大纲）", step, len(l.Outlines), l.Episodes),
			fmt.Sprintf("done: %s (%d/%d outlines)", step, len(l.Outlines), l.Episodes)))
	}
	if draft > 0 {
		if _, err := c.Draft(ctx, l, p, draft, nil); err != nil {
			save()
			return aiFail(e, err)
		}
		if err := save(); err != nil {
			e.errorf("%v", err)
		}
	}
	if f.asJSON {
		return writeJSON(e, l)
	}
	printLadder(e, l, draft)
	return exitOK
}

func printLadder(e *env, l *ai.Ladder, draft int) {
	w := e.stdout
	if c := l.Core; c != nil {
		fmt.Fprintf(w, "《%s》\n%s\n%s\n\n", c.Title, c.Logline, strings.Join(c.SellingPoints, " / "))
	}
	if b := l.Bible; b != nil {
		for _, ch := range b.Characters {
			fmt.Fprintf(w, "- %s（%s）：%s\n", ch.Name, ch.Role, ch.Bio)
		}
		fmt.Fprintln(w)
	}
	if a := l.Arc; a != nil && a.Paywall > 0 {
		fmt.Fprintf(w, "付费卡点 / paywall: %d\n\n", a.Paywall)
	}
	for _, o := range l.Outlines {
		fmt.Fprintln(w, o.Text(l.Lang))
		fmt.Fprintln(w)
	}
	if draft > 0 {
		fmt.Fprintln(w, l.Drafts[strconv.Itoa(draft)])
	}
}

func aiDraft(e *env, args []string) int {
	f, pos, c, ok := aiSetup(e, "draft", args, nil)
	if !ok {
		return exitUsage
	}
	p, ok := needProject(e, "draft", pos)
	if !ok {
		return exitUsage
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return exitUsage
	}
	in, err := ai.DraftInput(p, ep.Number, f.promptLang)
	if err != nil {
		return aiFail(e, err)
	}
	in.Instruction = f.instruction
	_, _, code := streamText(e, c, ai.TaskDraft, in)
	return code
}
