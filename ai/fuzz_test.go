package ai

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeJSON: model replies of any shape never panic the reply parser.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"replacement":"x","explanation":"y"}`, "```json\n{\"a\":1}\n```", "好的：{\"a\":[1,2]} 以上", "[", "```", "{]"} {
		f.Add(s)
	}
	schema, _ := Schema(&FixReply{})
	f.Fuzz(func(t *testing.T, s string) {
		var out FixReply
		_ = DecodeJSON(schema, s, &out)
		_ = extractJSON(s)
		_ = CleanText(s)
	})
}

// FuzzRouteThink: inline <think> blocks split anywhere are routed without
// losing text: visible + reasoning + tags = input.
func FuzzRouteThink(f *testing.F) {
	f.Add("<think>想</think>正文", 3)
	f.Add("a<think>b", 1)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			cut = len(s) / 2
		}
		var r string
		a, in := routeThink(s[:cut], false, &r)
		b, _ := routeThink(s[cut:], in, &r)
		got := len(a) + len(b) + len(r)
		tags := strings.Count(s, "<think>")*len("<think>") + strings.Count(s, "</think>")*len("</think>")
		if got > len(s) || got < len(s)-tags-2*len("</think>") {
			t.Fatalf("lost or invented text: %q → %q %q %q", s, a, b, r)
		}
	})
}

// FuzzSelectionSpan: a found span always holds the selected text.
func FuzzSelectionSpan(f *testing.F) {
	f.Add("林晚：走。\n周母：站住！", "站住", 5)
	f.Fuzz(func(t *testing.T, body, sel string, cursor int) {
		s, e, ok := SelectionSpan(body, sel, cursor)
		if ok && (s < 0 || e > len(body) || body[s:e] != sel) {
			t.Fatalf("span %d:%d for %q in %q", s, e, sel, body)
		}
		ds, de := DefaultSpan(TaskCliffhanger, body, cursor)
		if ds < 0 || de > len(body) || ds > de {
			t.Fatalf("default span %d:%d of %d", ds, de, len(body))
		}
		hs, he := DefaultSpan(TaskHook, body, cursor)
		if hs != 0 || he > len(body) {
			t.Fatal("hook span")
		}
	})
}

// FuzzLocateFindings: findings point at text that is really there.
func FuzzLocateFindings(f *testing.F) {
	f.Add("周母：（冷笑）你还有脸回来？", "你还有脸回来？", "stereotype")
	f.Fuzz(func(t *testing.T, body, quote, cat string) {
		fs := locateFindings([]reviewItem{{Category: cat, Quote: quote, Severity: "x"}, {Category: "craft", Quote: quote}}, body, 1, "m")
		for _, x := range fs {
			if x.Start < 0 || x.End > len(body) || body[x.Start:x.End] != x.Excerpt || !utf8.ValidString(x.Excerpt) && utf8.ValidString(body) {
				t.Fatalf("%+v in %q", x, body)
			}
		}
	})
}

// FuzzRetryAfterAndContext: header and error-message parsers.
func FuzzRetryAfterAndContext(f *testing.F) {
	f.Add("7", "request (2265 tokens) exceeds the available context size (1024 tokens)")
	f.Add("Wed, 21 Oct 2015 07:28:00 GMT", "maximum context length is 4096 tokens")
	f.Fuzz(func(t *testing.T, h, msg string) {
		if d, ok := retryAfter(h, time.Now()); ok && d < 0 {
			t.Fatal("negative wait")
		}
		l, p := contextNumbers(msg)
		if l < 0 || p < 0 {
			t.Fatal("negative count")
		}
	})
}
