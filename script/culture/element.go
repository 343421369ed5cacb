// Package culture is the cultural-element layer of Duanju Studio: the
// built-in dataset of regional elements (非遗 items, landmarks, foods,
// festivals, dialect phrases, legends, industries), studio packs and project
// additions layered on top, search, detection of elements in script text with
// their depth of use, and coverage of the series plan. It never imports Fyne.
package culture

import (
	"github.com/duanju-studio/duanju/script"
	"strings"
)

// Element types.
const (
	TypeICH      = "ich"      // national 非遗 list item
	TypeLandmark = "landmark" // landmark or scenic spot
	TypeFood     = "food"
	TypeFestival = "festival" // festival or custom
	TypeDialect  = "dialect"  // dialect phrase; English is its meaning
	TypeLegend   = "legend"   // legend or history
	TypeIndustry = "industry" // local industry or product
)

// Types lists the element types in display order.
var Types = []string{TypeICH, TypeLandmark, TypeFood, TypeFestival, TypeDialect, TypeLegend, TypeIndustry}

// TypeName returns the display name of an element type.
func TypeName(t string, lang script.Lang) string {
	zh := map[string]string{TypeICH: "非遗", TypeLandmark: "地标景点", TypeFood: "美食", TypeFestival: "节庆民俗",
		TypeDialect: "方言", TypeLegend: "传说历史", TypeIndustry: "地方产业"}
	en := map[string]string{TypeICH: "Intangible heritage", TypeLandmark: "Landmark", TypeFood: "Food",
		TypeFestival: "Festival & custom", TypeDialect: "Dialect", TypeLegend: "Legend & history", TypeIndustry: "Local industry"}
	m := en
	if lang == script.Zh {
		m = zh
	}
	if s, ok := m[t]; ok {
		return s
	}
	return t
}

// Sensitivity flags for elements that need care in a script.
const (
	SensNone      = ""
	SensRitual    = "ritual"
	SensReligious = "religious"
	SensEthnic    = "ethnic"
)

// Element is one cultural element.
type Element struct {
	ID          string   `json:"id"`
	Type        string   `json:"type"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases,omitempty"`      // strong aliases
	Weak        []string `json:"weak_aliases,omitempty"` // need a context word nearby
	NameWeak    bool     `json:"name_weak,omitempty"`    // the name itself needs context (花儿)
	Context     []string `json:"context,omitempty"`      // confirming words for weak terms
	Veto        []string `json:"veto,omitempty"`         // a term followed by one of these is not the element
	English     string   `json:"english"`
	Regions     []string `json:"regions"` // 6-digit GB/T 2260 codes
	Tags        []string `json:"tags,omitempty"`
	ICH         *ICH     `json:"ich,omitempty"`
	Description string   `json:"description"`
	Sensitivity string   `json:"sensitivity,omitempty"`
	Sources     []string `json:"sources,omitempty"` // source ids (sources.tsv) or free text for packs
	Pack        string   `json:"pack,omitempty"`    // "" built-in; studio pack name; "project"
	Author      string   `json:"author,omitempty"`  // studio packs and project additions
}

// ICH holds the national 非遗 list fields of an element.
type ICH struct {
	Code      string `json:"code,omitempty"`       // "Ⅱ-28"; empty when not verified
	CodeASCII string `json:"code_ascii,omitempty"` // "II-28"
	Numeral   string `json:"numeral"`              // "Ⅱ"
	Category  string `json:"category"`             // 传统音乐
	Batch     int    `json:"batch,omitempty"`      // 1..5
	Year      int    `json:"year,omitempty"`
	Verified  bool   `json:"verified"` // code and batch checked against the notice
}

// Categories are the ten categories of the national list (2008 names).
var Categories = []struct{ Numeral, ASCII, Name string }{
	{"Ⅰ", "I", "民间文学"}, {"Ⅱ", "II", "传统音乐"}, {"Ⅲ", "III", "传统舞蹈"}, {"Ⅳ", "IV", "传统戏剧"},
	{"Ⅴ", "V", "曲艺"}, {"Ⅵ", "VI", "传统体育、游艺与杂技"}, {"Ⅶ", "VII", "传统美术"}, {"Ⅷ", "VIII", "传统技艺"},
	{"Ⅸ", "IX", "传统医药"}, {"Ⅹ", "X", "民俗"},
}

// BatchYears maps a batch of the national list to its year.
var BatchYears = map[int]int{1: 2006, 2: 2008, 3: 2011, 4: 2014, 5: 2021}

// categoryOf resolves a numeral (Ⅳ or IV), a category name or its number.
func categoryOf(s string) (numeral, ascii, name string, ok bool) {
	s = strings.TrimSpace(s)
	for _, c := range Categories {
		if strings.EqualFold(s, c.ASCII) || s == c.Numeral || s == c.Name {
			return c.Numeral, c.ASCII, c.Name, true
		}
	}
	return "", "", "", false
}

// Province returns the 6-digit province code of the element's first region.
func (e *Element) Province() string {
	if len(e.Regions) == 0 {
		return ""
	}
	return ProvinceOf(e.Regions[0])
}

// Terms returns the strong terms (name and aliases) and the weak ones.
func (e *Element) Terms() (strong, weak []string) {
	if e.NameWeak {
		return e.Aliases, append([]string{e.Name}, e.Weak...)
	}
	return append([]string{e.Name}, e.Aliases...), e.Weak
}

// HasTag reports whether the element carries tag t.
func (e *Element) HasTag(t string) bool {
	for _, x := range e.Tags {
		if x == t {
			return true
		}
	}
	return false
}

// ProvinceOf returns the province code ("410000") of any 6-digit code.
func ProvinceOf(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2] + "0000"
}
