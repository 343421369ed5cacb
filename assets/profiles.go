package assets

import (
	"embed"
	"io/fs"
)

//go:embed profiles/*.json
var profilesFS embed.FS

// Profiles returns the built-in subtitle language profiles (one JSON file
// per profile, read by script/subtitle).
func Profiles() fs.FS {
	sub, err := fs.Sub(profilesFS, "profiles")
	if err != nil {
		panic(err)
	}
	return sub
}
