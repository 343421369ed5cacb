package assets

import _ "embed"

//go:embed demo/梆子声声.txt
var demoScript string

//go:embed demo/sample.fountain
var demoFountain string

// DemoName is the demo series' file name.
const DemoName = "梆子声声"

// DemoScript returns the demo series in the Chinese short-drama format: a
// 12-episode realistic family drama set in 开封/郑州 (豫剧, 朱仙镇木版年画,
// 黄河), with hooks, reversals, cliffhangers and a paywall marker.
func DemoScript() string { return demoScript }

// DemoFountain returns a short English Fountain sample.
func DemoFountain() string { return demoFountain }
