package assets

import (
	"embed"
	"io/fs"
)

//go:embed prompts
var promptsFS embed.FS

// Prompts returns the AI prompt templates: prompts/<lang>/<task>.tmpl
// (text/template), prompts/styles.json (rewrite directions) and
// prompts/categories.json (check categories for the AI review).
func Prompts() fs.FS {
	sub, err := fs.Sub(promptsFS, "prompts")
	if err != nil {
		panic(err)
	}
	return sub
}
