// Package aitest is an in-process fake OpenAI-compatible server for tests:
// scripted replies (JSON, SSE streams with keep-alives, usage chunks,
// reasoning and tool-call deltas, errors with Retry-After, stalls, resets
// and malformed chunks) and a record of every request it received.
package aitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Reply is one scripted answer.
type Reply struct {
	Status int               // default 200
	Header map[string]string // e.g. Retry-After
	Body   string            // non-stream body (JSON) or error body
	// Events are SSE lines for a stream: JSON payloads get "data: "; lines
	// starting with ":" (comments/keep-alives) or "" are sent verbatim.
	Events     []string
	NoDone     bool          // omit the final "data: [DONE]"
	Delay      time.Duration // before the status line (slow first byte)
	EventDelay time.Duration // between events
	Stall      bool          // after the events, hang until the client leaves
	Drop       bool          // after the events, drop the connection mid-stream
	Reset      bool          // drop the connection without a reply
}

// Request is what the server received.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   map[string]any
	Raw    string
}

// Messages returns the request's chat messages as role/content pairs.
func (r Request) Messages() []map[string]string {
	var out []map[string]string
	ms, _ := r.Body["messages"].([]any)
	for _, m := range ms {
		mm, _ := m.(map[string]any)
		role, _ := mm["role"].(string)
		content, _ := mm["content"].(string)
		out = append(out, map[string]string{"role": role, "content": content})
	}
	return out
}

// LastUser is the content of the last user message.
func (r Request) LastUser() string {
	ms := r.Messages()
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i]["role"] == "user" {
			return ms[i]["content"]
		}
	}
	return ""
}

// Server is a fake endpoint. Replies are taken from the queue in order;
// when it is empty, Handler answers (default: a short chat reply).
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	queue    []Reply
	requests []Request
	// Handler answers when the queue is empty. Set before use.
	Handler func(Request) Reply
	// Models is the /models list.
	Models []string
}

// New starts a fake server; stop it with Close.
func New() *Server {
	s := &Server{Models: []string{"fake-model"}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to configure (".../v1").
func (s *Server) URL() string { return s.Server.URL + "/v1" }

// Push queues replies.
func (s *Server) Push(r ...Reply) {
	s.mu.Lock()
	s.queue = append(s.queue, r...)
	s.mu.Unlock()
}

// Requests returns what was received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count is the number of requests received.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	req := Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Raw: string(raw)}
	_ = json.Unmarshal(raw, &req.Body)
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var rep Reply
	queued := len(s.queue) > 0
	if queued {
		rep = s.queue[0]
		s.queue = s.queue[1:]
	}
	h := s.Handler
	s.mu.Unlock()
	if !queued {
		switch {
		case strings.HasSuffix(r.URL.Path, "/models"):
			rep = ModelList(s.Models...)
		case h != nil:
			rep = h(req)
		default:
			rep = Chat("好的。")
		}
	}
	s.write(w, r, rep)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, rep Reply) {
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.Reset {
		if hj, ok := w.(http.Hijacker); ok {
			conn, _, err := hj.Hijack()
			if err == nil {
				conn.Close()
			}
		}
		return
	}
	for k, v := range rep.Header {
		w.Header().Set(k, v)
	}
	status := rep.Status
	if status == 0 {
		status = 200
	}
	if rep.Events == nil {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		io.WriteString(w, rep.Body)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(status)
	fl, _ := w.(http.Flusher)
	for _, ev := range rep.Events {
		if rep.EventDelay > 0 {
			select {
			case <-time.After(rep.EventDelay):
			case <-r.Context().Done():
				return
			}
		}
		if ev == "" || strings.HasPrefix(ev, ":") {
			fmt.Fprintf(w, "%s\n", ev)
		} else {
			fmt.Fprintf(w, "data: %s\n\n", ev)
		}
		if fl != nil {
			fl.Flush()
		}
	}
	if rep.Stall {
		<-r.Context().Done()
		return
	}
	if rep.Drop {
		panic(http.ErrAbortHandler) // net/http closes the connection without ending the response
	}
	if !rep.NoDone {
		io.WriteString(w, "data: [DONE]\n\n")
	}
}

// Chat is a non-streaming reply with content and finish reason "stop".
func Chat(content string) Reply { return ChatWith(content, "", "stop") }

// ChatWith is a non-streaming reply with reasoning and a finish reason.
func ChatWith(content, reasoning, finish string) Reply {
	msg := map[string]any{"role": "assistant", "content": content}
	if reasoning != "" {
		msg["reasoning_content"] = reasoning
	}
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "fake-model",
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish}},
		"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
	})
	return Reply{Body: string(b)}
}

// ModelList answers GET /models.
func ModelList(ids ...string) Reply {
	var data []any
	for _, id := range ids {
		data = append(data, map[string]any{"id": id, "object": "model", "owned_by": "me", "created": 1})
	}
	b, _ := json.Marshal(map[string]any{"object": "list", "data": data})
	return Reply{Body: string(b)}
}

// Error is an OpenAI-style error reply.
func Error(status int, code, message string) Reply {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": message, "type": code, "code": code}})
	return Reply{Status: status, Body: string(b)}
}

// Delta is a stream chunk with content and/or reasoning.
func Delta(content, reasoning string) string {
	d := map[string]any{}
	if content != "" {
		d["content"] = content
	}
	if reasoning != "" {
		d["reasoning_content"] = reasoning
	}
	return chunk(d, nil)
}

// OllamaReasoning is an Ollama-style chunk with "reasoning".
func OllamaReasoning(r string) string { return chunk(map[string]any{"reasoning": r}, nil) }

// Role is the first chunk of a stream.
func Role() string { return chunk(map[string]any{"role": "assistant", "content": ""}, nil) }

// Finish is the chunk carrying the finish reason.
func Finish(reason string) string { return chunk(map[string]any{}, reason) }

// UsageChunk is the include_usage chunk with choices: [].
func UsageChunk(prompt, completion int) string {
	b, _ := json.Marshal(map[string]any{"id": "c", "object": "chat.completion.chunk", "model": "fake-model",
		"choices": []any{}, "usage": map[string]any{"prompt_tokens": prompt, "completion_tokens": completion,
			"total_tokens": prompt + completion}})
	return string(b)
}

// ToolDelta is a tool-call fragment at index.
func ToolDelta(index int, id, name, args string) string {
	fn := map[string]any{"arguments": args}
	if name != "" {
		fn["name"] = name
	}
	tc := map[string]any{"index": index, "function": fn}
	if id != "" {
		tc["id"] = id
		tc["type"] = "function"
	}
	return chunk(map[string]any{"tool_calls": []any{tc}}, nil)
}

// StreamError is a mid-stream error event.
func StreamError(message string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": message, "type": "server_error"}})
	return string(b)
}

// Stream is a complete stream of the given pieces: role, deltas, finish
// "stop", usage.
func Stream(pieces ...string) Reply {
	ev := []string{Role()}
	for _, p := range pieces {
		ev = append(ev, Delta(p, ""))
	}
	ev = append(ev, Finish("stop"), UsageChunk(12, len(pieces)))
	return Reply{Events: ev}
}

func chunk(delta map[string]any, finish any) string {
	b, _ := json.Marshal(map[string]any{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "fake-model",
		"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}}})
	return string(b)
}
