package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/script/stats"
)

// Annotations are what other parts of the app know about each episode, for
// the breakdown: culture elements used and open self-check findings.
type Annotations struct {
	Culture  map[int][]string // element names per episode
	Findings map[int][]string // open findings per episode, e.g. "high 霸总片名"
}

// CultureByEpisode scans p with the built-in culture dataset (plus the
// project's own elements) and lists the element names used per episode.
func CultureByEpisode(p *script.Project) (map[int][]string, error) {
	ds, err := culture.Builtin()
	if err != nil {
		return nil, err
	}
	out := map[int][]string{}
	seen := map[string]bool{}
	for _, h := range ds.Scan(p) {
		k := strconv.Itoa(h.Episode) + "\x00" + h.Element.ID
		if seen[k] {
			continue
		}
		seen[k] = true
		out[h.Episode] = append(out[h.Episode], h.Element.Name)
	}
	return out, nil
}

// BreakdownHeader is the first row of the breakdown CSV.
var BreakdownHeader = []string{"集数 episode", "分集名称 name", "标题 title", "预估秒数 seconds", "预估时长 duration",
	"场次 scenes", "场景 locations", "人物 cast", "钩子 hook", "卡点 cliffhanger", "标记 markers",
	"文化元素 culture", "待处理问题 open findings"}

// Breakdown writes the episode breakdown as CSV (UTF-8 with a BOM so that
// Excel and WPS open it as Unicode): per episode the estimated duration,
// scenes, locations, cast, hook and cliffhanger lines, markers, culture
// elements and open findings.
func Breakdown(p *script.Project, w io.Writer, o Options, a Annotations) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(BreakdownHeader); err != nil {
		return err
	}
	set := p.Settings.Effective()
	for _, e := range o.episodes(p) {
		st := stats.ForEpisode(e, set)
		hook, cliff := HookAndCliff(e)
		row := []string{
			strconv.Itoa(e.Number), p.EpisodeName(e.Number), e.Title,
			strconv.FormatFloat(st.Seconds, 'f', 0, 64), clock(st.Seconds),
			strconv.Itoa(st.Scenes), strings.Join(locations(e), "；"), strings.Join(cast(e), "、"),
			hook, cliff, strings.Join(st.Markers, "、"),
			strings.Join(a.Culture[e.Number], "、"), strings.Join(a.Findings[e.Number], "；"),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("breakdown: %w", err)
	}
	return nil
}

// HookAndCliff returns the episode's hook (the 【钩子】 line, else its first
// line) and cliffhanger (the last 【卡点】 line, else its last line).
func HookAndCliff(e *script.Episode) (hook, cliff string) {
	var first, last string
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			t := strings.TrimSpace(l.Text)
			if t == "" {
				continue
			}
			if l.Kind == script.LineDialogue {
				t = l.Speaker + "：" + t
			}
			if first == "" {
				first = t
			}
			last = t
			if l.Kind == script.LineMarker {
				switch l.Marker {
				case script.MarkerHook:
					if hook == "" {
						hook = t
					}
				case script.MarkerCliff:
					cliff = t
				}
			}
		}
	}
	if hook == "" {
		hook = first
	}
	if cliff == "" {
		cliff = last
	}
	return hook, cliff
}

func locations(e *script.Episode) []string {
	var out []string
	seen := map[string]bool{}
	for _, sc := range e.Scenes {
		l := strings.TrimSpace(strings.Join([]string{sc.IntExt, sc.Location}, " "))
		if sc.Location != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// cast lists the cast lines' names, then speakers not on them.
func cast(e *script.Episode) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, sc := range e.Scenes {
		for _, c := range sc.Cast {
			add(c)
		}
	}
	var extra []string
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			if l.Kind == script.LineDialogue && !seen[l.Speaker] && l.Speaker != "旁白" {
				extra = append(extra, l.Speaker)
				seen[l.Speaker] = true
			}
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
