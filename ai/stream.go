package ai

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// chunk is one SSE data event. It reads reasoning both as reasoning_content
// (DeepSeek, Qwen, llama-server) and as reasoning (Ollama), which go-openai
// drops.
type chunk struct {
	Model   string `json:"model"`
	Choices []struct {
		Index int `json:"index"`
		Delta struct {
			Content          string            `json:"content"`
			ReasoningContent string            `json:"reasoning_content"`
			Reasoning        string            `json:"reasoning"`
			ToolCalls        []openai.ToolCall `json:"tool_calls"`
		} `json:"delta"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Usage *openai.Usage `json:"usage"`
}

// Stream runs one streaming generation, calling onDelta (from this
// goroutine) for each piece. Cancel ctx to stop. A watchdog stops a stream
// that sends nothing for Config.StallAfter. On any failure the partial
// Result is returned with the error.
func (c *Client) Stream(ctx context.Context, r Request, onDelta func(Delta)) (Result, error) {
	start := time.Now()
	res := Result{Model: c.cfg.Model}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	dog := newWatchdog(c.firstByte(), func() { cancel(errStalled) })
	defer dog.stop()

	ctx, req := c.build(ctx, r, true)
	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return res, c.streamErr(ctx, err)
	}
	defer stream.Close()

	var text, think strings.Builder
	tools := map[int]*ToolCall{}
	inThink := false
	for {
		raw, err := stream.RecvRaw()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.Text, res.Reasoning = text.String(), think.String()
			res.ToolCalls = sortedTools(tools)
			res.Duration = time.Since(start)
			return res, midStream(c.streamErr(ctx, err), text.Len() > 0)
		}
		dog.kick(c.stallAfter())
		var ch chunk
		if err := json.Unmarshal(raw, &ch); err != nil {
			res.Text, res.Reasoning = text.String(), think.String()
			res.Duration = time.Since(start)
			return res, &Error{Kind: KindProtocol, err: err, Detail: trimDetail(string(raw)),
				zh: "AI 服务返回了无法解析的数据：已收到的部分保留，可点“继续”",
				en: "the AI server sent data that cannot be read: what arrived is kept; press Continue"}
		}
		if ch.Model != "" {
			res.Model = ch.Model
		}
		if ch.Usage != nil {
			res.Usage = usageOf(ch.Usage)
		}
		for _, choice := range ch.Choices { // usage-only chunks have none
			if choice.Index != 0 {
				continue
			}
			d := Delta{Reasoning: choice.Delta.ReasoningContent + choice.Delta.Reasoning}
			d.Text, inThink = routeThink(choice.Delta.Content, inThink, &d.Reasoning)
			text.WriteString(d.Text)
			think.WriteString(d.Reasoning)
			for _, tc := range choice.Delta.ToolCalls {
				i := 0
				if tc.Index != nil {
					i = *tc.Index
				}
				t := tools[i]
				if t == nil {
					t = &ToolCall{}
					tools[i] = t
				}
				if tc.ID != "" {
					t.ID = tc.ID
				}
				if tc.Function.Name != "" {
					t.Name = tc.Function.Name
				}
				t.Arguments += tc.Function.Arguments
			}
			if choice.FinishReason != "" {
				res.FinishReason = choice.FinishReason
			}
			if onDelta != nil && (d.Text != "" || d.Reasoning != "") {
				onDelta(d)
			}
		}
	}
	res.Text, res.Reasoning = text.String(), think.String()
	res.ToolCalls = sortedTools(tools)
	res.Duration = time.Since(start)
	c.cal.observe(res.Usage.Prompt, estimateMessages(r.Messages))
	return res, nil
}

// routeThink sends text inside an inline <think> block to reasoning. It
// handles tags split only at piece boundaries, which is how servers emit them.
func routeThink(s string, in bool, reasoning *string) (string, bool) {
	var out strings.Builder
	for s != "" {
		if in {
			i := strings.Index(s, "</think>")
			if i < 0 {
				*reasoning += s
				return out.String(), true
			}
			*reasoning += s[:i]
			s = s[i+len("</think>"):]
			in = false
			continue
		}
		i := strings.Index(s, "<think>")
		if i < 0 {
			out.WriteString(s)
			break
		}
		out.WriteString(s[:i])
		s = s[i+len("<think>"):]
		in = true
	}
	return out.String(), in
}

func (c *Client) streamErr(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errStalled) {
		return Classify(errStalled)
	}
	return Classify(err)
}

// midStream turns a network failure after text arrived into the
// "failed mid-answer, continue" message (not "cannot reach the server").
func midStream(err error, got bool) error {
	e := Classify(err)
	if !got || (e.Kind != KindUnreachable && e.Kind != KindOther) {
		return e
	}
	return &Error{Kind: KindMidStream, Detail: e.Detail, err: err,
		zh: "连接在输出途中断开：已收到的部分保留，可点“继续”", en: "the connection dropped mid-answer: what arrived is kept; press Continue"}
}

func sortedTools(m map[int]*ToolCall) []ToolCall {
	if len(m) == 0 {
		return nil
	}
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	out := make([]ToolCall, 0, len(keys))
	for _, k := range keys {
		out = append(out, *m[k])
	}
	return out
}

func (c *Client) stallAfter() time.Duration {
	if c.cfg.StallAfter > 0 {
		return c.cfg.StallAfter
	}
	return 90 * time.Second
}

func (c *Client) firstByte() time.Duration {
	if c.cfg.FirstByte > 0 {
		return c.cfg.FirstByte
	}
	return 10 * time.Minute
}

// watchdog calls fire when kick is not called in time.
type watchdog struct {
	mu sync.Mutex
	t  *time.Timer
}

func newWatchdog(first time.Duration, fire func()) *watchdog {
	return &watchdog{t: time.AfterFunc(first, fire)}
}

func (w *watchdog) kick(d time.Duration) {
	w.mu.Lock()
	w.t.Reset(d)
	w.mu.Unlock()
}

func (w *watchdog) stop() {
	w.mu.Lock()
	w.t.Stop()
	w.mu.Unlock()
}
