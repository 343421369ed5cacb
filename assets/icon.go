package assets

import _ "embed"

//go:embed icon.png
var icon []byte

// Icon returns the app icon (512×512 PNG: 短 on a rounded square).
func Icon() []byte { return icon }
