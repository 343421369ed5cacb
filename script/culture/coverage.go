package culture

import (
	"fmt"
	"sort"

	"github.com/duanju-studio/duanju/script"
)

// Coverage compares the series plan with what the episodes actually use.
type Coverage struct {
	Episodes []int      // episode numbers, in order
	Elements []*Element // planned elements, then unplanned ones found
	Planned  map[string]bool
	// Cells[element id][episode] is the deepest use in that episode.
	Cells   map[string]map[int]string
	Dialect map[int]DialectDensity
	Hints   []Hint
}

// DialectDensity is the share of dialogue lines with a dialect phrase.
type DialectDensity struct {
	Lines, WithDialect int
}

// Ratio is WithDialect/Lines (0 without dialogue).
func (d DialectDensity) Ratio() float64 {
	if d.Lines == 0 {
		return 0
	}
	return float64(d.WithDialect) / float64(d.Lines)
}

// Hint is one piece of advice about the plan.
type Hint struct {
	Kind    string `json:"kind"` // unused, mention_only, one_episode, unplanned, signature, sensitive
	Element string `json:"element,omitempty"`
	Region  string `json:"region,omitempty"`
	ZH      string `json:"zh"`
	EN      string `json:"en"`
}

// Message is the hint in the given language.
func (h Hint) Message(lang script.Lang) string {
	if lang == script.Zh {
		return h.ZH
	}
	return h.EN
}

// Cover builds the coverage of p from its scan hits.
func (d *Dataset) Cover(p *script.Project, hits []ScriptHit) *Coverage {
	ds := d.WithProject(p)
	c := &Coverage{Planned: map[string]bool{}, Cells: map[string]map[int]string{}, Dialect: map[int]DialectDensity{}}
	for _, ep := range p.Episodes {
		c.Episodes = append(c.Episodes, ep.Number)
	}
	for _, id := range p.Culture.Planned {
		if e := ds.Element(id); e != nil && !c.Planned[id] {
			c.Planned[id] = true
			c.Elements = append(c.Elements, e)
		}
	}
	var extra []*Element
	for _, h := range hits {
		id := h.Element.ID
		if c.Cells[id] == nil {
			c.Cells[id] = map[int]string{}
			if !c.Planned[id] && h.Element.Type != TypeDialect {
				extra = append(extra, h.Element)
			}
		}
		if DepthRank(h.Depth) > DepthRank(c.Cells[id][h.Episode]) {
			c.Cells[id][h.Episode] = h.Depth
		}
	}
	c.Elements = append(c.Elements, extra...)
	c.dialect(p, hits)
	c.hints(ds, p, extra)
	return c
}

func (c *Coverage) dialect(p *script.Project, hits []ScriptHit) {
	dialectLines := map[[2]int]bool{}
	for _, h := range hits {
		if h.Dialect {
			dialectLines[[2]int{h.Episode, h.Line}] = true
		}
	}
	for _, ep := range p.Episodes {
		var dd DialectDensity
		for _, sc := range ep.Scenes {
			for _, l := range sc.Lines {
				if l.Kind == script.LineDialogue {
					dd.Lines++
					if dialectLines[[2]int{ep.Number, l.Span.Line}] {
						dd.WithDialect++
					}
				}
			}
		}
		c.Dialect[ep.Number] = dd
	}
}

// Deepest returns the deepest use of element id over all episodes.
func (c *Coverage) Deepest(id string) string {
	best := ""
	for _, d := range c.Cells[id] {
		if DepthRank(d) > DepthRank(best) {
			best = d
		}
	}
	return best
}

func (c *Coverage) hints(d *Dataset, p *script.Project, unplanned []*Element) {
	regions := map[string]bool{}
	for _, e := range c.Elements {
		if !c.Planned[e.ID] {
			continue
		}
		deep := c.Deepest(e.ID)
		switch {
		case len(c.Cells[e.ID]) == 0:
			c.Hints = append(c.Hints, Hint{Kind: "unused", Element: e.ID,
				ZH: fmt.Sprintf("「%s」已列入计划，但剧本里还没有出现。", e.Name),
				EN: fmt.Sprintf("%s is planned but never used.", e.Name)})
		case deep == DepthMention:
			c.Hints = append(c.Hints, Hint{Kind: "mention_only", Element: e.ID,
				ZH: fmt.Sprintf("「%s」只在台词里被提到，从未在画面中出现：给它一场戏或一个动作。", e.Name),
				EN: fmt.Sprintf("%s is only mentioned, never shown: give it a scene or an action.", e.Name)})
		case len(c.Cells[e.ID]) == 1 && e.Type != TypeDialect:
			c.Hints = append(c.Hints, Hint{Kind: "one_episode", Element: e.ID,
				ZH: fmt.Sprintf("「%s」只出现在一集里：让它在后面的集数里回响，推动情节。", e.Name),
				EN: fmt.Sprintf("%s appears in one episode only: let it return and drive the plot.", e.Name)})
		}
		if e.Sensitivity != SensNone {
			c.Hints = append(c.Hints, Hint{Kind: "sensitive", Element: e.ID,
				ZH: fmt.Sprintf("「%s」涉及宗教或民族习俗：请考证细节、尊重习俗，必要时咨询当地。", e.Name),
				EN: fmt.Sprintf("%s involves religious or ethnic custom: check the details and treat it with respect.", e.Name)})
		}
		for _, r := range e.Regions {
			regions[ProvinceOf(r)] = true
		}
	}
	for _, r := range p.Meta.Regions {
		if len(r) == 6 {
			regions[ProvinceOf(r)] = true
		}
	}
	// 一地一品: every place the series features should have one element used deeply.
	var codes []string
	for r := range regions {
		codes = append(codes, r)
	}
	sort.Strings(codes)
	for _, r := range codes {
		deep := false
		for _, e := range c.Elements {
			if e.In(r) && DepthRank(c.Deepest(e.ID)) >= DepthRank(DepthVisual) && e.Type != TypeDialect {
				deep = true
				break
			}
		}
		if !deep {
			name := d.RegionName(r)
			c.Hints = append(c.Hints, Hint{Kind: "signature", Region: r,
				ZH: fmt.Sprintf("%s还没有一个贯穿情节的标志性元素：一地一品，先选一个非遗、美食或地标，让它推动故事。", name),
				EN: fmt.Sprintf("%s has no signature element used on screen: pick one heritage item, dish or landmark and let it drive the story.", name)})
		}
	}
	for _, e := range unplanned {
		c.Hints = append(c.Hints, Hint{Kind: "unplanned", Element: e.ID,
			ZH: fmt.Sprintf("剧本用到了「%s」，但它不在计划里：加入计划以便追踪和统一译名。", e.Name),
			EN: fmt.Sprintf("The script uses %s, which is not in the plan: add it to track it and fix its translation.", e.Name)})
	}
}
