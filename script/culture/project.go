package culture

import (
	"fmt"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// WithProject returns the dataset plus the project's own additions (pack
// "project"); the receiver is unchanged. Without additions it is d itself.
func (d *Dataset) WithProject(p *script.Project) *Dataset {
	if p == nil || len(p.Culture.Additions) == 0 {
		return d
	}
	els := make([]*Element, 0, len(p.Culture.Additions))
	for _, a := range p.Culture.Additions {
		e := FromProjectElement(a)
		for i, r := range e.Regions {
			if code, ok := d.ResolveRegion(r); ok {
				e.Regions[i] = code // the writer may type 开封 rather than 410200
			}
		}
		els = append(els, e)
	}
	nd, err := d.With(els)
	if err != nil {
		return d // ids are checked when additions are made
	}
	return nd
}

// FromProjectElement converts a project addition to an Element.
func FromProjectElement(a script.CultureElement) *Element {
	e := &Element{ID: a.ID, Type: a.Type, Name: a.Name, English: a.English, Description: a.Notes,
		Pack: "project", Sources: []string{"project"}}
	if e.Type == "" {
		e.Type = TypeLandmark
	}
	for _, al := range a.Aliases {
		if strings.HasPrefix(al, "~") {
			e.Weak = append(e.Weak, al[1:])
		} else {
			e.Aliases = append(e.Aliases, al)
		}
	}
	if a.Region != "" {
		e.Regions = []string{a.Region}
	}
	return e
}

// With returns a dataset of d's elements plus extra ones (studio packs or
// project additions). An extra id that repeats an existing id is an error.
func (d *Dataset) With(extra []*Element) (*Dataset, error) {
	nd := &Dataset{Regions: d.Regions, Sources: d.Sources, Filters: d.Filters, byRegion: d.byRegion,
		byID: make(map[string]*Element, len(d.byID)+len(extra))}
	nd.Elements = append(make([]*Element, 0, len(d.Elements)+len(extra)), d.Elements...)
	for k, v := range d.byID {
		nd.byID[k] = v
	}
	for _, e := range extra {
		if e.ID == "" || e.Name == "" {
			return nil, fmt.Errorf("element %q has no id or name", e.Name)
		}
		if _, dup := nd.byID[e.ID]; dup {
			return nil, fmt.Errorf("element id %s already exists: give the pack element its own id", e.ID)
		}
		nd.byID[e.ID] = e
		nd.Elements = append(nd.Elements, e)
	}
	return nd, nil
}

// AddToPlan puts element id into the series plan and its name and English
// rendering into the glossary. It reports whether anything changed.
func AddToPlan(p *script.Project, e *Element) bool {
	changed := false
	if !contains(p.Culture.Planned, e.ID) {
		p.Culture.Planned = append(p.Culture.Planned, e.ID)
		changed = true
	}
	if AddToGlossary(p, e) {
		changed = true
	}
	return changed
}

// RemoveFromPlan takes id out of the plan; its glossary entry stays (the
// writer may have edited it).
func RemoveFromPlan(p *script.Project, id string) bool {
	for i, x := range p.Culture.Planned {
		if x == id {
			p.Culture.Planned = append(p.Culture.Planned[:i], p.Culture.Planned[i+1:]...)
			return true
		}
	}
	return false
}

// AddToGlossary adds the element's name with its English rendering, unless
// the term is already there.
func AddToGlossary(p *script.Project, e *Element) bool {
	for _, g := range p.Glossary {
		if g.Term == e.Name {
			return false
		}
	}
	g := script.GlossaryEntry{Term: e.Name, Source: "culture:" + e.ID, Note: e.Description}
	if e.English != "" {
		g.Render = map[string]string{"en": e.English}
	}
	p.Glossary = append(p.Glossary, g)
	return true
}

// Suppress records that hit key ("id@ep:start") or a whole element id is not
// a real use.
func Suppress(p *script.Project, key string) bool {
	if contains(p.Culture.Suppressed, key) {
		return false
	}
	p.Culture.Suppressed = append(p.Culture.Suppressed, key)
	return true
}

// OverrideDepth sets the writer's depth for a hit key; "" removes it.
func OverrideDepth(p *script.Project, key, depth string) error {
	if depth == "" {
		delete(p.Culture.DepthOverride, key)
		return nil
	}
	if DepthRank(depth) == 0 {
		return fmt.Errorf("unknown depth %q: use one of %s", depth, strings.Join(Depths, ", "))
	}
	if p.Culture.DepthOverride == nil {
		p.Culture.DepthOverride = map[string]string{}
	}
	p.Culture.DepthOverride[key] = depth
	return nil
}

// AddProjectElement adds a project-only element (a local dish, a nickname).
func AddProjectElement(p *script.Project, a script.CultureElement) error {
	if strings.TrimSpace(a.Name) == "" {
		return fmt.Errorf("the element needs a name")
	}
	if a.ID == "" {
		a.ID = "project:" + a.Name
	}
	for _, x := range p.Culture.Additions {
		if x.ID == a.ID {
			return fmt.Errorf("the project already has an element %s", a.ID)
		}
	}
	p.Culture.Additions = append(p.Culture.Additions, a)
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
