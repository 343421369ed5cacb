package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/duanju-studio/duanju/script/stats"
)

func init() {
	register(&command{name: "stats", usage: "stats PROJECT [--json]", summary: "episodes, scenes, speakers, characters and estimated duration", run: cmdStats})
}

func cmdStats(e *env, args []string) int {
	fs := newFlags("stats")
	asJSON := fs.Bool("json", false, "machine-readable output")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return e.usageErr("stats", err)
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	s := stats.Compute(p)
	if *asJSON {
		if code := writeJSON(e, s); code != exitOK {
			return code
		}
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%s\n\n", s.Title)
	tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, e.msg("集\t标题\t场\t对白字\t动作字\t秒\t标记\t主要角色", "ep\ttitle\tscenes\tdialogue\taction\tsecs\tmarkers\tlead speakers"))
	for _, ep := range s.Episodes {
		var lead []string
		for i, sp := range ep.Speakers {
			if i == 3 {
				break
			}
			lead = append(lead, fmt.Sprintf("%s %.0f%%", sp.Name, sp.Share*100))
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%.0f\t%s\t%s\n", ep.Number, ep.Title, ep.Scenes, ep.DialogueChars, ep.ActionChars, ep.Seconds, strings.Join(ep.Markers, " "), strings.Join(lead, "、"))
	}
	tw.Flush()
	t := s.Totals
	fmt.Fprintf(e.stdout, e.msg("\n共 %d 集，%d 场，%d 字，约 %.1f 分钟\n", "\n%d episodes, %d scenes, %d characters, about %.1f minutes\n"), t.Episodes, t.Scenes, t.Characters, t.Seconds/60)
	return exitOK
}
