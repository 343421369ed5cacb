// ai models|review|synopsis|summarize|outline: the connection and the
// series-wide tasks.

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
)

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

func aiReview(e *env, args []string) int {
	f, c, p, ep, ok := aiEpisode(e, "review", args, nil)
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
