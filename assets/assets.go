// Package assets holds the data the app and CLI embed: fonts, icon, rules,
// culture data, prompts, subtitle profiles, the demo project and UI
// translations. Each kind of data has its own folder and its own Go file with
// the go:embed directive, so features stay apart.
package assets
