package culture

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/duanju-studio/duanju/assets"
)

// Region is a GB/T 2260 administrative region.
type Region struct {
	Code    string   `json:"code"` // 6 digits
	Name    string   `json:"name"` // 河南省
	Short   string   `json:"short"`
	English string   `json:"english"`
	Aliases []string `json:"aliases,omitempty"`
}

// Source is where a fact comes from.
type Source struct {
	ID, Title, Publisher, DocNo, Date, URL, Note string
}

// Dataset is a set of elements with their regions, sources and filters.
// Built-in data is loaded once; packs and project overlays make new Datasets
// that share the built-in elements.
type Dataset struct {
	Elements []*Element
	Regions  []*Region
	Sources  map[string]*Source
	Filters  Filters

	byID     map[string]*Element
	byRegion map[string]*Region

	idxOnce sync.Once
	idx     *searchIndex
	mOnce   sync.Once
	matcher *Matcher
}

// Filters are the dataset-wide detection filters (filters.txt).
type Filters struct {
	Surnames   map[rune]bool
	SuffixVeto []string
}

var (
	builtinOnce sync.Once
	builtin     *Dataset
	builtinErr  error
)

// Builtin returns the embedded dataset, parsed once.
func Builtin() (*Dataset, error) {
	builtinOnce.Do(func() { builtin, builtinErr = Load(assets.Culture()) })
	return builtin, builtinErr
}

// MustBuiltin is Builtin for callers that cannot handle a broken build.
func MustBuiltin() *Dataset {
	d, err := Builtin()
	if err != nil {
		panic(err)
	}
	return d
}

// Load parses a dataset folder (regions.tsv, sources.tsv, filters.txt,
// elements/*.txt).
func Load(fsys fs.FS) (*Dataset, error) {
	d := &Dataset{Sources: map[string]*Source{}, byID: map[string]*Element{}, byRegion: map[string]*Region{}}
	if err := eachLine(fsys, "regions.tsv", func(n int, f []string) error {
		if len(f) < 4 {
			return fmt.Errorf("want code|name|short|english|aliases")
		}
		r := &Region{Code: f[0], Name: f[1], Short: f[2], English: f[3]}
		if len(f) > 4 {
			r.Aliases = splitList(f[4])
		}
		if len(r.Code) != 6 {
			return fmt.Errorf("region code %q is not 6 digits", r.Code)
		}
		d.Regions = append(d.Regions, r)
		d.byRegion[r.Code] = r
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, "sources.tsv", func(n int, f []string) error {
		if len(f) < 7 {
			return fmt.Errorf("want id|title|publisher|doc_no|date|url|note")
		}
		d.Sources[f[0]] = &Source{ID: f[0], Title: f[1], Publisher: f[2], DocNo: f[3], Date: f[4], URL: f[5], Note: f[6]}
		return nil
	}); err != nil {
		return nil, err
	}
	d.Filters.Surnames = map[rune]bool{}
	if err := eachLine(fsys, "filters.txt", func(n int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want kind|values")
		}
		switch f[0] {
		case "surname":
			for _, s := range splitList(f[1]) {
				for _, r := range s {
					d.Filters.Surnames[r] = true
				}
			}
		case "suffix_veto":
			d.Filters.SuffixVeto = append(d.Filters.SuffixVeto, splitList(f[1])...)
		default:
			return fmt.Errorf("unknown filter %q", f[0])
		}
		return nil
	}); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "elements/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, file := range files {
		code2 := strings.TrimSuffix(path.Base(file), ".txt")
		if err := eachLine(fsys, file, func(n int, f []string) error {
			e, err := parseElement(code2, f)
			if err != nil {
				return err
			}
			if _, dup := d.byID[e.ID]; dup {
				return fmt.Errorf("duplicate id %s", e.ID)
			}
			d.byID[e.ID] = e
			d.Elements = append(d.Elements, e)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// eachLine calls f with the |-separated fields of every non-comment line.
func eachLine(fsys fs.FS, name string, f func(n int, fields []string) error) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("culture data: %w", err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "|")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := f(n, fields); err != nil {
			return fmt.Errorf("culture data %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// parseElement parses slug|type|name|aliases|english|regions|tags|context|ich|description.
func parseElement(code2 string, f []string) (*Element, error) {
	if len(f) != 10 {
		return nil, fmt.Errorf("want 10 fields slug|type|name|aliases|english|regions|tags|context|ich|description, got %d", len(f))
	}
	e := &Element{ID: code2 + "-" + f[0], Type: f[1], Name: f[2], English: f[4], Description: f[9], Sources: []string{"S-TEAM"}}
	if strings.HasPrefix(e.Name, "~") {
		e.Name, e.NameWeak = e.Name[1:], true
	}
	for _, a := range splitList(f[3]) {
		if strings.HasPrefix(a, "~") {
			e.Weak = append(e.Weak, a[1:])
		} else {
			e.Aliases = append(e.Aliases, a)
		}
	}
	e.Regions = splitList(f[5])
	if len(e.Regions) == 0 {
		e.Regions = []string{code2 + "0000"}
	}
	for _, t := range splitList(f[6]) {
		switch t {
		case "!ritual":
			e.Sensitivity = SensRitual
		case "!religious":
			e.Sensitivity = SensReligious
		case "!ethnic":
			e.Sensitivity = SensEthnic
		default:
			e.Tags = append(e.Tags, t)
		}
	}
	for _, c := range splitList(f[7]) {
		if strings.HasPrefix(c, "-") {
			e.Veto = append(e.Veto, c[1:])
		} else {
			e.Context = append(e.Context, c)
		}
	}
	if f[8] != "" {
		ich, err := ParseICH(f[8])
		if err != nil {
			return nil, err
		}
		e.ICH = ich
		if ich.Batch > 0 {
			e.Sources = append([]string{"S-ICH-" + strconv.Itoa(ich.Batch)}, e.Sources...)
		}
	}
	e.Sources = append(e.Sources, "S-ADM")
	return e, nil
}

// ParseICH parses "<numeral>[-<seq>]/<batch>[?]" ("Ⅱ-28/1", "Ⅳ/2?").
func ParseICH(s string) (*ICH, error) {
	orig := s
	unsure := strings.HasSuffix(s, "?")
	s = strings.TrimSuffix(s, "?")
	code, batch, _ := strings.Cut(s, "/")
	num, seq, hasSeq := strings.Cut(code, "-")
	n, a, name, ok := categoryOf(num)
	if !ok {
		return nil, fmt.Errorf("非遗 field %q: unknown category %q (use Ⅰ…Ⅹ)", orig, num)
	}
	ich := &ICH{Numeral: n, Category: name}
	if hasSeq {
		k, err := strconv.Atoi(seq)
		if err != nil || k <= 0 {
			return nil, fmt.Errorf("非遗 field %q: sequence %q is not a number", orig, seq)
		}
		ich.Code = n + "-" + strconv.Itoa(k)
		ich.CodeASCII = a + "-" + strconv.Itoa(k)
	}
	if batch != "" {
		b, err := strconv.Atoi(batch)
		if err != nil || BatchYears[b] == 0 {
			return nil, fmt.Errorf("非遗 field %q: batch %q is not 1..5", orig, batch)
		}
		ich.Batch, ich.Year = b, BatchYears[b]
	}
	ich.Verified = hasSeq && batch != "" && !unsure
	return ich, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Element returns the element with the given id, or nil.
func (d *Dataset) Element(id string) *Element { return d.byID[id] }

// Region returns the region with the given 6-digit code, or nil.
func (d *Dataset) Region(code string) *Region { return d.byRegion[code] }

// RegionName is the short name of a code ("郑州"), falling back to its
// province, then to the code itself.
func (d *Dataset) RegionName(code string) string {
	if r := d.byRegion[code]; r != nil {
		return r.Short
	}
	if r := d.byRegion[ProvinceOf(code)]; r != nil {
		return r.Short
	}
	return code
}

// Provinces returns the province-level regions in code order.
func (d *Dataset) Provinces() []*Region {
	var out []*Region
	for _, r := range d.Regions {
		if strings.HasSuffix(r.Code, "0000") {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ResolveRegion turns what a user typed (a code of 2, 4 or 6 digits, a name,
// a short name or an alias) into a 6-digit code.
func (d *Dataset) ResolveRegion(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if isDigits(s) {
		switch len(s) {
		case 2:
			s += "0000"
		case 4:
			s += "00"
		}
		if _, ok := d.byRegion[s]; ok {
			return s, true
		}
		if _, ok := d.byRegion[ProvinceOf(s)]; ok && len(s) == 6 {
			return s, true
		}
		return "", false
	}
	for _, r := range d.Regions {
		if s == r.Name || s == r.Short || strings.EqualFold(s, r.English) {
			return r.Code, true
		}
	}
	for _, r := range d.Regions {
		for _, a := range r.Aliases {
			if s == a {
				return r.Code, true
			}
		}
	}
	return "", false
}

// InRegion reports whether element code c lies inside the region code r
// (a province contains its prefectures, a prefecture its counties).
func InRegion(c, r string) bool {
	switch {
	case strings.HasSuffix(r, "0000"):
		return c[:2] == r[:2]
	case strings.HasSuffix(r, "00"):
		return c[:4] == r[:4]
	}
	return c == r
}

// In reports whether the element lies in region r.
func (e *Element) In(r string) bool {
	for _, c := range e.Regions {
		if len(c) == 6 && len(r) == 6 && InRegion(c, r) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
