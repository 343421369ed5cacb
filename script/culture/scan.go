package culture

import (
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// Depth of use of an element, from shallow to deep.
const (
	DepthMention = "mention" // named in dialogue
	DepthSetting = "setting" // in a scene heading / location
	DepthVisual  = "visual"  // shown in an action line
	DepthPlot    = "plot"    // drives the plot: on a marker or recurring across episodes
)

// Depths lists the depths from shallow to deep.
var Depths = []string{DepthMention, DepthSetting, DepthVisual, DepthPlot}

// DepthRank orders depths (0 for unknown).
func DepthRank(d string) int {
	for i, x := range Depths {
		if x == d {
			return i + 1
		}
	}
	return 0
}

// DepthName is the display name of a depth.
func DepthName(d string, lang script.Lang) string {
	names := map[string]string{DepthMention: "mention", DepthSetting: "setting", DepthVisual: "visual", DepthPlot: "plot device"}
	if lang == script.Zh {
		names = map[string]string{DepthMention: "提及", DepthSetting: "场景", DepthVisual: "画面", DepthPlot: "情节"}
	}
	if s, ok := names[d]; ok {
		return s
	}
	return d
}

// PlotRecurrence is the number of episodes in which an element shown on
// screen (setting or visual) must appear to count as a plot device.
const PlotRecurrence = 3

// ScriptHit is an element found in an episode, with where and how deep.
type ScriptHit struct {
	Element    *Element
	Term       string
	Episode    int
	Scene      string // scene number, "" before the first heading
	Line       int    // 1-based line in the episode body
	Start, End int    // byte span in the episode body
	Where      string // heading, action, dialogue, marker, other
	Depth      string
	Auto       string // the depth detection guessed (Depth may be overridden)
	Dialect    bool   // a dialect phrase in dialogue
}

// Key identifies a hit for overrides and suppressions: "id@episode:start".
func (h ScriptHit) Key() string {
	return h.Element.ID + "@" + strconv.Itoa(h.Episode) + ":" + strconv.Itoa(h.Start)
}

// Scan finds the elements in every episode of p, applying the project's
// additions, suppressions and depth overrides.
func (d *Dataset) Scan(p *script.Project) []ScriptHit {
	ds := d.WithProject(p)
	m := ds.Matcher().Suppress(p.Culture.Suppressed)
	names := castNames(p)
	suppressed := map[string]bool{}
	for _, s := range p.Culture.Suppressed {
		suppressed[s] = true
	}
	var hits []ScriptHit
	for _, ep := range p.Episodes {
		hits = append(hits, scanEpisode(m, ep, names)...)
	}
	promoteRecurring(hits)
	out := hits[:0]
	for _, h := range hits {
		k := h.Key()
		if suppressed[k] {
			continue
		}
		if o := p.Culture.DepthOverride[k]; DepthRank(o) > 0 {
			h.Depth = o
		}
		out = append(out, h)
	}
	return out
}

// castNames are the names of characters, whose letters must not count as
// elements (李少林).
func castNames(p *script.Project) []string {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if len([]rune(n)) >= 2 && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, c := range p.Characters {
		for _, n := range c.Names() {
			add(n)
		}
	}
	for _, ep := range p.Episodes {
		for _, sc := range ep.Scenes {
			for _, c := range sc.Cast {
				add(c)
			}
			for _, l := range sc.Lines {
				if l.Speaker != "" {
					add(l.Speaker)
				}
			}
		}
	}
	return names
}

// scanEpisode matches the whole body once (so context words may sit on a
// neighbouring line) and places each hit in its scene and line.
func scanEpisode(m *Matcher, ep *script.Episode, names []string) []ScriptHit {
	raw := m.Find(ep.Body, names)
	if len(raw) == 0 {
		return nil
	}
	out := make([]ScriptHit, 0, len(raw))
	line, pos := 1, 0
	for _, h := range raw { // hits come in text order
		line += strings.Count(ep.Body[pos:h.Start], "\n")
		pos = h.Start
		sh := ScriptHit{Element: h.Element, Term: h.Term, Episode: ep.Number, Start: h.Start, End: h.End,
			Line: line, Where: "other"}
		place(&sh, ep)
		sh.Auto = autoDepth(sh.Where)
		sh.Depth = sh.Auto
		sh.Dialect = h.Element.Type == TypeDialect && sh.Where == "dialogue"
		out = append(out, sh)
	}
	return out
}

// place finds the scene and line kind of a hit from the parsed scenes.
func place(h *ScriptHit, ep *script.Episode) {
	for si := range ep.Scenes {
		sc := &ep.Scenes[si]
		if h.Start < sc.Span.Start || h.Start >= sc.Span.End {
			continue
		}
		h.Scene = sc.Number
		for li, l := range sc.Lines {
			if h.Start < l.Span.Start || h.Start >= l.Span.End {
				continue
			}
			switch l.Kind {
			case script.LineAction:
				h.Where = "action"
			case script.LineDialogue:
				h.Where = "dialogue"
			case script.LineMarker:
				h.Where = "marker"
			default:
				h.Where = "other"
			}
			if h.Where == "action" && li+1 < len(sc.Lines) && sc.Lines[li+1].Kind == script.LineMarker {
				h.Where = "marker" // the beat a marker sits on
			}
			return
		}
		if sc.Heading != "" && (len(sc.Lines) == 0 || h.Start < sc.Lines[0].Span.Start) && h.Line == sc.Span.Line {
			h.Where = "heading"
		}
		return
	}
}

func autoDepth(where string) string {
	switch where {
	case "heading":
		return DepthSetting
	case "action":
		return DepthVisual
	case "marker":
		return DepthPlot
	}
	return DepthMention
}

// promoteRecurring marks as plot devices the on-screen uses of elements that
// are shown in at least PlotRecurrence episodes.
func promoteRecurring(hits []ScriptHit) {
	eps := map[string]map[int]bool{}
	for _, h := range hits {
		if h.Depth == DepthSetting || h.Depth == DepthVisual || h.Depth == DepthPlot {
			if eps[h.Element.ID] == nil {
				eps[h.Element.ID] = map[int]bool{}
			}
			eps[h.Element.ID][h.Episode] = true
		}
	}
	for i := range hits {
		h := &hits[i]
		if h.Element.Type != TypeDialect && (h.Depth == DepthSetting || h.Depth == DepthVisual) && len(eps[h.Element.ID]) >= PlotRecurrence {
			h.Depth = DepthPlot
			h.Auto = DepthPlot
		}
	}
}

// ElementsUsed returns the ids of the elements hit, in first-use order.
func ElementsUsed(hits []ScriptHit) []string {
	seen := map[string]bool{}
	var ids []string
	for _, h := range hits {
		if !seen[h.Element.ID] {
			seen[h.Element.ID] = true
			ids = append(ids, h.Element.ID)
		}
	}
	return ids
}
