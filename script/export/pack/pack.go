// Package pack builds the submission package: one zip with the script as
// PDF and DOCX, the filing text, episode list and breakdown, the self-check
// report, subtitle tracks, culture coverage, the filled templates and a
// manifest with the SHA-256 of every file. A completeness checklist for the
// review tier comes first; the zip is written atomically.
package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/subtitle"
)

// CheckReport is the self-check's contribution to the package.
type CheckReport struct {
	Tier     Tier
	HTML     []byte
	JSON     []byte
	Open     map[int][]string // open (not waived) findings per episode, for the breakdown
	Blockers int              // open blocker findings
}

// Checker runs the self-check; the app and CLI plug in script/check.
type Checker func(ctx context.Context, p *script.Project) (*CheckReport, error)

// DefaultChecker is used when Options.Checker is nil; the build that has
// the check engine sets it (see check.go).
var DefaultChecker Checker

// Options control the package.
type Options struct {
	export.Options
	Checker Checker
	// Force writes the zip even when required items are missing.
	Force bool
}

// ErrIncomplete is returned (with the checklist) when required items are
// missing and Force is not set.
var ErrIncomplete = errors.New("the package is incomplete")

// File is one entry of the manifest.
type File struct {
	Path   string `json:"path"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
	What   string `json:"what"`
}

// Manifest is manifest.json.
type Manifest struct {
	App       string    `json:"app"`
	Version   string    `json:"version"`
	Created   string    `json:"created"`
	Project   string    `json:"project"`
	Episodes  int       `json:"episodes"`
	Tier      Tier      `json:"tier"`
	Files     []File    `json:"files"`
	Checklist Checklist `json:"checklist"`
}

// ManifestName is the manifest's path in the zip.
const ManifestName = "manifest.json"

// Result is what Build produced.
type Result struct {
	Manifest  Manifest
	Checklist Checklist
}

type entry struct {
	path, what string
	data       []byte
}

// Steps is the number of progress steps Build reports.
const Steps = 8

// Prepare runs the self-check and computes the checklist without building
// anything (for the Package view).
func Prepare(ctx context.Context, p *script.Project, o Options) (Checklist, *CheckReport, error) {
	chk := o.Checker
	if chk == nil {
		chk = DefaultChecker
	}
	var rep *CheckReport
	if chk != nil {
		r, err := chk(ctx, p)
		if err != nil {
			return Checklist{}, nil, fmt.Errorf("self-check: %w", err)
		}
		rep = r
	}
	tier := TierOf(p, o.Now)
	if rep != nil && rep.Tier.Name != "" {
		tier = rep.Tier
	}
	return BuildChecklist(p, tier, rep), rep, nil
}

// Build writes the package zip to w. Progress, if set, gets step counts out
// of Steps. With required items missing and no Force it writes nothing and
// returns the checklist with ErrIncomplete.
func Build(ctx context.Context, p *script.Project, w io.Writer, o Options) (*Result, error) {
	progress := o.Progress
	o.Progress = nil // per-episode progress of the writers is not shown
	step := func(n int) error {
		if progress != nil {
			progress(n, Steps)
		}
		return ctx.Err()
	}
	cl, rep, err := Prepare(ctx, p, o)
	if err != nil {
		return nil, err
	}
	res := &Result{Checklist: cl}
	if !cl.Ready() && !o.Force {
		return res, ErrIncomplete
	}
	if err := step(1); err != nil {
		return nil, err
	}
	var files []entry
	add := func(path, what string, write func(w io.Writer) error) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		files = append(files, entry{path, what, buf.Bytes()})
		return nil
	}
	eo := o.Options
	if err := add("script/script.pdf", "剧本 PDF", func(w io.Writer) error { return export.PDF(ctx, p, w, eo) }); err != nil {
		return nil, err
	}
	if err := step(2); err != nil {
		return nil, err
	}
	if err := add("script/script.docx", "剧本 DOCX", func(w io.Writer) error { return export.DOCX(ctx, p, w, eo) }); err != nil {
		return nil, err
	}
	if err := add("script/script.fdx", "剧本 Final Draft", func(w io.Writer) error { return export.FDX(p, w, eo) }); err != nil {
		return nil, err
	}
	if p.SourceStyle == script.StyleFountain {
		err = add("script/script.fountain", "剧本 Fountain", func(w io.Writer) error {
			_, err := io.WriteString(w, format.WriteFountain(p))
			return err
		})
	} else {
		err = add("script/script.txt", "剧本纯文本", func(w io.Writer) error {
			_, err := io.WriteString(w, format.WriteChinese(p))
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	if err := step(3); err != nil {
		return nil, err
	}
	ann := export.Annotations{}
	if rep != nil {
		ann.Findings = rep.Open
	}
	ann.Culture, _ = export.CultureByEpisode(p) // the culture column stays empty if the dataset fails
	for _, f := range []struct {
		path, what string
		write      func(w io.Writer) error
	}{
		{"filing/synopsis.txt", "剧名、推荐语、内容简介", func(w io.Writer) error { return export.Synopsis(p, w) }},
		{"filing/episodes.csv", "分集列表（剧名 - 第x集）", func(w io.Writer) error { return export.EpisodeList(p, w, eo) }},
		{"filing/breakdown.csv", "分集拆解表", func(w io.Writer) error { return export.Breakdown(p, w, eo, ann) }},
	} {
		if err := add(f.path, f.what, f.write); err != nil {
			return nil, err
		}
	}
	if err := step(4); err != nil {
		return nil, err
	}
	data := export.NewFilingData(p, cl.Tier.Name, eo)
	for i, t := range export.FilingTemplates {
		name := []string{"cost-report", "actor-fee-pledge", "script-pledge"}[i%3]
		if err := add("filing/"+name+"-template.docx", t.Name, func(w io.Writer) error { return export.TemplateDOCX(t, data, w, eo) }); err != nil {
			return nil, err
		}
	}
	if err := step(5); err != nil {
		return nil, err
	}
	if rep != nil && rep.HTML != nil {
		files = append(files, entry{"check/self-check.html", "自查报告（HTML，含豁免）", rep.HTML})
	}
	if rep != nil && rep.JSON != nil {
		files = append(files, entry{"check/self-check.json", "自查报告（JSON，含豁免）", rep.JSON})
	}
	if err := addCulture(p, add); err != nil {
		return nil, err
	}
	if err := step(6); err != nil {
		return nil, err
	}
	if err := addSubtitles(p, add); err != nil {
		return nil, err
	}
	if err := step(7); err != nil {
		return nil, err
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	man := Manifest{App: "Duanju Studio", Version: versionOf(o), Created: now.UTC().Format(time.RFC3339), Project: p.Meta.Title,
		Episodes: len(p.Episodes), Tier: cl.Tier, Checklist: cl}
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		man.Files = append(man.Files, File{Path: f.path, Size: len(f.data), SHA256: hex.EncodeToString(sum[:]), What: f.what})
	}
	mj, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return nil, err
	}
	files = append(files, entry{ManifestName, "清单", append(mj, '\n')})
	z := zip.NewWriter(w)
	for _, f := range files {
		method := zip.Deflate
		if strings.HasSuffix(f.path, ".pdf") || strings.HasSuffix(f.path, ".docx") {
			method = zip.Store // already compressed
		}
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.path, Method: method, Modified: now})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	res.Manifest = man
	return res, step(Steps)
}

func versionOf(o Options) string {
	if o.Version != "" {
		return o.Version
	}
	return script.Version
}

// addCulture adds the culture coverage as JSON: per element the deepest use
// in each episode, and the hints.
func addCulture(p *script.Project, add func(path, what string, write func(io.Writer) error) error) error {
	ds, err := culture.Builtin()
	if err != nil {
		return nil // no dataset, no coverage file; the breakdown says so too
	}
	hits := ds.Scan(p)
	cov := ds.Cover(p, hits)
	type elem struct {
		ID       string         `json:"id"`
		Name     string         `json:"name"`
		Type     string         `json:"type"`
		Regions  []string       `json:"regions,omitempty"`
		Planned  bool           `json:"planned"`
		Episodes map[int]string `json:"episodes"` // episode → deepest use
	}
	out := struct {
		Elements []elem          `json:"elements"`
		Hints    []culture.Hint  `json:"hints"`
		Hits     int             `json:"hits"`
		Dialect  map[int]float64 `json:"dialect_ratio,omitempty"`
	}{Hits: len(hits), Hints: cov.Hints, Dialect: map[int]float64{}}
	for _, e := range cov.Elements {
		out.Elements = append(out.Elements, elem{ID: e.ID, Name: e.Name, Type: e.Type, Regions: e.Regions, Planned: cov.Planned[e.ID], Episodes: cov.Cells[e.ID]})
	}
	for n, d := range cov.Dialect {
		if d.Lines > 0 {
			out.Dialect[n] = d.Ratio()
		}
	}
	return add("culture/coverage.json", "文化元素覆盖", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	})
}

// addSubtitles adds every track as SRT, named by the platform rule; a
// damaged track is kept as its JSON so nothing is lost.
func addSubtitles(p *script.Project, add func(path, what string, write func(io.Writer) error) error) error {
	seen := map[string]int{}
	for _, st := range p.Tracks {
		tr, err := subtitle.FromProject(st)
		name := subtitle.FileName(p, st.Episode, st.Lang, "srt")
		if st.Name != "" && st.Name != st.Lang {
			name = strings.TrimSuffix(name, ".srt") + "." + safeName(st.Name) + ".srt"
		}
		if err != nil || len(tr.Cues) == 0 {
			name = strings.TrimSuffix(name, ".srt") + ".json"
			if e := add(uniq(seen, "subtitles/"+name), "字幕轨（原始数据）", func(w io.Writer) error {
				_, err := io.WriteString(w, st.Data)
				return err
			}); e != nil {
				return e
			}
			continue
		}
		if e := add(uniq(seen, "subtitles/"+name), "字幕 SRT "+st.Lang, func(w io.Writer) error {
			return subtitle.Write(w, tr, subtitle.WriteOptions{Format: subtitle.FormatSRT})
		}); e != nil {
			return e
		}
	}
	return nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
}

func uniq(seen map[string]int, path string) string {
	seen[path]++
	if n := seen[path]; n > 1 {
		ext := filepath.Ext(path)
		return fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(path, ext), n, ext)
	}
	return path
}

// WriteFile builds the package into path atomically: a temporary file in
// the same folder, synced, then renamed over path.
func WriteFile(ctx context.Context, p *script.Project, path string, o Options) (*Result, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	res, err := Build(ctx, p, tmp, o)
	if err != nil {
		tmp.Close()
		return res, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return nil, err
	}
	return res, nil
}

// Verify reads a package and checks every file against the manifest.
func Verify(r io.ReaderAt, size int64) (*Manifest, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not a zip: %w", err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		files[f.Name] = b
	}
	mj, ok := files[ManifestName]
	if !ok {
		return nil, fmt.Errorf("no %s in the package", ManifestName)
	}
	var man Manifest
	if err := json.Unmarshal(mj, &man); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	for _, f := range man.Files {
		b, ok := files[f.Path]
		if !ok {
			return &man, fmt.Errorf("%s is listed in the manifest but not in the zip", f.Path)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 || len(b) != f.Size {
			return &man, fmt.Errorf("%s does not match its SHA-256 in the manifest", f.Path)
		}
		delete(files, f.Path)
	}
	delete(files, ManifestName)
	for name := range files {
		return &man, fmt.Errorf("%s is in the zip but not in the manifest", name)
	}
	return &man, nil
}
