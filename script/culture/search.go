package culture

import (
	"fmt"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/script/pinyin"
)

// Query is a search over a dataset. Empty fields do not filter.
type Query struct {
	Text     string // keyword: name, alias, English, pinyin initials, 非遗 code, tag, description
	Region   string // code (2/4/6 digits), name or alias of a region
	Type     string // one of Types
	Category string // 非遗 category: Ⅳ, IV or 传统戏剧
	Limit    int    // 0 = no limit
}

// searchEntry is an element's precomputed search keys.
type searchEntry struct {
	el       *Element
	name     string
	aliases  []string
	english  string
	initials []string // pinyin initials of name and aliases: "hm" for 烩面
	codes    []string
	tags     []string
	regions  []string // short names of the element's regions and provinces
	desc     string
}

type searchIndex struct{ entries []searchEntry }

func (d *Dataset) index() *searchIndex {
	d.idxOnce.Do(func() {
		ix := &searchIndex{entries: make([]searchEntry, 0, len(d.Elements))}
		for _, e := range d.Elements {
			s := searchEntry{el: e, name: string(normalizeTerm(e.Name)), english: strings.ToLower(e.English),
				desc: e.Description, tags: e.Tags}
			for _, a := range append(append([]string{}, e.Aliases...), e.Weak...) {
				s.aliases = append(s.aliases, string(normalizeTerm(a)))
			}
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if ini := pinyin.Initials(n); ini != "" {
					s.initials = append(s.initials, ini)
				}
			}
			if e.ICH != nil && e.ICH.Code != "" {
				s.codes = []string{strings.ToLower(e.ICH.Code), strings.ToLower(e.ICH.CodeASCII)}
			}
			for _, c := range e.Regions {
				s.regions = append(s.regions, d.RegionName(c), d.RegionName(ProvinceOf(c)))
			}
			ix.entries = append(ix.entries, s)
		}
		d.idx = ix
	})
	return d.idx
}

// Search returns the elements matching q, best first.
func (d *Dataset) Search(q Query) ([]*Element, error) {
	region := ""
	if q.Region != "" {
		r, ok := d.ResolveRegion(q.Region)
		if !ok {
			return nil, fmt.Errorf("unknown region %q: use a GB/T 2260 code such as 410000 or a name such as 河南 / 郑州", q.Region)
		}
		region = r
	}
	if q.Type != "" && !validType(q.Type) {
		return nil, fmt.Errorf("unknown type %q: use one of %s", q.Type, strings.Join(Types, ", "))
	}
	cat := ""
	if q.Category != "" {
		n, _, _, ok := categoryOf(q.Category)
		if !ok {
			return nil, fmt.Errorf("unknown 非遗 category %q: use Ⅰ…Ⅹ, I…X or a name such as 传统戏剧", q.Category)
		}
		cat = n
	}
	text := strings.TrimSpace(q.Text)
	nq := string(normalizeTerm(text))
	type scored struct {
		el    *Element
		score int
	}
	var res []scored
	for i := range d.index().entries {
		s := &d.idx.entries[i]
		e := s.el
		if q.Type != "" && e.Type != q.Type {
			continue
		}
		if cat != "" && (e.ICH == nil || e.ICH.Numeral != cat) {
			continue
		}
		if region != "" && !e.In(region) {
			continue
		}
		sc := 1
		if nq != "" {
			if sc = s.score(nq, text); sc == 0 {
				continue
			}
		}
		res = append(res, scored{e, sc})
	}
	sort.SliceStable(res, func(i, j int) bool {
		if res[i].score != res[j].score {
			return res[i].score > res[j].score
		}
		return res[i].el.ID < res[j].el.ID
	})
	if q.Limit > 0 && len(res) > q.Limit {
		res = res[:q.Limit]
	}
	out := make([]*Element, len(res))
	for i, r := range res {
		out[i] = r.el
	}
	return out, nil
}

// score ranks one element against a normalised query (0 = no match).
func (s *searchEntry) score(q, raw string) int {
	best := 0
	up := func(v int) {
		if v > best {
			best = v
		}
	}
	switch {
	case s.el.ID == raw || s.name == q:
		up(100)
	case strings.HasPrefix(s.name, q):
		up(80)
	case strings.Contains(s.name, q):
		up(60)
	}
	for _, c := range s.codes {
		if c == q {
			up(90)
		}
	}
	for _, a := range s.aliases {
		switch {
		case a == q:
			up(70)
		case strings.Contains(a, q):
			up(50)
		}
	}
	if isASCII(q) {
		for _, ini := range s.initials {
			switch {
			case ini == q:
				up(65)
			case len(q) >= 2 && strings.HasPrefix(ini, q):
				up(45)
			}
		}
		if len(q) >= 3 && strings.Contains(s.english, q) {
			up(30)
		}
	}
	for _, t := range s.tags {
		if t == q {
			up(35)
		}
	}
	for _, r := range s.regions {
		if r == q {
			up(25)
		}
	}
	if !isASCII(q) && strings.Contains(s.desc, q) {
		up(10)
	}
	return best
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func validType(t string) bool {
	for _, x := range Types {
		if x == t {
			return true
		}
	}
	return false
}
