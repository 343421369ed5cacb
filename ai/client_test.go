package ai

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/ai/aitest"
)

const testKey = "sk-test-SECRET-1234567890"

// newTest makes a client on a fake server; sleeps are recorded, not slept.
func newTest(t *testing.T, provider string) (*Client, *aitest.Server, *[]time.Duration, *[]string) {
	t.Helper()
	srv := aitest.New()
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	waits := &[]time.Duration{}
	logs := &[]string{}
	cfg := Config{Provider: provider, BaseURL: srv.URL(), Model: "fake-model", Key: testKey,
		StallAfter: 300 * time.Millisecond, FirstByte: 2 * time.Second,
		Retry: RetryPolicy{MaxTries: 4, Base: 100 * time.Millisecond, Sleep: func(_ <-chan struct{}, d time.Duration) bool {
			mu.Lock()
			*waits = append(*waits, d)
			mu.Unlock()
			return true
		}},
		Debug: func(l string) { mu.Lock(); *logs = append(*logs, l); mu.Unlock() },
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv, waits, logs
}

func user(s string) Request { return Request{Messages: []Message{{Role: RoleUser, Content: s}}} }

func TestChatPlain(t *testing.T) {
	c, srv, _, logs := newTest(t, ProviderOpenAI)
	srv.Push(aitest.ChatWith("钩子：她撕了婚书。", "先想想……", "stop"))
	res, err := c.Chat(context.Background(), user("写个钩子"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "钩子：她撕了婚书。" || res.Reasoning != "先想想……" || res.Usage.Total != 15 {
		t.Fatalf("got %+v", res)
	}
	req := srv.Requests()[0]
	if req.Body["model"] != "fake-model" || req.Header.Get("Authorization") != "Bearer "+testKey {
		t.Fatalf("request %v %v", req.Body["model"], req.Header)
	}
	if _, ok := req.Body["stream_options"]; ok {
		t.Error("stream_options sent on a non-streaming call")
	}
	for _, l := range *logs {
		if strings.Contains(l, testKey) || strings.Contains(l, "SECRET") {
			t.Fatalf("key in debug log: %s", l)
		}
	}
	if len(*logs) == 0 || !strings.Contains((*logs)[0], "[redacted]") {
		t.Fatalf("debug log does not show the redacted header: %v", *logs)
	}
}

func TestStreamChunksUsageAndReasoning(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderDeepSeek)
	srv.Push(aitest.Reply{Events: []string{
		": keep-alive", "", ": keep-alive",
		aitest.Role(),
		aitest.Delta("", "思考一"), aitest.OllamaReasoning("思考二"),
		aitest.Delta("她推开门", ""), aitest.Delta("，愣住了。", ""),
		aitest.Finish("stop"), aitest.UsageChunk(20, 4),
	}})
	var got []Delta
	res, err := c.Stream(context.Background(), user("续写"), func(d Delta) { got = append(got, d) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "她推开门，愣住了。" {
		t.Fatalf("text %q", res.Text)
	}
	if res.Reasoning != "思考一思考二" || strings.Contains(res.Text, "思考") {
		t.Fatalf("reasoning %q leaked or lost; text %q", res.Reasoning, res.Text)
	}
	if res.FinishReason != "stop" || res.Usage.Prompt != 20 || res.Usage.Completion != 4 {
		t.Fatalf("finish/usage %+v", res)
	}
	if len(got) != 4 {
		t.Fatalf("deltas %d", len(got))
	}
	req := srv.Requests()[0]
	so, _ := req.Body["stream_options"].(map[string]any)
	if so["include_usage"] != true {
		t.Fatalf("include_usage not asked: %v", req.Body)
	}
}

func TestManyKeepAlivesBeforeData(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderDeepSeek)
	ev := make([]string, 0, 700)
	for range 600 {
		ev = append(ev, ": keep-alive")
	}
	srv.Push(aitest.Reply{Events: append(ev, aitest.Delta("好", ""), aitest.Finish("stop"))})
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil || res.Text != "好" {
		t.Fatalf("%q %v", res.Text, err)
	}
}

func TestInlineThinkKeptOutOfText(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOllama)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("<think>", ""), aitest.Delta("想", ""),
		aitest.Delta("</think>正文", ""), aitest.Finish("stop")}})
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil || res.Text != "正文" || res.Reasoning != "想" {
		t.Fatalf("%+v %v", res, err)
	}
	srv.Push(aitest.Chat("<think>嗯</think>\n正文二"))
	res, err = c.Chat(context.Background(), user("x"))
	if err != nil || res.Text != "正文二" || res.Reasoning != "嗯" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestFinishReasons(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("半句", ""), aitest.Finish("length")}})
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil || !res.Truncated() || res.Notice("zh") == "" {
		t.Fatalf("length: %+v %v", res, err)
	}
	srv.Push(aitest.ChatWith("", "", "content_filter"))
	res, err = c.Chat(context.Background(), user("x"))
	if err != nil || !res.Filtered() || !strings.Contains(res.Notice("en"), "filter") {
		t.Fatalf("filter: %+v %v", res, err)
	}
}

func TestToolCallDeltas(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{
		aitest.ToolDelta(0, "call_1", "flag_trope", `{"tro`),
		aitest.ToolDelta(1, "call_2", "flag_trope", `{"trope":`),
		aitest.ToolDelta(0, "", "", `pe":"霸总强吻"}`),
		aitest.ToolDelta(1, "", "", `"恶婆婆"}`),
		aitest.Finish("tool_calls"),
	}})
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ToolCalls) != 2 || res.ToolCalls[0].Arguments != `{"trope":"霸总强吻"}` ||
		res.ToolCalls[1].Arguments != `{"trope":"恶婆婆"}` || res.ToolCalls[1].ID != "call_2" || res.FinishReason != "tool_calls" {
		t.Fatalf("%+v", res.ToolCalls)
	}
}

func TestErrorsAndRetries(t *testing.T) {
	tests := []struct {
		name    string
		replies []aitest.Reply
		kind    Kind // "" = success
		calls   int
		waits   []time.Duration // nil = don't check values, only count
		nWaits  int
		zhWords string
	}{
		{"400 no retry", []aitest.Reply{aitest.Error(400, "invalid_request_error", "bad param")}, KindBadRequest, 1, nil, 0, "拒绝"},
		{"401 bad key", []aitest.Reply{aitest.Error(401, "invalid_api_key", "Incorrect API key provided: sk-test-SECRET-1234567890")}, KindAuth, 1, nil, 0, "Key"},
		{"404 model", []aitest.Reply{aitest.Error(404, "model_not_found", "The model `x` does not exist")}, KindModel, 1, nil, 0, "刷新模型列表"},
		{"429 quota", []aitest.Reply{aitest.Error(429, "insufficient_quota", "You exceeded your current quota")}, KindQuota, 1, nil, 0, "充值"},
		{"429 retry-after then ok", []aitest.Reply{withHeader(aitest.Error(429, "rate_limit_exceeded", "slow down"), "Retry-After", "7"), aitest.Chat("ok")}, "", 2, []time.Duration{7 * time.Second}, 1, ""},
		{"429 without retry-after", []aitest.Reply{aitest.Error(429, "rate_limit_exceeded", "slow"), aitest.Error(429, "rate_limit_exceeded", "slow"), aitest.Chat("ok")}, "", 3, nil, 2, ""},
		{"429 retry-after too long", []aitest.Reply{withHeader(aitest.Error(429, "rate_limit_exceeded", "slow"), "Retry-After", "3600")}, KindRateLimit, 1, nil, 0, "限流"},
		{"429 forever", []aitest.Reply{aitest.Error(429, "rate_limit_exceeded", "a"), aitest.Error(429, "rate_limit_exceeded", "b"), aitest.Error(429, "rate_limit_exceeded", "c"), aitest.Error(429, "rate_limit_exceeded", "d")}, KindRateLimit, 4, nil, 3, "限流"},
		{"500 then ok", []aitest.Reply{aitest.Error(500, "server_error", "boom"), aitest.Chat("ok")}, "", 2, nil, 1, ""},
		{"502 503 then ok", []aitest.Reply{{Status: 502, Body: "Bad Gateway"}, aitest.Error(503, "unavailable_error", "Loading model"), aitest.Chat("ok")}, "", 3, nil, 2, ""},
		{"503 loading", []aitest.Reply{aitest.Error(503, "unavailable_error", "Loading model"), aitest.Error(503, "unavailable_error", "Loading model"), aitest.Error(503, "unavailable_error", "Loading model"), aitest.Error(503, "unavailable_error", "Loading model")}, KindLoading, 4, nil, 3, "加载"},
		{"ollama string 503", []aitest.Reply{{Status: 503, Body: `{"error":"server busy, please try again.  maximum pending requests exceeded"}`}, aitest.Chat("ok")}, "", 2, nil, 1, ""},
		{"ollama string 500 forever", []aitest.Reply{{Status: 500, Body: `{"error":"boom"}`}, {Status: 500, Body: `{"error":"boom"}`}, {Status: 500, Body: `{"error":"boom"}`}, {Status: 500, Body: `{"error":"boom"}`}}, KindServer, 4, nil, 3, "重试"},
		{"reset then ok", []aitest.Reply{{Reset: true}, aitest.Chat("ok")}, "", 2, nil, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, waits, logs := newTest(t, ProviderOpenAI)
			srv.Push(tt.replies...)
			res, err := c.Chat(context.Background(), user("x"))
			if tt.kind == "" {
				if err != nil || res.Text != "ok" {
					t.Fatalf("want ok, got %q %v", res.Text, err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) || e.Kind != tt.kind {
					t.Fatalf("want %s, got %#v", tt.kind, err)
				}
				if !strings.Contains(e.Message("zh"), tt.zhWords) {
					t.Fatalf("message %q lacks %q", e.Message("zh"), tt.zhWords)
				}
				if strings.Contains(e.Message("en"), "SECRET") || strings.Contains(err.Error(), "SECRET") {
					t.Fatalf("key leaked into message: %s", e.Message("en"))
				}
			}
			if srv.Count() != tt.calls {
				t.Fatalf("calls %d want %d", srv.Count(), tt.calls)
			}
			if len(*waits) != tt.nWaits {
				t.Fatalf("waits %v want %d", *waits, tt.nWaits)
			}
			if tt.waits != nil && (*waits)[0] != tt.waits[0] {
				t.Fatalf("waited %v want %v", *waits, tt.waits)
			}
			for _, l := range *logs {
				if strings.Contains(l, "SECRET") {
					t.Fatal("key in log")
				}
			}
		})
	}
}

func withHeader(r aitest.Reply, k, v string) aitest.Reply {
	r.Header = map[string]string{k: v}
	return r
}

func TestStreamRetriedBeforeFirstByte(t *testing.T) {
	c, srv, waits, _ := newTest(t, ProviderOpenAI)
	srv.Push(withHeader(aitest.Error(429, "rate_limit_exceeded", "x"), "Retry-After", "2"), aitest.Stream("好", "的"))
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil || res.Text != "好的" || len(*waits) != 1 || (*waits)[0] != 2*time.Second {
		t.Fatalf("%q %v %v", res.Text, err, *waits)
	}
}

func TestMidStreamErrorKeepsPartial(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("前半", ""), aitest.StreamError("upstream overloaded")}})
	res, err := c.Stream(context.Background(), user("x"), nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMidStream || res.Text != "前半" {
		t.Fatalf("%q %#v", res.Text, err)
	}
	if !strings.Contains(e.Message("zh"), "继续") || srv.Count() != 1 {
		t.Fatalf("%s calls=%d", e.Message("zh"), srv.Count())
	}
}

func TestMalformedChunk(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("前", ""), `{"choices":[{"delta":{"content":"坏`}})
	res, err := c.Stream(context.Background(), user("x"), nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindProtocol || res.Text != "前" {
		t.Fatalf("%q %#v", res.Text, err)
	}
}

func TestStallWatchdog(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("一半", "")}, Stall: true})
	start := time.Now()
	res, err := c.Stream(context.Background(), user("x"), nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindStalled || res.Text != "一半" {
		t.Fatalf("%q %#v", res.Text, err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("watchdog did not fire")
	}
}

func TestSlowFirstByteIsFine(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	r := aitest.Stream("迟到", "的回复")
	r.Delay = 500 * time.Millisecond // longer than StallAfter, shorter than FirstByte
	srv.Push(r)
	res, err := c.Stream(context.Background(), user("x"), nil)
	if err != nil || res.Text != "迟到的回复" {
		t.Fatalf("%q %v", res.Text, err)
	}
}

func TestCancelMidStream(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("一", ""), aitest.Delta("二", ""), aitest.Delta("三", "")},
		EventDelay: 50 * time.Millisecond, Stall: true})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	res, err := c.Stream(ctx, user("x"), func(d Delta) {
		n++
		if n == 2 {
			cancel()
		}
	})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindCancelled || !errors.Is(err, context.Canceled) {
		t.Fatalf("%#v", err)
	}
	if res.Text != "一二" {
		t.Fatalf("partial %q", res.Text)
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	srv := aitest.New()
	defer srv.Close()
	srv.Push(withHeader(aitest.Error(429, "rate_limit_exceeded", "x"), "Retry-After", "30"))
	c, _ := New(Config{Provider: ProviderOpenAI, BaseURL: srv.URL(), Model: "m", Key: "k"})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Chat(ctx, user("x"))
	if time.Since(start) > 5*time.Second || err == nil {
		t.Fatalf("not cancelled: %v", err)
	}
	if k := Classify(err).Kind; k != KindTimeout {
		t.Fatalf("kind %s", k)
	}
}

func TestUnreachable(t *testing.T) {
	c, err := New(Config{Provider: ProviderLlamaCpp, BaseURL: "http://127.0.0.1:1/v1", Model: "m",
		Retry: RetryPolicy{MaxTries: 2, Base: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Chat(context.Background(), user("x"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindUnreachable || !strings.Contains(e.Message("zh"), "Base URL") {
		t.Fatalf("%#v", err)
	}
}

func TestProviderFields(t *testing.T) {
	zero, off := 0.0, false
	tests := []struct {
		provider string
		stream   bool
		thinking *bool
		check    func(map[string]any) string
	}{
		{ProviderQwen, false, nil, func(b map[string]any) string {
			if b["enable_thinking"] != false {
				return "qwen non-stream must send enable_thinking=false"
			}
			return ""
		}},
		{ProviderOpenAI, false, nil, func(b map[string]any) string {
			if _, ok := b["enable_thinking"]; ok {
				return "enable_thinking sent to OpenAI"
			}
			if b["temperature"] != 0.0 {
				return "temperature 0 not sent"
			}
			return ""
		}},
		{ProviderDeepSeek, true, &off, func(b map[string]any) string {
			th, _ := b["thinking"].(map[string]any)
			if th["type"] != "disabled" {
				return "deepseek thinking not disabled"
			}
			return ""
		}},
		{ProviderZhipu, false, nil, func(b map[string]any) string {
			if b["temperature"] != 0.01 {
				return "zhipu temperature not clamped to its range"
			}
			if s, _ := b["stop"].([]any); len(s) != 1 {
				return "zhipu must get one stop sequence"
			}
			return ""
		}},
		{ProviderVLLM, false, &off, func(b map[string]any) string {
			k, _ := b["chat_template_kwargs"].(map[string]any)
			if k["enable_thinking"] != false {
				return "vllm chat_template_kwargs missing"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			srv := aitest.New()
			defer srv.Close()
			c, _ := New(Config{Provider: tt.provider, BaseURL: srv.URL(), Model: "m", Key: "k", Temperature: &zero, Thinking: tt.thinking})
			r := user("x")
			r.Stop = []string{"。", "！"}
			if tt.stream {
				srv.Push(aitest.Stream("a"))
				_, _ = c.Stream(context.Background(), r, nil)
			} else {
				_, _ = c.Chat(context.Background(), r)
			}
			if msg := tt.check(srv.Requests()[0].Body); msg != "" {
				t.Fatalf("%s: %s", msg, srv.Requests()[0].Raw)
			}
		})
	}
}

func TestModelsAndTest(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderVLLM)
	srv.Models = []string{"qwen3-8b", "fake-model"}
	ms, err := c.Models(context.Background())
	if err != nil || len(ms) != 2 || ms[0] != "fake-model" {
		t.Fatalf("%v %v", ms, err)
	}
	if _, err := c.Test(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A server without /models: Test falls back to a chat.
	srv.Push(aitest.Error(404, "not_found", "no such route"), aitest.Chat("pong"))
	if _, err := c.Test(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv.Push(aitest.Error(401, "invalid_api_key", "bad key"))
	if _, err := c.Test(context.Background()); Classify(err).Kind != KindAuth {
		t.Fatalf("%v", err)
	}
}

func TestConfigValidateAndEnv(t *testing.T) {
	env := map[string]string{"DUANJU_AI_PROVIDER": "deepseek", "DEEPSEEK_API_KEY": "sk-abcdef123456", "DUANJU_AI_MODEL": "deepseek-v4-flash", "DUANJU_AI_CONCURRENCY": "8"}
	cfg, err := FromEnv(func(k string) string { return env[k] })
	if err != nil || cfg.Key != "sk-abcdef123456" || cfg.URL() != "https://api.deepseek.com" || cfg.Workers() != 8 {
		t.Fatalf("%v %v", cfg, err)
	}
	if s := cfg.String(); strings.Contains(s, "abcdef") || !strings.Contains(s, "3456") {
		t.Fatalf("String leaks key: %s", s)
	}
	env["DUANJU_AI_KEY"] = "override"
	cfg, _ = FromEnv(func(k string) string { return env[k] })
	if cfg.Key != "override" {
		t.Fatal("DUANJU_AI_KEY must win")
	}
	cfg.Key = ""
	delete(env, "DUANJU_AI_KEY")
	if err := cfg.Validate(); Classify(err).Kind != KindAuth || !strings.Contains(Classify(err).Message("en"), "DEEPSEEK_API_KEY") {
		t.Fatalf("%v", err)
	}
	env["DUANJU_AI_CONCURRENCY"] = "many"
	if _, err := FromEnv(func(k string) string { return env[k] }); err == nil {
		t.Fatal("bad concurrency accepted")
	}
}

func TestContinueRequest(t *testing.T) {
	r := Continue(user("写"), "前半段", "zh")
	if len(r.Messages) != 3 || r.Messages[1].Content != "前半段" || r.Messages[1].Role != RoleAssistant {
		t.Fatalf("%+v", r.Messages)
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d, ok := retryAfter("1.5", now); !ok || d != 1500*time.Millisecond {
		t.Fatal(d)
	}
	if d, ok := retryAfter(now.Add(10*time.Second).Format(http.TimeFormat), now); !ok || d != 10*time.Second {
		t.Fatal(d)
	}
	if _, ok := retryAfter("soon", now); ok {
		t.Fatal("garbage accepted")
	}
}

func TestConnectionDropMidStream(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("已经写了", ""), aitest.Delta("一半", "")}, Drop: true})
	res, err := c.Stream(context.Background(), user("x"), nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMidStream || res.Text != "已经写了一半" || srv.Count() != 1 {
		t.Fatalf("%q %#v", res.Text, err)
	}
}

func TestReasoningModelRequest(t *testing.T) {
	srv := aitest.New()
	defer srv.Close()
	c, _ := New(Config{Provider: ProviderOpenAI, BaseURL: srv.URL(), Model: "gpt-5-mini", Key: "k"})
	half := 0.5
	r := user("x")
	r.MaxTokens, r.Temperature = 500, &half
	if _, err := c.Chat(context.Background(), r); err != nil {
		t.Fatal(err) // go-openai refuses max_tokens for these models before sending
	}
	b := srv.Requests()[0].Body
	if _, ok := b["max_tokens"]; ok || b["max_completion_tokens"] != 2000.0 {
		t.Fatalf("%v", b)
	}
	if _, ok := b["temperature"]; ok {
		t.Fatal("temperature sent to a reasoning model")
	}
}
