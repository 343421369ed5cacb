package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// exportFormat writes a project in one format. Formats register from their
// own files (cmd_export_*.go) so features stay apart.
type exportFormat struct {
	ext        string // file extension with the dot
	perEpisode bool   // one file per episode: -o names a folder
	write      func(p *script.Project, w io.Writer) error
}

var exportFormats = map[string]exportFormat{
	"txt": {ext: ".txt", write: func(p *script.Project, w io.Writer) error {
		_, err := io.WriteString(w, format.WriteChinese(p))
		return err
	}},
	"fountain": {ext: ".fountain", write: func(p *script.Project, w io.Writer) error {
		_, err := io.WriteString(w, format.WriteFountain(p))
		return err
	}},
	"json": {ext: ".json", write: func(p *script.Project, w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(p)
	}},
}

func init() {
	register(&command{name: "export", usage: "export PROJECT --format F -o OUT [--episodes 1-3,5]", summary: "write the script as txt, fountain, json (and more formats when built in)", run: cmdExport})
}

func formatNames() string {
	var names []string
	for n := range exportFormats {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

func cmdExport(e *env, args []string) int {
	fs := newFlags("export")
	fmtName := fs.String("format", "", "output format")
	out := fs.String("o", "", "output file (or folder for per-episode formats)")
	eps := fs.String("episodes", "", "episodes to export, e.g. 1-3,5 (default all)")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 || *out == "" || *fmtName == "" {
		if err == nil {
			err = fmt.Errorf("need PROJECT, --format %s and -o OUT", formatNames())
		}
		return e.usageErr("export", err)
	}
	f, ok := exportFormats[strings.ToLower(*fmtName)]
	if !ok {
		return e.usageErr("export", fmt.Errorf("unknown format %q (use %s)", *fmtName, formatNames()))
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if *eps != "" {
		keep, err := parseRanges(*eps)
		if err != nil {
			return e.usageErr("export", err)
		}
		var sel []*script.Episode
		for _, ep := range p.Episodes {
			if keep[ep.Number] {
				sel = append(sel, ep)
			}
		}
		if len(sel) == 0 {
			e.errorf("%s", e.msg("所选集数在项目中不存在", "none of the selected episodes exists in the project"))
			return exitUsage
		}
		p.Episodes = sel
	}
	if f.perEpisode {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		for _, ep := range p.Episodes {
			one := *p
			one.Episodes = []*script.Episode{ep}
			path := filepath.Join(*out, p.EpisodeName(ep.Number)+f.ext)
			if err := writeFileAtomic(path, func(w io.Writer) error { return f.write(&one, w) }); err != nil {
				e.errorf("%s: %v", path, err)
				return exitUsage
			}
		}
		fmt.Fprintf(e.stderr, e.msg("已导出 %d 个文件到 %s\n", "wrote %d files to %s\n"), len(p.Episodes), *out)
		return exitOK
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return f.write(p, w) }); err != nil {
		e.errorf("%s: %v", *out, err)
		return exitUsage
	}
	fmt.Fprintln(e.stderr, e.msg("已导出 ", "wrote ")+*out)
	return exitOK
}

// parseRanges reads "1-3,5" into a set of episode numbers.
func parseRanges(s string) (map[int]bool, error) {
	out := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil || a <= 0 {
			return nil, fmt.Errorf("bad episode range %q", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a || b-a > 10000 {
				return nil, fmt.Errorf("bad episode range %q", part)
			}
		}
		for n := a; n <= b; n++ {
			out[n] = true
		}
	}
	return out, nil
}
