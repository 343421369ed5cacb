package pack

import (
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
)

// Review tiers (分类分层), as script/check names them.
const (
	TierKey    = "重点"
	TierNormal = "普通"
	TierOther  = "其他"
)

// Tier is a project's review tier and why; Name is "" when it cannot be
// told (no budget).
type Tier struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// TierOf is the project's tier by the self-check's date-versioned tier
// tables (budget, special subjects, AI flag, go-live date), so the package
// and the check report never disagree.
func TierOf(p *script.Project, now time.Time) Tier {
	r := check.ComputeTier(p, check.Options{Lang: "zh", Now: now})
	if r.Key == check.TierUnknown {
		return Tier{"", r.Reason}
	}
	return Tier{r.Name, r.Reason}
}
