package assets

import (
	"embed"
	"io/fs"
)

//go:embed templates
var templatesFS embed.FS

// Templates returns the filing templates (templates/*.tmpl, see
// templates/README.md): the cost-allocation report, the actor-fee pledge
// and the script pledge, rendered by script/export.
func Templates() fs.FS {
	sub, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}
