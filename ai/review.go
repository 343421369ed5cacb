package ai

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// FixReply is the AI's replacement for a flagged span.
type FixReply struct {
	Explanation string `json:"explanation" description:"one sentence: what changed"`
	Replacement string `json:"replacement" description:"the new text for the flagged passage"`
}

// Fix asks for a replacement of a finding's span. in.Start/End (or
// in.Finding's span) must point at the flagged text in the episode.
func (c *Client) Fix(ctx context.Context, in Input) (FixReply, Result, error) {
	if in.Start == in.End && in.Finding.End > in.Finding.Start {
		in.Start, in.End = in.Finding.Start, in.Finding.End
	}
	if in.Episode == 0 {
		in.Episode = in.Finding.Episode
	}
	var out FixReply
	res, _, err := c.runTask(TaskFix, in, func(req Request) (Result, error) { return c.JSON(ctx, req, "fix", nil, &out) })
	if err == nil && strings.TrimSpace(out.Replacement) == "" {
		err = &Error{Kind: KindInvalid, zh: "AI 没有给出替换文字", en: "the AI gave no replacement text"}
	}
	out.Replacement = CleanText(out.Replacement)
	return out, res, err
}

// reviewItem is one finding as the model returns it.
type reviewItem struct {
	Category   string `json:"category" description:"one of the listed category keys"`
	Message    string `json:"message" description:"what the problem is and why"`
	Quote      string `json:"quote" description:"a short passage copied verbatim from the episode"`
	Severity   string `json:"severity" enum:"blocker,high,medium,low,info"`
	Suggestion string `json:"suggestion" description:"how to fix it"`
}

type reviewReply struct {
	Findings []reviewItem `json:"findings"`
}

// Review asks for a semantic second opinion on an episode. Findings come
// back with spans located in the Body from their quotes (quotes that are
// not in the text are dropped: the model made them up) and marked AI.
func (c *Client) Review(ctx context.Context, in Input) ([]Finding, Result, error) {
	var out reviewReply
	res, _, err := c.runTask(TaskReview, in, func(req Request) (Result, error) { return c.JSON(ctx, req, "review", nil, &out) })
	if err != nil {
		return nil, res, err
	}
	body := ""
	if ep := in.Project.Episode(in.Episode); ep != nil {
		body = ep.Body
	}
	return locateFindings(out.Findings, body, in.Episode, res.Model), res, nil
}

func locateFindings(items []reviewItem, body string, episode int, model string) []Finding {
	valid := map[string]bool{}
	for _, c := range Categories() {
		valid[c.Key] = true
	}
	var out []Finding
	seen := map[int]bool{}
	for _, it := range items {
		q := strings.TrimSpace(it.Quote)
		if q == "" || !valid[it.Category] || !utf8.ValidString(q) {
			continue
		}
		at := strings.Index(body, q)
		if at < 0 {
			// models often normalise punctuation: try the longest leading part
			r := []rune(q)
			for n := len(r) - 1; n >= 6 && at < 0; n-- {
				at = strings.Index(body, string(r[:n]))
				if at >= 0 {
					q = string(r[:n])
				}
			}
		}
		if at < 0 || seen[at] || !utf8.RuneStart(body[at]) || (at+len(q) < len(body) && !utf8.RuneStart(body[at+len(q)])) {
			continue
		}
		seen[at] = true
		sev := it.Severity
		switch sev {
		case "blocker", "high", "medium", "low", "info":
		default:
			sev = "medium"
		}
		out = append(out, Finding{Rule: "ai." + it.Category, Category: it.Category, Severity: sev, Episode: episode,
			Start: at, End: at + len(q), Excerpt: q, Message: it.Message, Suggestion: it.Suggestion,
			Source: "AI (" + model + ")", AI: true, Reader: "ai"})
	}
	return out
}

// SynopsisReply holds filing texts.
type SynopsisReply struct {
	Synopsis string `json:"synopsis" description:"at most 200 characters"`
	Tagline  string `json:"tagline" description:"at most 30 characters"`
}

// Synopsis writes the synopsis (≤200) and tagline (≤30); an over-long
// answer is sent back once with its length.
func (c *Client) Synopsis(ctx context.Context, in Input) (SynopsisReply, Result, error) {
	req, err := c.BuildRequest(TaskSynopsis, in)
	if err != nil {
		return SynopsisReply{}, Result{}, err
	}
	var out SynopsisReply
	var res Result
	for attempt := 0; attempt < 2; attempt++ {
		res, err = c.JSON(ctx, req, "synopsis", nil, &out)
		if err != nil {
			return out, res, err
		}
		ns, nt := utf8.RuneCountInString(out.Synopsis), utf8.RuneCountInString(out.Tagline)
		if ns <= MaxSynopsisRunes && nt <= MaxTaglineRunes {
			return out, res, nil
		}
		req.Messages = append(req.Messages, Message{Role: RoleAssistant, Content: fmt.Sprintf(`{"synopsis":%q,"tagline":%q}`, out.Synopsis, out.Tagline)},
			Message{Role: RoleUser, Content: fmt.Sprintf("Too long: synopsis %d/%d characters, tagline %d/%d. Shorten and return the JSON again.",
				ns, MaxSynopsisRunes, nt, MaxTaglineRunes)})
	}
	return out, res, &Error{Kind: KindInvalid,
		zh: fmt.Sprintf("AI 写的简介或推荐语仍然超长（限 %d / %d 字）：请手动删减", MaxSynopsisRunes, MaxTaglineRunes),
		en: fmt.Sprintf("the synopsis or tagline is still too long (limits %d / %d): shorten it by hand", MaxSynopsisRunes, MaxTaglineRunes)}
}

// Summarize makes and caches the summary of episode n.
func (c *Client) Summarize(ctx context.Context, in Input) (string, error) {
	res, _, err := c.runTask(TaskSummary, in, func(req Request) (Result, error) { return c.Chat(ctx, req) })
	if err != nil {
		return "", err
	}
	s := CleanText(res.Text)
	if s == "" {
		return "", &Error{Kind: KindProtocol, zh: "AI 返回了空概要", en: "the AI returned an empty summary"}
	}
	StoreSummary(in.Project, in.Episode, s)
	return s, nil
}
