package ai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"text/template"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
)

// Style is a rewrite direction from assets/prompts/styles.json.
type Style struct {
	ID       string `json:"id"`
	ZH       string `json:"zh"`
	EN       string `json:"en"`
	ZHPrompt string `json:"zh_prompt"`
	ENPrompt string `json:"en_prompt"`
}

// Label is the style's name in lang.
func (s Style) Label(lang script.Lang) string {
	if lang == "zh" {
		return s.ZH
	}
	return s.EN
}

// Category is a check category the AI review may report.
type Category struct {
	Key string `json:"key"`
	ZH  string `json:"zh"`
	EN  string `json:"en"`
}

var (
	promptOnce sync.Once
	promptErr  error
	templates  map[string]*template.Template // "zh/continue"
	styles     []Style
	categories []Category
)

func loadPrompts() error {
	promptOnce.Do(func() {
		fsys := assets.Prompts()
		templates = map[string]*template.Template{}
		promptErr = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tmpl") {
				return err
			}
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			t, err := template.New(path).Option("missingkey=zero").Parse(string(b))
			if err != nil {
				return fmt.Errorf("prompt %s: %w", path, err)
			}
			templates[strings.TrimSuffix(path, ".tmpl")] = t
			return nil
		})
		if promptErr != nil {
			return
		}
		for name, dst := range map[string]any{"styles.json": &styles, "categories.json": &categories} {
			b, err := fs.ReadFile(fsys, name)
			if err == nil {
				err = json.Unmarshal(b, dst)
			}
			if err != nil {
				promptErr = fmt.Errorf("prompts/%s: %w", name, err)
				return
			}
		}
	})
	return promptErr
}

// Styles lists the rewrite directions.
func Styles() []Style {
	if loadPrompts() != nil {
		return nil
	}
	return styles
}

// Categories lists the check categories the AI review uses.
func Categories() []Category {
	if loadPrompts() != nil {
		return nil
	}
	return categories
}

func styleByID(id string) (Style, bool) {
	for _, s := range Styles() {
		if s.ID == id {
			return s, true
		}
	}
	return Style{}, false
}

// render executes prompts/<lang>/<name>.tmpl, falling back to zh.
func render(lang, name string, data any) (string, error) {
	if err := loadPrompts(); err != nil {
		return "", err
	}
	if lang != "en" {
		lang = "zh"
	}
	t := templates[lang+"/"+name]
	if t == nil {
		t = templates["zh/"+name]
	}
	if t == nil {
		return "", fmt.Errorf("no prompt template %q", name)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("prompt %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// Render executes a prompt template by name (e.g. "translate") in lang
// with data; packages built on ai (translate) use it.
func Render(lang, name string, data any) (string, error) { return render(lang, name, data) }
