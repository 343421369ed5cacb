// Package ai talks to any OpenAI-compatible chat endpoint (go-openai) for
// Duanju Studio: provider presets and their quirks, a retrying transport,
// streaming with cancel and a stall watchdog, structured (JSON-schema)
// replies, keys from the keychain or the environment, prompt tasks with the
// series bible in context, and provenance of accepted AI text.
//
// The AI proposes, the writer accepts: nothing here edits an episode Body;
// callers apply an accepted Result themselves and record its provenance.
package ai

import (
	"github.com/duanju-studio/duanju/script"
	"strings"
)

// Provider is a preset for one kind of endpoint. Model ids churn, so the
// list here only seeds the settings screen; the real list comes from
// /models (Client.Models).
type Provider struct {
	ID      string // stable key: "openai", "deepseek", …
	Name    string // shown in the UI
	BaseURL string // default base URL (the path before /chat/completions)
	// Regions are alternative base URLs (Qwen Beijing/Singapore, …).
	Regions []Region
	KeyEnv  string   // the provider's usual environment variable
	Models  []string // suggestions only
	NoKey   bool     // local server: a key is optional
	// JSONSchema reports whether response_format json_schema works; when
	// false, structured tasks use json_object plus the schema in the prompt.
	JSONSchema bool
	// MaxTemp is the top of the provider's temperature range (0 = 2).
	MaxTemp float64
	// MinTemp is the lowest accepted temperature (Zhipu rejects 0).
	MinTemp float64
	// OneStop: only one stop sequence is accepted (Zhipu).
	OneStop bool
	// Context is a conservative default context size in tokens, used for
	// the prompt budget when the user set none.
	Context int
	// NoteZH/NoteEN are shown under the provider in the settings.
	NoteZH, NoteEN string
}

// Note is the preset's settings hint in lang.
func (p Provider) Note(lang script.Lang) string {
	if lang == "zh" {
		return p.NoteZH
	}
	return p.NoteEN
}

// Region is a named alternative base URL.
type Region struct {
	Name    string
	BaseURL string
}

// Provider ids.
const (
	ProviderOpenAI   = "openai"
	ProviderDeepSeek = "deepseek"
	ProviderQwen     = "qwen"
	ProviderMoonshot = "moonshot"
	ProviderZhipu    = "zhipu"
	ProviderOllama   = "ollama"
	ProviderLlamaCpp = "llamacpp"
	ProviderVLLM     = "vllm"
	ProviderCustom   = "custom"
)

// Providers lists the presets in the order the settings screen shows them.
var Providers = []Provider{
	{ID: ProviderOpenAI, Name: "OpenAI", BaseURL: "https://api.openai.com/v1", KeyEnv: "OPENAI_API_KEY",
		Models: []string{"gpt-4.1-mini", "gpt-4.1"}, JSONSchema: true, Context: 128000},
	{ID: ProviderDeepSeek, Name: "DeepSeek 深度求索", BaseURL: "https://api.deepseek.com", KeyEnv: "DEEPSEEK_API_KEY",
		Models: []string{"deepseek-v4-flash", "deepseek-v4-pro"}, Context: 64000,
		NoteZH: "高峰期请求可能排队数分钟，期间保持连接即可", NoteEN: "at peak times requests may queue for minutes; the connection is kept open meanwhile"},
	{ID: ProviderQwen, Name: "通义千问 Qwen (DashScope)", BaseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1",
		Regions: []Region{
			{Name: "北京 Beijing", BaseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1"},
			{Name: "新加坡 Singapore", BaseURL: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"},
		},
		KeyEnv: "DASHSCOPE_API_KEY", Models: []string{"qwen-plus", "qwen-max", "qwen-turbo"}, Context: 32000,
		NoteZH: "北京与新加坡地域的 API Key 不通用，请选择 Key 所属的地域", NoteEN: "Beijing and Singapore keys are separate: pick the region your key belongs to"},
	{ID: ProviderMoonshot, Name: "Moonshot Kimi", BaseURL: "https://api.moonshot.cn/v1",
		Regions: []Region{
			{Name: "中国 China", BaseURL: "https://api.moonshot.cn/v1"},
			{Name: "Global", BaseURL: "https://api.moonshot.ai/v1"},
		},
		KeyEnv: "MOONSHOT_API_KEY", Models: []string{"kimi-k2.5", "moonshot-v1-32k"}, MaxTemp: 1, Context: 32000},
	{ID: ProviderZhipu, Name: "智谱 GLM", BaseURL: "https://open.bigmodel.cn/api/paas/v4",
		Regions: []Region{
			{Name: "中国 China", BaseURL: "https://open.bigmodel.cn/api/paas/v4"},
			{Name: "Global (z.ai)", BaseURL: "https://api.z.ai/api/paas/v4"},
		},
		KeyEnv: "ZHIPUAI_API_KEY", Models: []string{"glm-4.5-air", "glm-4.5-flash"}, MaxTemp: 1, MinTemp: 0.01,
		OneStop: true, Context: 32000,
		NoteZH: "Base URL 以 /api/paas/v4 结尾（不是 /v1）", NoteEN: "the Base URL ends in /api/paas/v4 (not /v1)"},
	{ID: ProviderOllama, Name: "Ollama", BaseURL: "http://localhost:11434/v1", NoKey: true, JSONSchema: true,
		Context: 4096,
		NoteZH:  "Ollama 默认上下文较小（4k 起）：设定与前情会被裁剪。可设置 OLLAMA_CONTEXT_LENGTH 后在此填写更大的上下文长度",
		NoteEN:  "Ollama's default context is small (from 4k): the bible and story so far get trimmed. Set OLLAMA_CONTEXT_LENGTH and enter the larger size here"},
	{ID: ProviderLlamaCpp, Name: "llama.cpp server", BaseURL: "http://127.0.0.1:8080/v1", NoKey: true,
		JSONSchema: true, Context: 4096},
	{ID: ProviderVLLM, Name: "vLLM", BaseURL: "http://localhost:8000/v1", NoKey: true, JSONSchema: true,
		Context: 32000},
	{ID: ProviderCustom, Name: "Custom OpenAI-compatible", BaseURL: "", NoKey: true, Context: 8192},
}

// LookupProvider returns the preset with the given id (case-insensitive),
// or the custom preset.
func LookupProvider(id string) Provider {
	id = strings.ToLower(strings.TrimSpace(id))
	switch id {
	case "llama.cpp", "llama-server", "llama":
		id = ProviderLlamaCpp
	case "dashscope", "tongyi":
		id = ProviderQwen
	case "kimi":
		id = ProviderMoonshot
	case "glm", "zhipuai", "bigmodel":
		id = ProviderZhipu
	}
	for _, p := range Providers {
		if p.ID == id {
			return p
		}
	}
	return Providers[len(Providers)-1]
}

// ClampTemperature fits t into the provider's accepted range.
func (p Provider) ClampTemperature(t float64) float64 {
	hi := p.MaxTemp
	if hi == 0 {
		hi = 2
	}
	if t > hi {
		t = hi
	}
	if t < p.MinTemp {
		t = p.MinTemp
	}
	return t
}

// extraFields returns the non-standard request fields this provider needs
// (go-openai has no ExtraBody for chat). thinking is the user's choice:
// nil = the provider default.
func (p Provider) extraFields(stream bool, thinking *bool) map[string]any {
	m := map[string]any{}
	switch p.ID {
	case ProviderQwen:
		// DashScope refuses enable_thinking=true on non-streaming calls.
		on := thinking != nil && *thinking && stream
		m["enable_thinking"] = on
	case ProviderDeepSeek, ProviderMoonshot, ProviderZhipu:
		if thinking != nil {
			t := "disabled"
			if *thinking {
				t = "enabled"
			}
			m["thinking"] = map[string]any{"type": t}
		}
	case ProviderOllama:
		if thinking != nil {
			m["think"] = *thinking
		}
	case ProviderVLLM, ProviderLlamaCpp:
		if thinking != nil {
			m["chat_template_kwargs"] = map[string]any{"enable_thinking": *thinking}
		}
	}
	return m
}
