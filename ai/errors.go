package ai

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/duanju-studio/duanju/script"
	openai "github.com/sashabaranov/go-openai"
)

// Kind says what went wrong in terms a writer can act on.
type Kind string

const (
	KindConfig      Kind = "config"       // settings incomplete
	KindAuth        Kind = "auth"         // 401/403: bad or missing key
	KindModel       Kind = "model"        // 404 / unknown model
	KindQuota       Kind = "quota"        // insufficient_quota, arrears: no retry
	KindRateLimit   Kind = "rate_limit"   // 429 after retries
	KindBadRequest  Kind = "bad_request"  // 400/422: the request is wrong
	KindServer      Kind = "server"       // 5xx after retries
	KindLoading     Kind = "loading"      // 503 "Loading model"
	KindUnreachable Kind = "unreachable"  // DNS, refused, reset, TLS
	KindTimeout     Kind = "timeout"      // deadline exceeded
	KindStalled     Kind = "stalled"      // stream stopped sending
	KindCancelled   Kind = "cancelled"    // the user pressed stop
	KindFilter      Kind = "filter"       // content_filter
	KindProtocol    Kind = "protocol"     // malformed reply
	KindInvalid     Kind = "invalid"      // structured reply failed validation
	KindKeychain    Kind = "keychain"     // OS keychain unavailable
	KindOther       Kind = "other"        //
	KindMidStream   Kind = "stream_error" // error event after partial output
)

// Error is a classified failure with a message in Chinese and English.
type Error struct {
	Kind       Kind
	Status     int           // HTTP status, 0 if none
	Code       string        // provider error code, e.g. insufficient_quota
	Detail     string        // the server's own words (never the key)
	RetryAfter time.Duration // what the server asked for, if anything
	zh, en     string
	err        error
}

func (e *Error) Error() string {
	s := e.en
	if e.Detail != "" && !strings.Contains(s, e.Detail) {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Message is the actionable message in lang ("zh" or "en").
func (e *Error) Message(lang script.Lang) string {
	s := e.en
	if lang == "zh" {
		s = e.zh
	}
	if e.Detail != "" {
		s += "\n" + e.Detail
	}
	return s
}

func (e *Error) Unwrap() error { return e.err }

// ErrorMessage returns an actionable message for any error in lang.
func ErrorMessage(err error, lang script.Lang) string {
	if err == nil {
		return ""
	}
	return Classify(err).Message(lang)
}

// errStalled is the cancel cause of the stream watchdog.
var errStalled = errors.New("stream stalled")

// Classify turns any error from go-openai, the transport or a context into
// an *Error.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch {
	case errors.Is(err, errStalled):
		return &Error{Kind: KindStalled, err: err,
			zh: "AI 服务长时间没有返回内容，已停止等待。已收到的部分保留；可稍后重试或点“继续”",
			en: "the AI server stopped sending; waiting was stopped. What arrived is kept; retry later or press Continue"}
	case errors.Is(err, context.Canceled):
		return &Error{Kind: KindCancelled, err: err, zh: "已停止", en: "stopped"}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Kind: KindTimeout, err: err,
			zh: "AI 服务响应超时：服务器可能繁忙或排队中，请稍后重试，或换一个更快的模型",
			en: "the AI server timed out: it may be busy or queueing; retry later or pick a faster model"}
	case errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		return &Error{Kind: KindProtocol, err: err, zh: "AI 服务返回了过多空消息", en: "the AI server sent too many empty messages"}
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status, code, detail := 0, "", ""
	if errors.As(err, &reqErr) {
		status = reqErr.HTTPStatusCode
		detail = strings.TrimSpace(string(reqErr.Body))
	}
	if errors.As(err, &apiErr) {
		if apiErr.HTTPStatusCode != 0 {
			status = apiErr.HTTPStatusCode
		}
		if apiErr.Message != "" {
			detail = apiErr.Message
		}
		code = fmt.Sprint(apiErr.Code)
		if code == "<nil>" || code == "0" {
			code = ""
		}
		if code == "" {
			code = apiErr.Type
		}
	}
	detail = trimDetail(redactSecrets(detail))
	if status != 0 || apiErr != nil {
		return classifyStatus(status, code, detail, err)
	}
	if isNetErr(err) {
		return &Error{Kind: KindUnreachable, err: err, Detail: trimDetail(redactSecrets(err.Error())),
			zh: "连不上 AI 服务：请检查网络和设置里的 Base URL；本地服务（Ollama、llama.cpp、vLLM）请确认已经启动",
			en: "cannot reach the AI server: check the network and the Base URL; for a local server (Ollama, llama.cpp, vLLM) make sure it is running"}
	}
	return &Error{Kind: KindOther, err: err, Detail: trimDetail(redactSecrets(err.Error())),
		zh: "AI 请求失败", en: "the AI request failed"}
}

func classifyStatus(status int, code, detail string, err error) *Error {
	low := strings.ToLower(code + " " + detail)
	e := &Error{Status: status, Code: code, Detail: detail, err: err}
	switch {
	case isQuota(low):
		e.Kind = KindQuota
		e.zh, e.en = "账户额度不足或欠费：请到服务商控制台充值或更换 Key（重试无效）",
			"the account is out of quota or credit: top up in the provider's console or use another key (retrying will not help)"
	case status == 401 || status == 403 || strings.Contains(low, "invalid_api_key") || strings.Contains(low, "authentication"):
		e.Kind = KindAuth
		e.zh, e.en = "API Key 无效或没有权限：请在设置中检查 Key（注意地域，如通义千问北京与新加坡的 Key 不通用）",
			"the API key is invalid or lacks permission: check it in the settings (keys are per region, e.g. DashScope Beijing vs Singapore)"
	case status == 404 || strings.Contains(low, "model_not_found") || strings.Contains(low, "model not found") ||
		strings.Contains(low, "does not exist"):
		e.Kind = KindModel
		e.zh, e.en = "找不到该模型或接口：请在设置中点“刷新模型列表”选择可用模型，并检查 Base URL 的路径（如智谱为 /api/paas/v4）",
			"unknown model or endpoint: press \"refresh model list\" in the settings and pick an available model; check the Base URL path (Zhipu uses /api/paas/v4)"
	case status == 429:
		e.Kind = KindRateLimit
		e.zh, e.en = "请求太频繁，已多次重试仍被限流：请稍后再试，或在设置中降低并发（DUANJU_AI_CONCURRENCY）",
			"rate limited even after retries: try again later or lower the concurrency (DUANJU_AI_CONCURRENCY)"
	case status == 503 && strings.Contains(low, "loading"):
		e.Kind = KindLoading
		e.zh, e.en = "模型还在加载中，请稍等片刻再试", "the model is still loading; try again in a moment"
	case status >= 500:
		e.Kind = KindServer
		e.zh, e.en = "AI 服务器出错（已自动重试）：请稍后再试", "the AI server failed (retried automatically): try again later"
	case status == 400 || status == 422 || status == 413:
		e.Kind = KindBadRequest
		e.zh, e.en = "AI 服务拒绝了请求：内容可能超出模型上下文，或参数不被该服务支持", "the AI server rejected the request: the prompt may exceed the model's context, or a parameter is not supported"
		if strings.Contains(low, "context") || strings.Contains(low, "too long") || strings.Contains(low, "maximum") {
			e.zh, e.en = "提示内容超出模型上下文：请在设置中调小上下文长度或换用长上下文模型", "the prompt exceeds the model's context: lower the context size in the settings or use a long-context model"
		}
	case status == 0:
		// mid-stream {"error":…}: partial text stays, offer continue
		e.Kind = KindMidStream
		e.zh, e.en = "AI 服务在输出途中出错：已收到的部分保留，可点“继续”", "the AI server failed mid-answer: what arrived is kept; press Continue"
	default:
		e.Kind = KindOther
		e.zh, e.en = fmt.Sprintf("AI 请求失败（HTTP %d）", status), fmt.Sprintf("the AI request failed (HTTP %d)", status)
	}
	if strings.Contains(low, "content_filter") || strings.Contains(low, "data_inspection_failed") || strings.Contains(low, "sensitive") {
		e.Kind = KindFilter
		e.zh, e.en = "内容被服务商的安全审核拦截：请调整所选文字后再试", "the provider's content filter blocked this: adjust the selected text and retry"
	}
	return e
}

func isQuota(low string) bool {
	for _, s := range []string{"insufficient_quota", "insufficient balance", "insufficient_balance", "arrearage", "余额不足", "欠费", "billing"} {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}

func isNetErr(err error) bool {
	var ne net.Error
	var ue *url.Error
	var oe *net.OpError
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.As(err, &oe) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "EOF")
}

func trimDetail(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}
