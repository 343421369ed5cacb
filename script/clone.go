package script

import "maps"

// Clone returns a deep copy of p: no slice, map or pointer is shared, so a
// background worker can read (or change) the copy while the editor keeps
// changing p. A nil project clones to nil. TestCloneIsDeep fills every
// field by reflection, so a field added to the model and forgotten here
// fails it.
func (p *Project) Clone() *Project {
	if p == nil {
		return nil
	}
	c := *p
	c.Meta = p.Meta.clone()
	c.Characters = cloneEach(p.Characters, Character.clone)
	c.Locations = clip(p.Locations)
	c.Episodes = make([]*Episode, len(p.Episodes))
	for i, e := range p.Episodes {
		c.Episodes[i] = e.Clone()
	}
	if p.Episodes == nil {
		c.Episodes = nil
	}
	c.Glossary = cloneEach(p.Glossary, GlossaryEntry.clone)
	c.Provenance = clip(p.Provenance)
	c.Waivers = clip(p.Waivers)
	c.Culture = p.Culture.clone()
	c.Tracks = clip(p.Tracks)
	c.Summaries = clip(p.Summaries)
	c.TitlePage = clip(p.TitlePage)
	c.AIPlan = clip(p.AIPlan)
	return &c
}

// Clone returns a deep copy of the episode (nil for nil).
func (e *Episode) Clone() *Episode {
	if e == nil {
		return nil
	}
	c := *e
	c.Scenes = cloneEach(e.Scenes, Scene.clone)
	return &c
}

func (m Meta) clone() Meta {
	m.Genres = clip(m.Genres)
	m.Platforms = clip(m.Platforms)
	m.SpecialSubjects = clip(m.SpecialSubjects)
	m.Writers = clip(m.Writers)
	m.Regions = clip(m.Regions)
	return m
}

func (c Character) clone() Character {
	c.Aliases = clip(c.Aliases)
	return c
}

func (g GlossaryEntry) clone() GlossaryEntry {
	g.Render = maps.Clone(g.Render)
	return g
}

func (s Scene) clone() Scene {
	s.Cast = clip(s.Cast)
	s.Lines = clip(s.Lines)
	return s
}

func (c CulturePlan) clone() CulturePlan {
	c.Planned = clip(c.Planned)
	c.Additions = cloneEach(c.Additions, CultureElement.clone)
	c.Suppressed = clip(c.Suppressed)
	c.DepthOverride = maps.Clone(c.DepthOverride)
	return c
}

func (c CultureElement) clone() CultureElement {
	c.Aliases = clip(c.Aliases)
	return c
}

// clip copies a slice of plain values, keeping nil as nil.
func clip[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// cloneEach copies a slice whose elements hold slices or maps themselves.
func cloneEach[T any](s []T, f func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}
