package ai

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// EstimateTokens approximates the token count of s: about 0.6 token per
// Han character and 0.3 per other character (DeepSeek's published ratios;
// close enough for budgeting, calibrated by usage.prompt_tokens later).
func EstimateTokens(s string) int {
	han, other := 0, 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			han++
		} else {
			other++
		}
	}
	return (han*6 + other*3 + 9) / 10
}

// Budget is the number of prompt tokens available for a call: the context
// minus the reply, minus a margin for the template, reasoning and the
// estimate's error.
func Budget(contextTokens, replyTokens int) int {
	if replyTokens <= 0 {
		replyTokens = contextTokens / 4
	}
	b := contextTokens - replyTokens
	b -= b / 5 // 20 % margin
	if b < 256 {
		b = 256
	}
	return b
}

// runeTokens is EstimateTokens for one rune, in tenths of a token.
func runeTokens(r rune) int {
	if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
		return 6
	}
	return 3
}

// TrimTokens cuts s to about max tokens, keeping the beginning, at a line
// boundary where possible, and marks the cut.
func TrimTokens(s string, max int) string {
	if EstimateTokens(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	limit, used, end := max*10, 0, 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:]) // size is 1 for a stray byte
		used += runeTokens(r)
		if used > limit {
			break
		}
		end += size
	}
	cut := s[:end]
	if i := strings.LastIndexByte(cut, '\n'); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "\n…"
}

// TrimTokensTail keeps the end of s (the text just before a cursor).
func TrimTokensTail(s string, max int) string {
	if EstimateTokens(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	limit, used, start := max*10, 0, len(s)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		used += runeTokens(r)
		if used > limit {
			break
		}
		start -= size
	}
	cut := s[start:]
	if i := strings.IndexByte(cut, '\n'); i >= 0 && i < len(cut)/2 {
		cut = cut[i+1:]
	}
	return "…\n" + cut
}
