package ai

import (
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
)

// FactFromElement turns a dataset element into the facts the AI may use
// when weaving it into a scene.
func FactFromElement(el *culture.Element) CultureFact {
	f := CultureFact{ID: el.ID, Name: el.Name, Type: el.Type, Facts: el.Description, Source: strings.Join(el.Sources, "; ")}
	if len(el.Regions) > 0 {
		f.Region = el.Regions[0]
	}
	if el.ICH != nil && el.ICH.Category != "" {
		f.Facts += "\n国家级非物质文化遗产（" + el.ICH.Category
		if el.ICH.Code != "" {
			f.Facts += "，" + el.ICH.Code
		}
		f.Facts += "）"
	}
	return f
}

// PlannedFacts lists the project's planned cultural elements (built-in
// ones by id, then the project's own additions) with their facts.
func PlannedFacts(p *script.Project) []CultureFact {
	var out []CultureFact
	if ds, err := culture.Builtin(); err == nil {
		for _, id := range p.Culture.Planned {
			if el := ds.Element(id); el != nil {
				out = append(out, FactFromElement(el))
			}
		}
	}
	for _, a := range p.Culture.Additions {
		out = append(out, CultureFact{ID: a.ID, Name: a.Name, Type: a.Type, Region: a.Region, Facts: a.Notes, Source: "project"})
	}
	return out
}
