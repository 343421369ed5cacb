package script

import "strings"

// verticalPlatforms are the mobile short-drama platforms that play 9:16.
var verticalPlatforms = []string{"抖音", "快手", "视频号", "红果", "tiktok", "douyin", "kuaishou", "reelshort", "dramabox", "shortmax", "reels", "shorts"}

// Vertical reports whether the series is made for a portrait (9:16)
// screen: it plays on a mobile short-drama platform, or, with no platform
// named, it is written as a Chinese micro-drama (which is vertical unless
// said otherwise). A Fountain screenplay with no platform is not.
func (p *Project) Vertical() bool {
	if p == nil {
		return false
	}
	for _, pl := range p.Meta.Platforms {
		l := strings.ToLower(pl)
		for _, v := range verticalPlatforms {
			if strings.Contains(l, v) {
				return true
			}
		}
	}
	return len(p.Meta.Platforms) == 0 && p.SourceStyle != StyleFountain
}
