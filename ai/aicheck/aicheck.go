// Package aicheck makes the AI review the self-check's third reader, beside
// the cited rules and the learned model: it asks the AI about chosen
// episodes (a few at a time, cancellable), keeps each answer in a cache
// keyed by the episode's text, the model and the prompt version (so a
// re-run asks only about changed episodes), and merges the answers into a
// check.Result as findings of reader "ai". An AI that is not set up or not
// reachable never loses the rule and model findings: the result says the
// AI reader failed, why, and what to do.
//
// It lives under ai/ because script/ must not import ai/; like ai/ it never
// imports Fyne, so the CLI and the app share it.
package aicheck

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
)

// Options say what to review and how.
type Options struct {
	// Episodes are the episode numbers to read (nil = every episode).
	Episodes []int
	// Lang is the language of the status messages; PromptLang that of the
	// prompts ("zh" by default).
	Lang       script.Lang
	PromptLang string
	// Workers bounds the requests in flight (0 = the client's Concurrency).
	Workers int
	// Progress, when set, is called after each episode (from a worker
	// goroutine) with the episodes done and the total.
	Progress func(done, total int)
}

// Run reviews o.Episodes of p with c and merges the AI findings into res.
// c may be nil with clientErr saying why there is no client (AI not set
// up): res then keeps its rule and model findings and its AI status says
// what to do. The status is also returned.
func Run(ctx context.Context, c *ai.Client, clientErr error, p *script.Project, res *check.Result, cache *Cache, o Options) check.ReaderStatus {
	fs, st := Review(ctx, c, clientErr, p, cache, o)
	res.AddReader(p, st, fs)
	st, _ = res.Reader(check.ReaderAI)
	return st
}

// Review asks the AI about o.Episodes of p (answers in cache are not asked
// again) and returns its findings as check findings with the reader's
// status. Findings of the episodes that were answered are returned even
// when others failed.
func Review(ctx context.Context, c *ai.Client, clientErr error, p *script.Project, cache *Cache, o Options) ([]check.Finding, check.ReaderStatus) {
	eps := o.Episodes
	if eps == nil {
		for _, ep := range p.Episodes {
			eps = append(eps, ep.Number)
		}
	}
	st := check.ReaderStatus{Reader: check.ReaderAI, Episodes: slices.Clone(eps)}
	if st.Episodes == nil {
		st.Episodes = []int{}
	}
	if c == nil {
		if clientErr == nil {
			clientErr = &ai.Error{Kind: ai.KindConfig}
		}
		st.Failed = slices.Clone(eps)
		st.Error = failMessage(o.Lang, clientErr, len(eps), len(eps))
		return nil, st
	}
	st.Model = c.Model()
	if cache == nil {
		cache = NewCache()
	}
	plang := o.PromptLang
	if plang != "en" {
		plang = "zh"
	}
	workers := o.Workers
	if workers <= 0 {
		workers = c.Config().Workers()
	}
	workers = max(1, min(workers, len(eps)))

	answers := make([]answer, len(eps))
	// A failure that every other request would repeat (no key, server
	// down, unknown model, quota) stops the rest at once.
	inner, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var mu sync.Mutex
	done := 0
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				answers[i] = reviewOne(inner, c, p, eps[i], plang, cache)
				if err := answers[i].err; err != nil && fatal(err) {
					stop(err)
				}
				mu.Lock()
				done++
				n := done
				mu.Unlock()
				if o.Progress != nil {
					o.Progress(n, len(eps))
				}
			}
		}()
	}
	for i := range eps {
		if inner.Err() != nil {
			answers[i].err = context.Cause(inner)
			continue
		}
		select {
		case jobs <- i:
		case <-inner.Done():
			answers[i].err = context.Cause(inner)
		}
	}
	close(jobs)
	wg.Wait()

	var out []check.Finding
	var firstErr error
	for i, a := range answers {
		if a.err != nil {
			st.Failed = append(st.Failed, eps[i])
			if firstErr == nil || (isCancel(firstErr) && !isCancel(a.err)) {
				firstErr = a.err
			}
			continue
		}
		st.Reviewed++
		if a.cached {
			st.Cached++
		}
		ep := p.Episode(eps[i])
		for _, f := range a.fs {
			out = append(out, toCheck(ep, f, st.Model, o.Lang))
		}
	}
	switch {
	case firstErr == nil:
		st.OK = true
	case ctx.Err() != nil && isCancel(firstErr):
		st.Stopped = true
		st.Error = msg(o.Lang, fmt.Sprintf("AI 复核已停止：%d 集中读完 %d 集，其余没有结果；再运行时读完的集从缓存取，不再询问。", len(eps), st.Reviewed),
			fmt.Sprintf("AI review stopped: %d of %d episodes read, the rest have no answer; a re-run takes the read ones from the cache.", st.Reviewed, len(eps)))
	default:
		st.Error = failMessage(o.Lang, firstErr, len(st.Failed), len(eps))
	}
	return out, st
}

// answer is one episode's outcome.
type answer struct {
	fs     []ai.Finding
	cached bool
	err    error
}

func reviewOne(ctx context.Context, c *ai.Client, p *script.Project, n int, plang string, cache *Cache) (a answer) {
	ep := p.Episode(n)
	if ep == nil {
		a.err = fmt.Errorf("no episode %d", n)
		return a
	}
	if strings.TrimSpace(ep.Body) == "" {
		return a // nothing to read
	}
	key := Key(ep.Body, c.Model(), plang)
	if fs, ok := cache.Get(key); ok {
		a.fs, a.cached = fs, true
		return a
	}
	if err := ctx.Err(); err != nil {
		a.err = context.Cause(ctx)
		return a
	}
	fs, _, err := c.Review(ctx, ai.Input{Project: p, Episode: n, Lang: plang})
	if err != nil {
		a.err = err
		return a
	}
	cache.Put(key, fs)
	a.fs = fs
	return a
}

// fatal errors would be the same for every episode.
func fatal(err error) bool {
	switch ai.Classify(err).Kind {
	case ai.KindConfig, ai.KindAuth, ai.KindModel, ai.KindQuota, ai.KindUnreachable, ai.KindKeychain:
		return true
	}
	return false
}

func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || ai.Classify(err).Kind == ai.KindCancelled
}

// failMessage says that the AI reader failed, why, what to do, and that
// the rules and the model still read everything.
func failMessage(lang script.Lang, err error, failed, total int) string {
	why := ai.ErrorMessage(err, lang)
	if e := ai.Classify(err); e.Kind == ai.KindConfig && strings.TrimSpace(why) == "" {
		why = msg(lang, "AI 还没有设置：请在 AI 设置中选择服务和模型，或设置环境变量 DUANJU_AI_BASE_URL、DUANJU_AI_MODEL、DUANJU_AI_KEY",
			"AI is not set up: choose a service and model in the AI settings, or set DUANJU_AI_BASE_URL, DUANJU_AI_MODEL and DUANJU_AI_KEY")
	}
	why = strings.ReplaceAll(strings.TrimSpace(why), "\n", " ")
	return msg(lang,
		fmt.Sprintf("AI 复核没有完成（%d 集中 %d 集没有结果）：%s。规则与模型的结果照常列出，不受影响；修好后再运行 AI 复核，已读完的集从缓存取。", total, failed, why),
		fmt.Sprintf("the AI review did not finish (%d of %d episodes without an answer): %s. The rule and model findings are complete and unaffected; fix this and run the AI review again (episodes already read come from the cache).", failed, total, why))
}

func msg(lang script.Lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// toCheck turns an AI finding into a check finding on ep: scene, line and
// the line around the quote as the excerpt. The AI cites no rule, so its
// source is marked unverified, and it may not say blocker: stopping a
// series takes a cited rule.
func toCheck(ep *script.Episode, f ai.Finding, model string, lang script.Lang) check.Finding {
	sev, err := check.ParseSeverity(f.Severity)
	if err != nil {
		sev = check.Medium
	}
	if sev == check.Blocker {
		sev = check.High
	}
	out := check.Finding{Rule: f.Rule, Category: f.Category, Severity: sev, Episode: f.Episode,
		Start: f.Start, End: f.End, Message: f.Message, Suggestion: f.Suggestion, Reader: check.ReaderAI,
		Source: check.Source{Name: msg(lang, "AI 复核（"+model+"），仅供参考", "AI review ("+model+"), advisory"), Mark: "U"}}
	if ep != nil {
		out.Episode = ep.Number // a cached answer may come from before a renumbering
	}
	if ep == nil || f.Start < 0 || f.End > len(ep.Body) || f.Start > f.End {
		out.Excerpt = f.Excerpt
		return out
	}
	body := ep.Body
	out.Match = body[f.Start:f.End]
	out.Line = strings.Count(body[:f.Start], "\n") + 1
	for _, sc := range ep.Scenes {
		if sc.Span.Start <= f.Start && f.Start < max(sc.Span.End, sc.Span.Start+1) {
			out.Scene = sc.Number
		}
	}
	a := strings.LastIndexByte(body[:f.Start], '\n') + 1
	b := len(body)
	if i := strings.IndexByte(body[f.End:], '\n'); i >= 0 {
		b = f.End + i
	}
	out.Excerpt = body[a:b]
	if utf8.RuneCountInString(out.Excerpt) > 160 {
		out.Excerpt = out.Match
	}
	return out
}

// ParseEpisodes reads an episode choice: "all" (or ""), "flagged" (the
// episodes with open findings in res), or numbers and ranges such as
// "1-10" or "1,3,5-7". Numbers must be episodes of p.
func ParseEpisodes(spec string, p *script.Project, res *check.Result) ([]int, error) {
	spec = strings.TrimSpace(spec)
	switch spec {
	case "", "all":
		return nil, nil
	case "flagged", "findings":
		out := []int{}
		if res != nil {
			for _, f := range res.Findings {
				if f.Episode > 0 && !f.Waived() && !slices.Contains(out, f.Episode) {
					out = append(out, f.Episode)
				}
			}
		}
		slices.Sort(out)
		return out, nil
	}
	var out []int
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		a, b, isRange := strings.Cut(part, "-")
		from, err1 := strconv.Atoi(strings.TrimSpace(a))
		to := from
		var err2 error
		if isRange {
			to, err2 = strconv.Atoi(strings.TrimSpace(b))
		}
		if err1 != nil || err2 != nil || from < 1 || to < from || to-from > 10000 {
			return nil, fmt.Errorf("%q: want all, flagged, N, N-M or a list such as 1,3,5-7", part)
		}
		for n := from; n <= to; n++ {
			if p != nil && p.Episode(n) == nil {
				return nil, fmt.Errorf("no episode %d (the project has %d)", n, len(p.Episodes))
			}
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out, nil
}

// Cached returns the AI findings already in cache for p's episodes under
// model, asking nothing: how the app shows the AI reader again after a
// restart, for the episodes whose text has not changed since.
func Cached(p *script.Project, cache *Cache, model, promptLang string, lang script.Lang) ([]check.Finding, check.ReaderStatus) {
	if promptLang != "en" {
		promptLang = "zh"
	}
	st := check.ReaderStatus{Reader: check.ReaderAI, Model: model, OK: true, Episodes: []int{}}
	var out []check.Finding
	for _, ep := range p.Episodes {
		if strings.TrimSpace(ep.Body) == "" {
			continue
		}
		fs, ok := cache.Get(Key(ep.Body, model, promptLang))
		if !ok {
			continue
		}
		st.Episodes = append(st.Episodes, ep.Number)
		st.Reviewed++
		st.Cached++
		for _, f := range fs {
			out = append(out, toCheck(ep, f, model, lang))
		}
	}
	return out, st
}
