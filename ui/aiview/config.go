package aiview

import (
	"github.com/duanju-studio/duanju/ui/aiconf"
)

// settings is what the settings screen edits (kept in ui/aiconf, which
// other views use to build a client without importing this panel).
type settings = aiconf.Settings
