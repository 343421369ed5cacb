package ai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// transport is the HTTPDoer under go-openai. It adds what go-openai lacks:
// provider-specific body fields, temperature 0, retries with backoff that
// honour Retry-After, and a debug log with the key redacted.
type transport struct {
	inner    *http.Client
	cfg      Config
	policy   RetryPolicy
	provider Provider
}

func newTransport(cfg Config) *transport {
	dial := cfg.HTTPTimeout
	if dial <= 0 {
		dial = 30 * time.Second
	}
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: dial, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: dial,
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
	}
	// No http.Client.Timeout: it would cut long streams. Calls use contexts.
	return &transport{inner: &http.Client{Transport: tr}, cfg: cfg, policy: cfg.Retry.withDefaults(), provider: cfg.Preset()}
}

// Do sends req, retrying 429 (not quota), 5xx and network errors.
func (t *transport) Do(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = t.rewrite(req, b)
	}
	ctx := req.Context()
	for try := 1; ; try++ {
		if body != nil {
			req.Body = io.NopCloser(bytes.NewReader(body))
			req.ContentLength = int64(len(body))
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		start := time.Now()
		resp, err := t.inner.Do(req)
		t.log(req, resp, err, try, time.Since(start))
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, ctx.Err()
		}
		wait, retry := t.shouldRetry(resp, err, try)
		if !retry {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		if !t.policy.Sleep(ctx.Done(), wait) {
			return nil, ctx.Err()
		}
	}
}

// shouldRetry decides whether to try again and how long to wait first.
// When it says no, resp (with its body intact) goes back to go-openai.
func (t *transport) shouldRetry(resp *http.Response, err error, try int) (time.Duration, bool) {
	if try >= t.policy.MaxTries {
		return 0, false
	}
	backoff := t.backoff(try)
	if err != nil {
		return backoff, isNetErr(err)
	}
	switch resp.StatusCode {
	case 429, 500, 502, 503, 504:
	default:
		return 0, false
	}
	// Peek at the body: insufficient_quota is a 429 that never heals.
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	if isQuota(strings.ToLower(string(b))) {
		return 0, false
	}
	if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		if ra > t.policy.MaxWait {
			return 0, false // the server wants longer than we wait: report it
		}
		return ra, true
	}
	return backoff, true
}

// backoff is exponential with full jitter: [base·2^(try-1)/2, base·2^(try-1)].
func (t *transport) backoff(try int) time.Duration {
	d := t.policy.Base << (try - 1)
	if d > t.policy.MaxWait || d <= 0 {
		d = t.policy.MaxWait
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryAfter parses seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), true
	}
	if when, err := http.ParseTime(v); err == nil {
		d := when.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// rewrite adds the provider's extra fields to a chat request body.
func (t *transport) rewrite(req *http.Request, b []byte) []byte {
	if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/chat/completions") {
		return b
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return b
	}
	stream, _ := m["stream"].(bool)
	for k, v := range t.provider.extraFields(stream, t.cfg.Thinking) {
		m[k] = v
	}
	if v, ok := req.Context().Value(tempKey{}).(float64); ok {
		m["temperature"] = t.provider.ClampTemperature(v)
	}
	if t.provider.OneStop {
		if s, ok := m["stop"].([]any); ok && len(s) > 1 {
			m["stop"] = s[:1]
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return b
	}
	return out
}

// tempKey carries the exact temperature of one call: go-openai drops 0.
type tempKey struct{}

func (t *transport) log(req *http.Request, resp *http.Response, err error, try int, d time.Duration) {
	if t.cfg.Debug == nil {
		return
	}
	var hdr []string
	for k, v := range req.Header {
		val := strings.Join(v, ",")
		if isSecretHeader(k) {
			val = "[redacted]"
		}
		hdr = append(hdr, k+"="+val)
	}
	status := "-"
	if resp != nil {
		status = resp.Status
	}
	line := fmt.Sprintf("ai: %s %s try=%d status=%s in=%s headers=%s", req.Method, req.URL.Redacted(), try, status,
		d.Round(time.Millisecond), strings.Join(hdr, " "))
	if err != nil {
		line += " err=" + err.Error()
	}
	t.cfg.Debug(redactSecrets(line))
}

func isSecretHeader(k string) bool {
	k = strings.ToLower(k)
	return k == "authorization" || k == "api-key" || k == "x-api-key" || strings.Contains(k, "token") || strings.Contains(k, "cookie")
}

var secretRe = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._\-]+|\b(sk-[A-Za-z0-9._\-]{6,})`)

// redactSecrets removes bearer tokens and sk- keys from free text (server
// error bodies sometimes echo the key back).
func redactSecrets(s string) string {
	return secretRe.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(strings.ToLower(m), "bearer") {
			return "Bearer [redacted]"
		}
		return "[redacted]"
	})
}
