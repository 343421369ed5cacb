package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/duanju-studio/duanju/script/culture"
)

func init() {
	register(&command{name: "culture", usage: "culture search QUERY [--region R] [--type T] [--category C] | scan PROJECT | stats | pack IN -o OUT [--json] [--pack FILE]",
		summary: "search the local-culture dataset, scan a script for elements and their depth, dataset stats", run: cmdCulture})
}

// packList is a repeatable --pack flag.
type packList []string

func (p *packList) String() string     { return strings.Join(*p, ",") }
func (p *packList) Set(v string) error { *p = append(*p, v); return nil }

func cmdCulture(e *env, args []string) int {
	if len(args) == 0 {
		return e.usageErr("culture", fmt.Errorf("%s", e.msg("缺少子命令：search、scan、stats 或 pack", "missing subcommand: search, scan, stats or pack")))
	}
	switch args[0] {
	case "search":
		return cultureSearch(e, args[1:])
	case "scan":
		return cultureScan(e, args[1:])
	case "stats":
		return cultureStats(e, args[1:])
	case "pack":
		return culturePack(e, args[1:])
	}
	return e.usageErr("culture", fmt.Errorf("%s", e.msg("未知子命令 "+args[0]+"：用 search、scan、stats 或 pack", "unknown subcommand "+args[0]+": use search, scan, stats or pack")))
}

// cultureData loads the built-in dataset plus studio packs.
func cultureData(e *env, packs []string) (*culture.Dataset, error) {
	ds, err := culture.Builtin()
	if err != nil {
		return nil, err
	}
	var ps []*culture.Pack
	for _, name := range packs {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", name, e.msg("无法打开素材包", "cannot open the pack"))
		}
		p, err := culture.ReadPack(name, f, ds)
		f.Close()
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		return ds, nil
	}
	return ds.WithPacks(ps...)
}

type cultureResult struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Region      string   `json:"region"`
	RegionCode  string   `json:"region_code"`
	Category    string   `json:"category"`
	Code        string   `json:"code"`
	English     string   `json:"english"`
	Aliases     []string `json:"aliases,omitempty"`
	Batch       int      `json:"batch,omitempty"`
	Year        int      `json:"year,omitempty"`
	Verified    bool     `json:"code_verified,omitempty"`
	Description string   `json:"description"`
	Tags        []string `json:"tags,omitempty"`
	Sensitivity string   `json:"sensitivity,omitempty"`
	Pack        string   `json:"pack,omitempty"`
	Sources     []string `json:"sources,omitempty"`
}

func toResult(ds *culture.Dataset, el *culture.Element) cultureResult {
	r := cultureResult{ID: el.ID, Name: el.Name, Type: el.Type, English: el.English, Aliases: el.Aliases,
		Description: el.Description, Tags: el.Tags, Sensitivity: el.Sensitivity, Pack: el.Pack, Sources: el.Sources}
	if len(el.Regions) > 0 {
		r.RegionCode = el.Regions[0]
		r.Region = ds.RegionName(el.Regions[0])
	}
	if el.ICH != nil {
		r.Category, r.Code, r.Batch, r.Year, r.Verified = el.ICH.Category, el.ICH.Code, el.ICH.Batch, el.ICH.Year, el.ICH.Verified
	}
	return r
}

func cultureSearch(e *env, args []string) int {
	fs := newFlags("culture search")
	asJSON := fs.Bool("json", false, "machine-readable output")
	region := fs.String("region", "", "region code or name (41, 410100, 河南, 郑州)")
	typ := fs.String("type", "", "element type: "+strings.Join(culture.Types, ", "))
	cat := fs.String("category", "", "非遗 category: Ⅳ, IV or 传统戏剧")
	limit := fs.Int("limit", 50, "at most this many results (0 = all)")
	var packs packList
	fs.Var(&packs, "pack", "studio pack (.json or .csv), repeatable")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 1 || (len(pos) == 0 && *region == "" && *typ == "" && *cat == "") {
		if err == nil {
			err = fmt.Errorf("%s", e.msg("需要一个关键词或 --region/--type/--category", "need a QUERY or --region/--type/--category"))
		}
		return e.usageErr("culture", err)
	}
	ds, err := cultureData(e, packs)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	q := culture.Query{Region: *region, Type: *typ, Category: *cat, Limit: *limit}
	if len(pos) == 1 {
		q.Text = pos[0]
	}
	els, err := ds.Search(q)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	results := make([]cultureResult, 0, len(els))
	for _, el := range els {
		results = append(results, toResult(ds, el))
	}
	if *asJSON {
		return writeJSON(e, map[string]any{"results": results})
	}
	if len(results) == 0 {
		fmt.Fprintln(e.stderr, e.msg("没有找到匹配的文化元素。", "No matching cultural element."))
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, e.msg("编号\t名称\t类型\t地区\t非遗\t英文", "id\tname\ttype\tregion\theritage\tenglish"))
	for _, r := range results {
		ich := ""
		if r.Category != "" {
			ich = r.Category
			if r.Code != "" {
				ich += " " + r.Code
			}
			if r.Year > 0 {
				ich += fmt.Sprintf(" %d", r.Year)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, culture.TypeName(r.Type, e.lang), r.Region, ich, r.English)
	}
	tw.Flush()
	return exitOK
}

type cultureHit struct {
	Element string `json:"element"`
	Name    string `json:"name"`
	Region  string `json:"region"`
	Episode int    `json:"episode"`
	Line    int    `json:"line"`
	Depth   string `json:"depth"`
	Type    string `json:"type"`
	Term    string `json:"term"`
	Scene   string `json:"scene,omitempty"`
	Where   string `json:"where"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Key     string `json:"key"`
	Planned bool   `json:"planned"`
}

func cultureScan(e *env, args []string) int {
	fs := newFlags("culture scan")
	asJSON := fs.Bool("json", false, "machine-readable output")
	var packs packList
	fs.Var(&packs, "pack", "studio pack (.json or .csv), repeatable")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		if err == nil {
			err = fmt.Errorf("%s", e.msg("需要一个项目或剧本文件", "need one PROJECT or script file"))
		}
		return e.usageErr("culture", err)
	}
	ds, err := cultureData(e, packs)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	hits := ds.Scan(p)
	cov := ds.Cover(p, hits)
	out := make([]cultureHit, 0, len(hits))
	for _, h := range hits {
		region := ""
		if len(h.Element.Regions) > 0 {
			region = ds.RegionName(h.Element.Regions[0])
		}
		out = append(out, cultureHit{Element: h.Element.ID, Name: h.Element.Name, Region: region, Episode: h.Episode,
			Line: h.Line, Depth: h.Depth, Type: h.Element.Type, Term: h.Term, Scene: h.Scene, Where: h.Where,
			Start: h.Start, End: h.End, Key: h.Key(), Planned: cov.Planned[h.Element.ID]})
	}
	type epDialect struct {
		Episode       int     `json:"episode"`
		DialogueLines int     `json:"dialogue_lines"`
		DialectLines  int     `json:"dialect_lines"`
		Density       float64 `json:"density"`
	}
	var dialect []epDialect
	for _, n := range cov.Episodes {
		d := cov.Dialect[n]
		dialect = append(dialect, epDialect{n, d.Lines, d.WithDialect, d.Ratio()})
	}
	hints := make([]map[string]string, 0, len(cov.Hints))
	for _, h := range cov.Hints {
		hints = append(hints, map[string]string{"kind": h.Kind, "element": h.Element, "region": h.Region, "message": h.Message(e.lang)})
	}
	type covRow struct {
		Element string            `json:"element"`
		Name    string            `json:"name"`
		Planned bool              `json:"planned"`
		Deepest string            `json:"deepest"`
		Cells   map[string]string `json:"cells"` // episode number → deepest use there
	}
	grid := make([]covRow, 0, len(cov.Elements))
	for _, el := range cov.Elements {
		r := covRow{Element: el.ID, Name: el.Name, Planned: cov.Planned[el.ID], Deepest: cov.Deepest(el.ID), Cells: map[string]string{}}
		for n, d := range cov.Cells[el.ID] {
			r.Cells[strconv.Itoa(n)] = d
		}
		grid = append(grid, r)
	}
	if *asJSON {
		return writeJSON(e, map[string]any{"hits": out, "dialect": dialect, "hints": hints, "planned": p.Culture.Planned,
			"coverage": map[string]any{"episodes": cov.Episodes, "elements": grid}})
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stderr, e.msg("剧本里没有找到文化元素。", "No cultural element found in the script."))
	} else {
		tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, e.msg("集\t行\t元素\t地区\t深度\t位置", "ep\tline\telement\tregion\tdepth\twhere"))
		for _, h := range out {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\n", h.Episode, h.Line, h.Name, h.Region, culture.DepthName(h.Depth, e.lang), h.Where)
		}
		tw.Flush()
	}
	for _, h := range cov.Hints {
		fmt.Fprintln(e.stdout, "· "+h.Message(e.lang))
	}
	return exitOK
}

func cultureStats(e *env, args []string) int {
	fs := newFlags("culture stats")
	asJSON := fs.Bool("json", false, "machine-readable output")
	var packs packList
	fs.Var(&packs, "pack", "studio pack (.json or .csv), repeatable")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 0 {
		return e.usageErr("culture", err)
	}
	ds, err := cultureData(e, packs)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	st := culture.Stats(ds)
	if *asJSON {
		return writeJSON(e, st)
	}
	fmt.Fprintf(e.stdout, e.msg("%d 个文化元素，覆盖 %d 个省级地区；非遗 %d 项（编号已核 %d）\n", "%d elements in %d province-level regions; %d heritage items (%d codes verified)\n"),
		st.Elements, st.Regions, st.ICH, st.ICHVerified)
	types := make([]string, 0, len(st.ByType))
	for t := range st.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(e.stdout, "  %-10s %d\n", culture.TypeName(t, e.lang), st.ByType[t])
	}
	return exitOK
}

// culturePack checks a studio pack and writes it as JSON or CSV (by the
// extension of -o), optionally setting its author.
func culturePack(e *env, args []string) int {
	fs := newFlags("culture pack")
	out := fs.String("o", "", "output file (.json or .csv)")
	author := fs.String("author", "", "author of the pack")
	name := fs.String("name", "", "pack name (default: the input file name)")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 || *out == "" {
		if err == nil {
			err = fmt.Errorf("%s", e.msg("需要一个素材包文件和 -o 输出文件", "need one pack file and -o OUT"))
		}
		return e.usageErr("culture", err)
	}
	ds, err := culture.Builtin()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	f, err := os.Open(pos[0])
	if err != nil {
		e.errorf("%s: %s", pos[0], e.msg("无法打开素材包", "cannot open the pack"))
		return exitUsage
	}
	p, err := culture.ReadPack(pos[0], f, ds)
	f.Close()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if *author != "" {
		p.Author = *author
		for _, el := range p.Elements {
			el.Author = *author
		}
	}
	if *name != "" {
		p.Name = *name
	}
	if _, err := ds.WithPacks(p); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	w, err := os.Create(*out)
	if err != nil {
		e.errorf("%s: %v", *out, err)
		return exitUsage
	}
	switch strings.ToLower(filepath.Ext(*out)) {
	case ".csv":
		err = p.WriteCSV(w)
	case ".json":
		err = p.WriteJSON(w)
	default:
		err = fmt.Errorf("%s", e.msg("输出文件应为 .json 或 .csv", "the output must be a .json or .csv file"))
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		e.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, e.msg("素材包 %s：%d 个元素 → %s\n", "pack %s: %d elements → %s\n"), p.Name, len(p.Elements), *out)
	return exitOK
}
