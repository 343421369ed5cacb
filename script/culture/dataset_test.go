package culture

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func builtinT(t testing.TB) *Dataset {
	t.Helper()
	d, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDatasetIntegrity(t *testing.T) {
	d := builtinT(t)
	code := regexp.MustCompile(`^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|Ⅷ|Ⅸ|Ⅹ)-[1-9][0-9]*$`)
	ascii := regexp.MustCompile(`^(I|II|III|IV|V|VI|VII|VIII|IX|X)-[1-9][0-9]*$`)
	ids := map[string]bool{}
	for _, e := range d.Elements {
		if ids[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		ids[e.ID] = true
		if e.Name == "" || e.English == "" || e.Description == "" || e.Type == "" || len(e.Regions) == 0 {
			t.Errorf("%s: missing a required field (name, english, description, type, regions)", e.ID)
		}
		if !validType(e.Type) {
			t.Errorf("%s: unknown type %q", e.ID, e.Type)
		}
		if n := utf8.RuneCountInString(e.Description); n > 80 {
			t.Errorf("%s: description has %d characters, keep it ≤ 80", e.ID, n)
		}
		for _, r := range e.Regions {
			if d.Region(r) == nil {
				t.Errorf("%s: region %s does not resolve", e.ID, r)
			}
		}
		if e.ICH != nil {
			if e.ICH.Code != "" && (!code.MatchString(e.ICH.Code) || !ascii.MatchString(e.ICH.CodeASCII)) {
				t.Errorf("%s: malformed 非遗 code %q / %q", e.ID, e.ICH.Code, e.ICH.CodeASCII)
			}
			if e.ICH.Category == "" {
				t.Errorf("%s: 非遗 without category", e.ID)
			}
			if e.ICH.Batch != 0 && e.ICH.Year != BatchYears[e.ICH.Batch] {
				t.Errorf("%s: batch %d year %d", e.ID, e.ICH.Batch, e.ICH.Year)
			}
		}
		if (len(e.Weak) > 0 || e.NameWeak) && len(e.Context) == 0 {
			t.Errorf("%s: weak terms but no context word to confirm them", e.ID)
		}
		if e.Type == TypeICH && e.ICH == nil {
			t.Errorf("%s: type ich without 非遗 fields", e.ID)
		}
		for _, s := range e.Sources {
			if d.Sources[s] == nil {
				t.Errorf("%s: unknown source %s", e.ID, s)
			}
		}
	}
}

func TestParseICH(t *testing.T) {
	tests := []struct {
		in       string
		code     string
		ascii    string
		cat      string
		batch    int
		verified bool
		bad      bool
	}{
		{"Ⅱ-28/1", "Ⅱ-28", "II-28", "传统音乐", 1, true, false},
		{"IV-3/2", "Ⅳ-3", "IV-3", "传统戏剧", 2, true, false},
		{"Ⅳ/1", "", "", "传统戏剧", 1, false, false},
		{"Ⅷ-12/5?", "Ⅷ-12", "VIII-12", "传统技艺", 5, false, false},
		{"Ⅷ/?", "", "", "传统技艺", 0, false, false},
		{"Ⅺ/1", "", "", "", 0, false, true},
		{"Ⅳ-x/1", "", "", "", 0, false, true},
		{"Ⅳ-3/9", "", "", "", 0, false, true},
	}
	for _, tt := range tests {
		got, err := ParseICH(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("%s: want error", tt.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got.Code != tt.code || got.CodeASCII != tt.ascii || got.Category != tt.cat || got.Batch != tt.batch || got.Verified != tt.verified {
			t.Errorf("%s: got %+v", tt.in, got)
		}
	}
}

func TestResolveRegion(t *testing.T) {
	d := builtinT(t)
	for in, want := range map[string]string{"41": "410000", "4101": "410100", "河南": "410000", "河南省": "410000",
		"郑州": "410100", "汴梁": "410200", "Henan": "410000", "410185": "410185", "豫": "410000"} {
		if got, ok := d.ResolveRegion(in); !ok || got != want {
			t.Errorf("%s: got %s %v, want %s", in, got, ok, want)
		}
	}
	if _, ok := d.ResolveRegion("火星"); ok {
		t.Error("火星 resolved")
	}
}

func TestDatasetCoverageMinimums(t *testing.T) {
	d := builtinT(t)
	provinces := d.Provinces()
	if len(provinces) != 34 {
		t.Fatalf("%d province-level regions, want 34", len(provinces))
	}
	count := map[string]int{}
	types := map[string]map[string]bool{}
	for _, e := range d.Elements {
		p := e.Province()
		count[p]++
		if types[p] == nil {
			types[p] = map[string]bool{}
		}
		types[p][e.Type] = true
	}
	for _, p := range provinces {
		if count[p.Code] < 15 {
			t.Errorf("%s %s: %d elements, want ≥ 15", p.Code, p.Short, count[p.Code])
		}
		if len(types[p.Code]) < 5 {
			t.Errorf("%s %s: %d types, want ≥ 5", p.Code, p.Short, len(types[p.Code]))
		}
	}
	if len(d.Elements) < 600 {
		t.Errorf("%d elements, want ≥ 600", len(d.Elements))
	}
	// The demo series is set in Henan: it needs a rich slice.
	if count["410000"] < 40 {
		t.Errorf("Henan has %d elements, want ≥ 40", count["410000"])
	}
}

// Element files are named after the province whose elements they hold.
func TestElementRegionsMatchFile(t *testing.T) {
	d := builtinT(t)
	for _, e := range d.Elements {
		if e.ID[:2] != e.Regions[0][:2] {
			t.Errorf("%s: first region %s is not in the file's province", e.ID, e.Regions[0])
		}
	}
}
