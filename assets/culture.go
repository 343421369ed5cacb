package assets

import (
	"embed"
	"io/fs"
)

//go:embed culture
var cultureFS embed.FS

// Culture is the built-in dataset of regional cultural elements: regions.tsv
// (GB/T 2260 codes), sources.tsv (where each fact comes from), filters.txt
// (detection filters) and elements/<province code>.txt, written by the team.
func Culture() fs.FS {
	sub, err := fs.Sub(cultureFS, "culture")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
