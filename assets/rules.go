package assets

import (
	"embed"
	"io/fs"
)

//go:embed rules
var rulesFS embed.FS

// Rules returns the self-check rule files (rules/*.toml), read by
// script/check. Each file holds [[rule]] tables; see rules/README.md.
func Rules() fs.FS {
	sub, err := fs.Sub(rulesFS, "rules")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
