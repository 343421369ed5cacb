// ai continue|rewrite|hook|cliffhanger|weave|fix|draft: tasks that propose
// text for a passage of one episode.

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script/culture"
)

func aiContinue(e *env, args []string) int {
	var at, length int
	f, c, p, ep, ok := aiEpisode(e, "continue", args, func(fs *flag.FlagSet) {
		fs.IntVar(&at, "at", -1, "byte offset of the cursor (default: end of the episode)")
		fs.IntVar(&length, "length", 300, "about how many characters to write")
	})
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
	f, c, p, ep, ok := aiEpisode(e, "rewrite", args, func(fs *flag.FlagSet) {
		fs.StringVar(&style, "style", "tighter", "rewrite direction (an id or free text)")
	})
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
		f, c, p, ep, ok := aiEpisode(e, task, args, nil)
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
	f, c, p, ep, ok := aiEpisode(e, "weave", args, func(fs *flag.FlagSet) {
		fs.StringVar(&element, "element", "", "cultural element id (see duanju-cli culture search)")
	})
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

func aiDraft(e *env, args []string) int {
	f, c, p, ep, ok := aiEpisode(e, "draft", args, nil)
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
