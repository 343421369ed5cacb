package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
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

// aiEpisode sets up an AI command that acts on one episode of PROJECT:
// flags, client, project and episode, each failing with its own message.
func aiEpisode(e *env, name string, args []string, extra func(fs *flag.FlagSet)) (*aiFlags, *ai.Client, *script.Project, *script.Episode, bool) {
	f, pos, c, ok := aiSetup(e, name, args, extra)
	if !ok {
		return nil, nil, nil, nil, false
	}
	p, ok := needProject(e, name, pos)
	if !ok {
		return nil, nil, nil, nil, false
	}
	ep, ok := needEpisode(e, p, f.episode)
	if !ok {
		return nil, nil, nil, nil, false
	}
	return f, c, p, ep, true
}
