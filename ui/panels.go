package ui

// The feature panels of the right dock register themselves from init; each
// is imported here once its package exists and compiles. A dock id without a
// registered panel shows its empty state. (ui/exportview is used directly:
// File ▸ Export and the Package tab.)
import (
	_ "github.com/duanju-studio/duanju/ui/aiview"
	_ "github.com/duanju-studio/duanju/ui/checkview"
	_ "github.com/duanju-studio/duanju/ui/cultureview"
	_ "github.com/duanju-studio/duanju/ui/roomview"
	_ "github.com/duanju-studio/duanju/ui/subtitleview"
)
