package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/duanju-studio/duanju/script/export/pack"
)

func init() {
	register(&command{name: "pack", usage: "pack PROJECT -o package.zip [--force] [--watermark T] [--json] | pack --verify package.zip",
		summary: "build the submission package (script PDF/DOCX, filing materials, self-check, subtitles, manifest)", run: cmdPack})
}

func cmdPack(e *env, args []string) int {
	fs := newFlags("pack")
	out := fs.String("o", "", "the package zip to write")
	force := fs.Bool("force", false, "write the package even when required items are missing")
	asJSON := fs.Bool("json", false, "print the checklist and manifest as JSON on stdout")
	wm := fs.String("watermark", "", "watermark on every PDF page (default: the project's setting; - for none)")
	verify := fs.Bool("verify", false, "check a package's files against its manifest")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return e.usageErr("pack", err)
	}
	if *verify {
		if len(pos) != 1 {
			return e.usageErr("pack", fmt.Errorf("--verify needs one package.zip"))
		}
		return packVerify(e, pos[0], *asJSON)
	}
	if len(pos) != 1 || *out == "" {
		return e.usageErr("pack", fmt.Errorf("need PROJECT and -o package.zip"))
	}
	p, err := loadProject(e, pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	o := pack.Options{Force: *force}
	o.Watermark = *wm
	res, err := pack.WriteFile(context.Background(), p, *out, o)
	if res != nil {
		printChecklist(e, res.Checklist)
	}
	if *asJSON && res != nil {
		writeJSON(e, struct {
			Written   bool           `json:"written"`
			Checklist pack.Checklist `json:"checklist"`
			Manifest  *pack.Manifest `json:"manifest,omitempty"`
		}{err == nil, res.Checklist, manifestOrNil(res, err)})
	}
	if errors.Is(err, pack.ErrIncomplete) {
		e.errorf("%s", e.msg("资料不全，未写出提交包。补全上面标 ✗ 的项目，或加 --force 强制写出。",
			"the package is incomplete and was not written: complete the items marked ✗, or add --force"))
		return exitFindings
	}
	if err != nil {
		e.errorf("%s: %v", *out, err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, e.msg("已写出提交包 %s（%d 个文件）\n", "wrote %s (%d files)\n"), *out, len(res.Manifest.Files)+1)
	return exitOK
}

func manifestOrNil(res *pack.Result, err error) *pack.Manifest {
	if err != nil {
		return nil
	}
	return &res.Manifest
}

func printChecklist(e *env, c pack.Checklist) {
	marks := map[string]string{pack.StateOK: "✓", pack.StateMissing: "✗", pack.StateTodo: "!", pack.StateInfo: "·"}
	fmt.Fprintln(e.stderr, e.msg("提交包检查清单：", "Package checklist:"))
	for _, it := range c.Items {
		fmt.Fprintf(e.stderr, "  %s %s\n", marks[it.State], it.Text(e.lang))
	}
}

func packVerify(e *env, path string, asJSON bool) int {
	f, err := os.Open(path)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	man, err := pack.Verify(f, fi.Size())
	if asJSON {
		res := map[string]any{"ok": err == nil, "manifest": man}
		if err != nil {
			res["error"] = err.Error()
		}
		writeJSON(e, res)
	}
	if err != nil {
		e.errorf("%s: %v", path, err)
		return exitFindings
	}
	fmt.Fprintf(e.stderr, e.msg("%s：%d 个文件与清单一致（%s %s，%s）\n", "%s: %d files match the manifest (%s %s, %s)\n"),
		path, len(man.Files), man.App, man.Version, man.Created)
	return exitOK
}
