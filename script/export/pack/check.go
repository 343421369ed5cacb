package pack

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/export"
)

// The package's self-check is script/check with the built-in rules.
func init() {
	DefaultChecker = runCheck
	export.OpenFindings = func(p *script.Project) map[int][]string {
		rep, err := runCheck(context.Background(), p)
		if err != nil {
			return nil
		}
		return rep.Open
	}
}

// checkHTML renders the HTML report; nil until the report writer exists, in
// which case the checklist lists the HTML report as missing.
var checkHTML func(r *check.Result, lang string) ([]byte, error)

func runCheck(ctx context.Context, p *script.Project) (*CheckReport, error) {
	eng, err := check.Default()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := eng.Check(p, check.Options{Lang: "zh"})
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return nil, err
	}
	rep := &CheckReport{Tier: Tier{Name: res.Tier.Name, Reason: res.Tier.Reason}, JSON: append(js, '\n'), Open: map[int][]string{}}
	if res.Tier.Key == check.TierUnknown {
		rep.Tier.Name = "" // the checklist asks for the budget instead
	}
	for _, f := range res.Findings {
		if f.Waived() {
			continue
		}
		if f.Severity == check.Blocker {
			rep.Blockers++
		}
		rep.Open[f.Episode] = append(rep.Open[f.Episode], strings.TrimSpace(f.Severity.Label("zh")+" "+f.Rule+" "+f.Message))
	}
	if checkHTML != nil {
		if rep.HTML, err = checkHTML(res, "zh"); err != nil {
			return nil, err
		}
	}
	return rep, nil
}
