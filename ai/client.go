package ai

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
	openai "github.com/sashabaranov/go-openai"
)

// Roles of chat messages.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Message is one chat turn.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
	// Reasoning of an earlier assistant turn; some providers want it back.
	Reasoning string `json:"reasoning,omitempty"`
}

// Request is one generation.
type Request struct {
	Messages    []Message
	MaxTokens   int      // 0 = Config.MaxTokens
	Temperature *float64 // nil = Config.Temperature
	Stop        []string
	Tools       []openai.Tool
	// format is set by JSON; plain requests leave it nil.
	format *openai.ChatCompletionResponseFormat
}

// Usage counts tokens of one call.
type Usage struct {
	Prompt     int `json:"prompt"`
	Completion int `json:"completion"`
	Total      int `json:"total"`
	Cached     int `json:"cached,omitempty"`
}

// ToolCall is a function call the model asked for.
type ToolCall struct {
	ID        string
	Name      string
	Arguments string // JSON text
}

// Result is what a generation produced. On failure it still holds the
// partial text that arrived, so nothing is lost and "continue" can resume.
type Result struct {
	Text         string
	Reasoning    string // 思考过程: shown apart, never put into the script
	FinishReason string
	Usage        Usage
	ToolCalls    []ToolCall
	Model        string
	Duration     time.Duration
}

// Truncated reports a reply cut by the token limit (offer "continue").
func (r Result) Truncated() bool { return r.FinishReason == string(openai.FinishReasonLength) }

// Filtered reports a reply stopped by the provider's content filter.
func (r Result) Filtered() bool { return r.FinishReason == string(openai.FinishReasonContentFilter) }

// Notice is a message for a finished but imperfect reply ("" when fine).
func (r Result) Notice(lang script.Lang) string {
	switch {
	case r.Truncated():
		if lang == "zh" {
			return "输出达到长度上限被截断：可点“继续”接着写"
		}
		return "the reply hit the length limit and was cut: press Continue to go on"
	case r.Filtered():
		if lang == "zh" {
			return "输出被服务商的内容审核中止"
		}
		return "the provider's content filter stopped the reply"
	}
	return ""
}

// Delta is one streamed piece.
type Delta struct {
	Text      string
	Reasoning string
}

// Client is a configured connection to one endpoint. It is safe for
// concurrent use.
type Client struct {
	cfg Config
	api *openai.Client
	tr  *transport
	cal calibration
}

// New checks cfg and makes a client.
func New(cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	key := cfg.Key
	if key == "" {
		key = "no-key" // local servers ignore it; go-openai always sends a header
	}
	oc := openai.DefaultConfig(key)
	oc.BaseURL = cfg.URL()
	tr := newTransport(cfg)
	oc.HTTPClient = tr
	oc.EmptyMessagesLimit = 100000 // keep-alive comments while a request is queued
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), tr: tr}, nil
}

// Config returns the client's configuration.
func (c *Client) Config() Config { return c.cfg }

// Model is the model id in use.
func (c *Client) Model() string { return c.cfg.Model }

// Models lists the server's models (GET /models), sorted.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	l, err := c.api.ListModels(ctx)
	if err != nil {
		return nil, Classify(err)
	}
	var ids []string
	for _, m := range l.Models {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	return ids, nil
}

// Test checks the connection: the model list when the server has one (and
// that the chosen model is on it), else a one-token chat.
func (c *Client) Test(ctx context.Context) (models []string, err error) {
	models, err = c.Models(ctx)
	if err == nil && len(models) > 0 {
		for _, m := range models {
			if m == c.cfg.Model || strings.TrimSuffix(m, ":latest") == c.cfg.Model {
				return models, nil
			}
		}
	}
	var e *Error
	if err != nil && errors.As(err, &e) && e.Kind != KindModel {
		return nil, err // bad key, unreachable…: a chat would fail the same way
	}
	_, cerr := c.Chat(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "ping"}}, MaxTokens: 1})
	return models, cerr
}

func (c *Client) timeout() time.Duration {
	if c.cfg.Timeout > 0 {
		return c.cfg.Timeout
	}
	return 120 * time.Second
}

// build turns a Request into go-openai's and a context carrying the exact
// temperature.
func (c *Client) build(ctx context.Context, r Request, stream bool) (context.Context, openai.ChatCompletionRequest) {
	req := openai.ChatCompletionRequest{Model: c.cfg.Model, Stream: stream, Stop: r.Stop, Tools: r.Tools, ResponseFormat: r.format}
	for _, m := range r.Messages {
		om := openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
		if m.Role == RoleAssistant {
			om.ReasoningContent = m.Reasoning
		}
		req.Messages = append(req.Messages, om)
	}
	req.MaxTokens = r.MaxTokens
	if req.MaxTokens == 0 {
		req.MaxTokens = c.cfg.MaxTokens
	}
	if stream {
		req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	}
	t := r.Temperature
	if t == nil {
		t = c.cfg.Temperature
	}
	if reasoningModel(c.cfg.Model) {
		// OpenAI reasoning models take max_completion_tokens (which also
		// covers the thinking) and refuse any temperature but the default.
		if req.MaxTokens > 0 {
			req.MaxCompletionTokens = req.MaxTokens * 4
			req.MaxTokens = 0
		}
		t = nil
	}
	if t != nil {
		ctx = context.WithValue(ctx, tempKey{}, *t)
	}
	return ctx, req
}

// reasoningModel reports OpenAI's reasoning model ids (o1, o3, o4, gpt-5,
// gpt-6…), whatever gateway serves them.
func reasoningModel(id string) bool {
	id = strings.ToLower(id)
	if i := strings.LastIndexByte(id, '/'); i >= 0 { // "openai/gpt-5" on gateways
		id = id[i+1:]
	}
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// Chat runs one non-streaming generation.
func (c *Client) Chat(ctx context.Context, r Request) (Result, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	ctx, req := c.build(ctx, r, false)
	resp, err := c.api.CreateChatCompletion(ctx, req)
	res := Result{Model: c.cfg.Model, Duration: time.Since(start)}
	if err != nil {
		return res, Classify(err)
	}
	if resp.Model != "" {
		res.Model = resp.Model
	}
	res.Usage = usageOf(&resp.Usage)
	c.cal.observe(res.Usage.Prompt, estimateMessages(r.Messages))
	if len(resp.Choices) == 0 {
		return res, &Error{Kind: KindProtocol, zh: "AI 服务返回了空回复", en: "the AI server sent an empty reply"}
	}
	ch := resp.Choices[0]
	res.Text, res.Reasoning = splitThink(ch.Message.Content, ch.Message.ReasoningContent)
	res.FinishReason = string(ch.FinishReason)
	for _, tc := range ch.Message.ToolCalls {
		res.ToolCalls = append(res.ToolCalls, ToolCall{ID: tc.ID, Name: tc.Function.Name, Arguments: tc.Function.Arguments})
	}
	return res, nil
}

func usageOf(u *openai.Usage) Usage {
	if u == nil {
		return Usage{}
	}
	out := Usage{Prompt: u.PromptTokens, Completion: u.CompletionTokens, Total: u.TotalTokens}
	if u.PromptTokensDetails != nil {
		out.Cached = u.PromptTokensDetails.CachedTokens
	}
	return out
}

// splitThink moves an inline <think>…</think> block (models served without
// a reasoning parser) out of the text.
func splitThink(text, reasoning string) (string, string) {
	t := strings.TrimLeft(text, " \n")
	if strings.HasPrefix(t, "<think>") {
		if i := strings.Index(t, "</think>"); i >= 0 {
			reasoning += t[len("<think>"):i]
			text = strings.TrimLeft(t[i+len("</think>"):], "\n")
		}
	}
	return text, reasoning
}

// Continue makes the request that resumes a cut or failed reply: the
// partial text as the model's turn and an instruction to go on without
// repeating. Append the new Result.Text to partial.
func Continue(r Request, partial, lang string) Request {
	out := r
	out.Messages = append(append([]Message(nil), r.Messages...), Message{Role: RoleAssistant, Content: partial})
	msg := "Continue exactly where you stopped. Do not repeat anything already written; no preamble."
	if lang == "zh" {
		msg = "从上文断开处继续写，不要重复已经写过的内容，不要加任何说明。"
	}
	out.Messages = append(out.Messages, Message{Role: RoleUser, Content: msg})
	return out
}
