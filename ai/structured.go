package ai

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sashabaranov/go-openai/jsonschema"
)

// Schema returns the JSON schema of a Go value's type (struct tags json,
// description, enum, required).
func Schema(v any) (*jsonschema.Definition, error) { return jsonschema.GenerateSchemaForType(v) }

// JSON runs a generation whose reply must match schema and decodes it into
// out. It asks for json_schema where the provider supports it, else
// json_object with the schema in the prompt; it validates the reply and
// retries once, telling the model what was wrong.
func (c *Client) JSON(ctx context.Context, r Request, name string, schema *jsonschema.Definition, out any) (Result, error) {
	if schema == nil {
		s, err := Schema(out)
		if err != nil {
			return Result{}, err
		}
		schema = s
	}
	raw, _ := json.Marshal(schema)
	r.Messages = append([]Message(nil), r.Messages...)
	if c.cfg.Preset().JSONSchema {
		r.format = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: name, Schema: schema, Strict: true}}
	} else {
		r.format = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	// The schema also goes in the prompt: json_object needs it, and it helps
	// servers whose json_schema support is loose.
	r.Messages = append(r.Messages, Message{Role: RoleSystem,
		Content: "Reply with one JSON object only (no code fences, no commentary) that matches this JSON schema:\n" + string(raw)})
	var last error
	for attempt := 0; attempt < 2; attempt++ {
		res, err := c.Chat(ctx, r)
		if err != nil {
			return res, err
		}
		if res.Truncated() {
			last = fmt.Errorf("the reply was cut by the length limit")
		} else if last = DecodeJSON(schema, res.Text, out); last == nil {
			return res, nil
		}
		r.Messages = append(r.Messages,
			Message{Role: RoleAssistant, Content: res.Text},
			Message{Role: RoleUser, Content: "That reply was not valid: " + last.Error() + ". Return only the corrected JSON object."})
	}
	return Result{}, &Error{Kind: KindInvalid, err: last, Detail: trimDetail(last.Error()),
		zh: "AI 返回的结构化结果不符合格式（已重试一次）：可换一个更强的模型再试",
		en: "the AI's structured reply did not match the format (retried once): try a stronger model"}
}

// DecodeJSON strips code fences and surrounding prose, validates text
// against schema and decodes it into out.
func DecodeJSON(schema *jsonschema.Definition, text string, out any) error {
	t := extractJSON(text)
	if t == "" {
		return fmt.Errorf("no JSON object in the reply")
	}
	if schema != nil {
		if err := schema.Unmarshal(t, out); err != nil {
			return err
		}
		return nil
	}
	return json.Unmarshal([]byte(t), out)
}

// extractJSON finds the JSON value in a reply that may be fenced or wrapped
// in prose.
func extractJSON(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "```"); i >= 0 {
		rest := s[i+3:]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[nl+1:]
		}
		if j := strings.Index(rest, "```"); j >= 0 {
			rest = rest[:j]
		}
		s = strings.TrimSpace(rest)
	}
	if json.Valid([]byte(s)) {
		return s
	}
	open := strings.IndexAny(s, "{[")
	if open < 0 {
		return ""
	}
	closeCh := byte('}')
	if s[open] == '[' {
		closeCh = ']'
	}
	end := strings.LastIndexByte(s, closeCh)
	if end <= open {
		return ""
	}
	return s[open : end+1]
}
