package culture

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Pack is a studio's own set of elements (采风 notes, internal material). It
// is kept apart from the built-in facts: every element carries the pack name
// and its author, and ids start with "studio:<pack>:".
type Pack struct {
	Name     string     `json:"name"`
	Author   string     `json:"author,omitempty"`
	Version  string     `json:"version,omitempty"`
	Elements []*Element `json:"elements"`
}

// CSVHeader is the column order of a pack CSV (aliases, regions, tags and
// context are separated by 、 or ;).
var CSVHeader = []string{"id", "type", "name", "aliases", "english", "regions", "tags", "context", "description", "sensitivity", "source", "author"}

// ReadPack reads a pack from JSON or CSV (chosen by the file name).
func ReadPack(name string, r io.Reader, ds *Dataset) (*Pack, error) {
	data, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var p *Pack
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		p = &Pack{}
		if err := json.Unmarshal(data, p); err != nil {
			return nil, fmt.Errorf("%s: not a pack JSON file ({\"name\",\"author\",\"elements\":[…]}): %v", name, err)
		}
	case ".csv":
		p, err = readCSV(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	default:
		return nil, fmt.Errorf("%s: a pack is a .json or .csv file", name)
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	return p, p.normalize(ds)
}

func readCSV(data []byte) (*Pack, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("not a valid CSV file: %v", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("empty CSV: the first row must be the header %s", strings.Join(CSVHeader, ","))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, fmt.Errorf("the header has no name column: use %s", strings.Join(CSVHeader, ","))
	}
	get := func(row []string, k string) string {
		if i, ok := col[k]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	p := &Pack{}
	for n, row := range rows[1:] {
		e := &Element{ID: get(row, "id"), Type: get(row, "type"), Name: get(row, "name"), English: get(row, "english"),
			Description: get(row, "description"), Sensitivity: get(row, "sensitivity"), Author: get(row, "author"),
			Tags: splitMulti(get(row, "tags")), Context: splitMulti(get(row, "context")), Regions: splitMulti(get(row, "regions"))}
		if e.Name == "" {
			if strings.Join(row, "") == "" {
				continue
			}
			return nil, fmt.Errorf("row %d has no name", n+2)
		}
		for _, a := range splitMulti(get(row, "aliases")) {
			if strings.HasPrefix(a, "~") {
				e.Weak = append(e.Weak, a[1:])
			} else {
				e.Aliases = append(e.Aliases, a)
			}
		}
		if s := get(row, "source"); s != "" {
			e.Sources = []string{s}
		}
		p.Elements = append(p.Elements, e)
	}
	return p, nil
}

func splitMulti(s string) []string {
	s = strings.NewReplacer("、", ";", "，", ";", ",", ";").Replace(s)
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// normalize fills ids, pack names and defaults and resolves regions.
func (p *Pack) normalize(ds *Dataset) error {
	slug := strings.ReplaceAll(strings.TrimSpace(p.Name), ":", "-")
	for i, e := range p.Elements {
		if e.Name == "" {
			return fmt.Errorf("pack %s: element %d has no name", p.Name, i+1)
		}
		if e.ID == "" {
			e.ID = e.Name
		}
		if !strings.HasPrefix(e.ID, "studio:") {
			e.ID = "studio:" + slug + ":" + e.ID
		}
		if e.Type == "" {
			e.Type = TypeLandmark
		}
		if !validType(e.Type) {
			return fmt.Errorf("pack %s: %s has unknown type %q (use %s)", p.Name, e.Name, e.Type, strings.Join(Types, ", "))
		}
		e.Pack = p.Name
		if e.Author == "" {
			e.Author = p.Author
		}
		if len(e.Sources) == 0 {
			e.Sources = []string{"内部资料/采风"}
		}
		e.ICH = nil // official 非遗 facts only come from the built-in list
		for k, r := range e.Regions {
			if ds == nil {
				break
			}
			code, ok := ds.ResolveRegion(r)
			if !ok {
				return fmt.Errorf("pack %s: %s has unknown region %q (use a code such as 410100 or a name such as 郑州)", p.Name, e.Name, r)
			}
			e.Regions[k] = code
		}
	}
	return nil
}

// WriteJSON writes the pack as indented JSON.
func (p *Pack) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// WriteCSV writes the pack as CSV with CSVHeader.
func (p *Pack) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range p.Elements {
		aliases := append([]string{}, e.Aliases...)
		for _, x := range e.Weak {
			aliases = append(aliases, "~"+x)
		}
		src := strings.Join(e.Sources, ";")
		if err := cw.Write([]string{e.ID, e.Type, e.Name, strings.Join(aliases, ";"), e.English,
			strings.Join(e.Regions, ";"), strings.Join(e.Tags, ";"), strings.Join(e.Context, ";"),
			e.Description, e.Sensitivity, src, e.Author}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WithPacks layers packs on the dataset.
func (d *Dataset) WithPacks(packs ...*Pack) (*Dataset, error) {
	var extra []*Element
	for _, p := range packs {
		extra = append(extra, p.Elements...)
	}
	return d.With(extra)
}
