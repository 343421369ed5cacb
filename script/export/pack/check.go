package pack

import (
	"bytes"
	"context"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/report"
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

func runCheck(ctx context.Context, p *script.Project) (*CheckReport, error) {
	eng, err := check.Default()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := eng.Check(p, check.Options{Lang: "zh"})
	var js, html bytes.Buffer
	if err := report.WriteJSON(&js, res); err != nil {
		return nil, err
	}
	if err := report.WriteHTML(&html, res); err != nil {
		return nil, err
	}
	rep := &CheckReport{Tier: Tier{Name: res.Tier.Name, Reason: res.Tier.Reason}, JSON: js.Bytes(), HTML: html.Bytes(), Open: map[int][]string{}}
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
	return rep, nil
}
