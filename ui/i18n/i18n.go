// Package i18n holds the app's UI strings in Chinese (zh-Hans) and English.
// Strings are data: every JSON file under assets/i18n/ (including feature
// folders such as assets/i18n/check/en.json) is merged at start-up, so a
// feature view adds its strings without touching anyone else's file.
//
// Fyne's own strings (Cancel, Undo…) follow the OS language; ours follow the
// language chosen in Settings, applied on restart.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
)

// Languages the UI is translated into.
const (
	Zh = script.Zh
	En = script.En
)

var (
	mu      sync.RWMutex
	current = En
	tables  = map[script.Lang]map[string]string{Zh: {}, En: {}}
)

func init() {
	if err := Load(assets.I18n()); err != nil {
		fmt.Fprintln(os.Stderr, "duanju: UI strings:", err)
	}
	current = SystemLang()
}

// Load merges every *.json file in fsys (recursively) into the tables. The
// file name says the language: en.json, zh-Hans.json (zh.json, zh_Hans.json
// and zh-CN.json are accepted too).
func Load(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		lang := langOfFile(path.Base(p))
		if lang == "" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		mu.Lock()
		for k, v := range m {
			tables[lang][k] = v
		}
		mu.Unlock()
		return nil
	})
}

func langOfFile(name string) script.Lang {
	base := strings.ToLower(strings.TrimSuffix(name, ".json"))
	switch {
	case base == "en" || strings.HasPrefix(base, "en-") || strings.HasPrefix(base, "en_"):
		return En
	case base == "zh" || strings.HasPrefix(base, "zh-") || strings.HasPrefix(base, "zh_"):
		return Zh
	}
	return ""
}

// SystemLang is the OS language reduced to Zh or En, from the POSIX locale
// variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
func SystemLang() script.Lang {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return script.ParseLang(v)
		}
	}
	return En
}

// SetLang chooses the UI language; anything but Zh means English.
func SetLang(l script.Lang) {
	mu.Lock()
	defer mu.Unlock()
	if l == Zh {
		current = Zh
	} else {
		current = En
	}
}

// Lang returns the current UI language, Zh or En.
func Lang() script.Lang {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// T returns the text of key in the current language, falling back to
// English and then to the key itself (so a missing string is visible, not
// blank).
func T(key string) string {
	mu.RLock()
	defer mu.RUnlock()
	if s, ok := tables[current][key]; ok {
		return s
	}
	if s, ok := tables[En][key]; ok {
		return s
	}
	return key
}

// Tf is T with fmt.Sprintf arguments.
func Tf(key string, args ...any) string { return fmt.Sprintf(T(key), args...) }

// Pick returns zh or en by the current language, for text built in code.
func Pick(zh, en string) string { return Lang().Pick(zh, en) }

// Missing lists keys present in one language but not the other, for tests.
func Missing() []string {
	mu.RLock()
	defer mu.RUnlock()
	var out []string
	for k := range tables[En] {
		if _, ok := tables[Zh][k]; !ok {
			out = append(out, "zh:"+k)
		}
	}
	for k := range tables[Zh] {
		if _, ok := tables[En][k]; !ok {
			out = append(out, "en:"+k)
		}
	}
	return out
}
