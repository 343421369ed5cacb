package script

import "strings"

// Lang is a language of messages, labels and prompts. The app and the CLI
// speak two: Chinese (zh-Hans) and English.
type Lang string

const (
	Zh Lang = "zh"
	En Lang = "en"
)

// ParseLang reduces a BCP 47 tag or POSIX locale ("zh-Hans", "zh_CN.UTF-8",
// "cmn", "en-US") to Zh or En: anything not Chinese is English.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "zh") || strings.HasPrefix(s, "cmn") {
		return Zh
	}
	return En
}

// Pick returns zh in Chinese and en otherwise.
func (l Lang) Pick(zh, en string) string {
	if l == Zh {
		return zh
	}
	return en
}

// Lang is the language of the script's text (Meta.Language, default
// Chinese), which is also the language of its AI prompts.
func (p *Project) Lang() Lang {
	if p == nil || p.Meta.Language == "" {
		return Zh
	}
	return ParseLang(p.Meta.Language)
}
