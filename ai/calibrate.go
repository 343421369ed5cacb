package ai

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"sync/atomic"
)

// calibration learns how far EstimateTokens is from the model's real
// tokenizer (usage.prompt_tokens, or a context-overflow error that names
// the counts), so later prompts are trimmed to what really fits. A model
// with byte-level fallback spends ~3 tokens per Chinese character where
// the estimate assumes 0.6.
type calibration struct {
	scale atomic.Uint64 // float64 bits; real tokens per estimated token
	limit atomic.Int64  // a context size the server reported, 0 = unknown
}

func (k *calibration) get() float64 {
	if b := k.scale.Load(); b != 0 {
		return math.Float64frombits(b)
	}
	return 1
}

func (k *calibration) observe(real, estimated int) {
	if real <= 0 || estimated <= 0 {
		return
	}
	r := float64(real) / float64(estimated)
	r = math.Max(0.8, math.Min(r, 8))
	old := k.get()
	// lean towards the larger value: over-trimming costs context, under-
	// trimming costs a failed call
	next := math.Max(r, (old+r)/2)
	if r < old {
		next = (old*3 + r) / 4
	}
	k.scale.Store(math.Float64bits(next))
}

func estimateMessages(ms []Message) int {
	n := 0
	for _, m := range ms {
		n += EstimateTokens(m.Content) + 4
	}
	return n
}

// contextNumbers reads "context size (1024 tokens)" / "maximum context
// length is 8192 tokens" and the prompt size from an overflow message
// (llama.cpp, vLLM, OpenAI wording).
var (
	reLimit  = regexp.MustCompile(`(?i)context (?:size|length|window)(?: is|:)? \(?(\d+)`)
	rePrompt = regexp.MustCompile(`(?i)(?:request \((\d+) tokens\)|(\d+) in the messages|messages resulted in (\d+) tokens|requested (\d+) tokens)`)
)

func contextNumbers(msg string) (limit, prompt int) {
	if m := reLimit.FindStringSubmatch(msg); m != nil {
		limit, _ = strconv.Atoi(m[1])
	}
	for _, m := range rePrompt.FindAllStringSubmatch(msg, -1) {
		for _, g := range m[1:] {
			if g != "" {
				prompt, _ = strconv.Atoi(g)
			}
		}
	}
	return limit, prompt
}

// learnOverflow updates the calibration from a context-overflow error and
// reports whether a retry with a rebuilt (smaller) prompt makes sense.
func (c *Client) learnOverflow(err error, req Request) bool {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindBadRequest {
		return false
	}
	limit, prompt := contextNumbers(e.Detail)
	if limit == 0 && prompt == 0 {
		return false
	}
	if limit > 0 && (c.cal.limit.Load() == 0 || int64(limit) < c.cal.limit.Load()) {
		c.cal.limit.Store(int64(limit))
	}
	if prompt > 0 {
		c.cal.observe(prompt*105/100, estimateMessages(req.Messages))
	}
	return true
}

// BuildRequest renders a task for this client: the context size is the
// configured (or server-reported) one, scaled by what the client learnt
// about the model's tokenizer.
func (c *Client) BuildRequest(t Task, in Input) (Request, error) {
	cfg := c.cfg
	ctx := cfg.ContextTokens()
	if l := int(c.cal.limit.Load()); l > 0 && l < ctx {
		ctx = l
	}
	cfg.Context = int(float64(ctx) / c.cal.get())
	if r := ReplyTokens(t, cfg); r >= cfg.Context/2 { // keep room for the prompt on small contexts
		cfg.MaxTokens = max(64, cfg.Context/3)
	}
	return BuildRequest(t, in, cfg)
}

// runTask builds the request, calls, and on a context overflow learns the
// real sizes and tries once more with a prompt trimmed to fit.
func (c *Client) runTask(t Task, in Input, call func(Request) (Result, error)) (Result, Request, error) {
	req, err := c.BuildRequest(t, in)
	if err != nil {
		return Result{}, req, err
	}
	res, err := call(req)
	if err != nil && c.learnOverflow(err, req) {
		if req2, berr := c.BuildRequest(t, in); berr == nil {
			req = req2
			res, err = call(req)
		}
	}
	return res, req, err
}
