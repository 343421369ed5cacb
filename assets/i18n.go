package assets

import (
	"embed"
	"io/fs"
)

//go:embed i18n
var i18nFS embed.FS

// I18n returns the UI strings: i18n/en.json and i18n/zh-Hans.json for the
// shell, plus i18n/<feature>/<lang>.json added by feature views. Every file
// is a flat JSON object key → text; ui/i18n merges them all.
func I18n() fs.FS {
	sub, err := fs.Sub(i18nFS, "i18n")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
