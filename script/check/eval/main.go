// Command eval measures the self-check on labelled TSV files (the 3-column
// development format or the 5-column corpus format, see
// script/check/corpus): per content category TP/FP/FN, precision and
// recall, micro totals over the nine content categories, the ai category,
// title accuracy and false alarms per frame.
//
//	go run ./script/check/eval [-reader rules|model|all] [-json] [-v] FILE.tsv...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/corpus"
	"github.com/duanju-studio/duanju/script/check/model"
)

func main() {
	reader := flag.String("reader", "all", "which reader's findings count: rules, model or all")
	asJSON := flag.Bool("json", false, "print the scores as JSON")
	verbose := flag.Bool("v", false, "list every miss and false alarm")
	weights := flag.String("weights", "", "use these model weights instead of the embedded ones (a file written by train -o)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./script/check/eval [-reader rules|model|all] [-json] [-v] FILE.tsv...")
		flag.PrintDefaults()
	}
	vp := check.SetVetoPolicy(check.VetoPolicy{})
	check.SetVetoPolicy(vp)
	flag.Float64Var(&vp.Counter, "veto", vp.Counter, "dispute (lower to info) rule findings in counter-framed scenes the model scores below this (0: never)")
	flag.Float64Var(&vp.Any, "vetoany", vp.Any, "dispute non-blocker rule findings the model scores below this, counter-frame or not (0: never)")
	flag.BoolVar(&vp.Minors, "vetominors", vp.Minors, "let the model dispute findings about minors too")
	flag.BoolVar(&countDisputed, "disputed", false, "count rule findings the model disputes (lowered to info) as raised")
	lowoDir := flag.String("lowo", "", "leave one writer out: train without each corpus writer of this testdata directory in turn and measure on it (rules, model, rules+model)")
	var o model.TrainOptions
	flag.Float64Var(&o.Precision, "precision", 0, "with -lowo: cross-validated precision the thresholds must reach (0: training's default)")
	flag.IntVar(&o.Epochs, "epochs", 0, "with -lowo: training passes (0: default)")
	flag.Float64Var(&o.L2, "l2", 0, "with -lowo: weight decay (0: default)")
	flag.Float64Var(&o.PosWeight, "posw", 0, "with -lowo: positive weight (0: default)")
	dumpFile := flag.String("dump", "", "with -lowo: write each left-out example's model scores and thresholds to this TSV")
	flag.IntVar(&o.MinCount, "mincount", 0, "with -lowo: minimum feature count (0: default)")
	modelOnly := flag.Bool("modelonly", false, "with -lowo: measure the model alone on its own inputs (fast; no engine)")
	flag.Parse()
	check.SetVetoPolicy(vp)
	if *lowoDir != "" {
		all := func() {}
		vs := []variant{
			{"rules", check.ReadRules, all},
			{"model", check.ReadModel, all},
			{"rules+model, no veto", check.ReadAll, func() { check.SetVetoPolicy(check.VetoPolicy{}) }},
			{fmt.Sprintf("rules+model, disputed findings not counted, veto %+v", vp), check.ReadAll, func() { check.SetVetoPolicy(vp) }},
		}
		if *modelOnly {
			vs = nil
		}
		var dump io.Writer
		if *dumpFile != "" {
			f, err := os.Create(*dumpFile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "eval:", err)
				os.Exit(1)
			}
			defer f.Close()
			dump = f
		}
		if err := lowo(*lowoDir, o, vs, os.Stdout, dump); err != nil {
			fmt.Fprintln(os.Stderr, "eval:", err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var readers check.Readers
	switch *reader {
	case "rules", "rule":
		readers = check.ReadRules
	case "model":
		readers = check.ReadModel
	case "all":
		readers = check.ReadAll
	default:
		fmt.Fprintf(os.Stderr, "eval: -reader must be rules, model or all, not %q\n", *reader)
		os.Exit(2)
	}
	if *weights != "" {
		data, err := os.ReadFile(*weights)
		if err == nil {
			err = model.Use(data)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval:", err)
			os.Exit(1)
		}
	}
	eng, err := check.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
	type fileScore struct {
		File  string        `json:"file"`
		Score *corpus.Score `json:"score"`
	}
	var files []fileScore
	total := corpus.NewScore()
	for _, path := range flag.Args() {
		xs, err := corpus.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval:", err)
			os.Exit(1)
		}
		s := corpus.NewScore()
		for _, x := range xs {
			s.Add(x, Raised(eng, x, readers))
		}
		if !*verbose {
			s.Misses = nil
		}
		files = append(files, fileScore{path, s})
		total.Merge(s)
	}
	if *asJSON {
		out := struct {
			Reader string        `json:"reader"`
			Files  []fileScore   `json:"files"`
			Total  *corpus.Score `json:"total"`
		}{*reader, files, total}
		if len(files) == 1 {
			out.Files = nil
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(os.Stderr, "eval:", err)
			os.Exit(1)
		}
		return
	}
	if len(files) > 1 {
		for _, f := range files {
			fmt.Printf("== %s (%d examples, reader %s)\n", f.File, f.Score.Examples, *reader)
			f.Score.Table(os.Stdout)
			fmt.Println()
		}
	}
	fmt.Printf("== total: %d files, %d examples, reader %s\n", len(files), total.Examples, *reader)
	total.Table(os.Stdout)
	if *verbose {
		fmt.Println()
		total.List(os.Stdout)
	}
}

// evalNow fixes "today" so date-bound rules score the same every day.
var evalNow = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)

// countDisputed: count the rule findings the model disputes (lowered to
// info) as raised. By default they are not: they are notes for a reviewer,
// not findings a studio has to act on.
var countDisputed bool

// Raised is the set of categories the chosen readers raise on an example.
// Craft and filing findings about the tiny project, the title form rule and
// the minors notice are not content findings and are left out.
func Raised(e *check.Engine, x corpus.Example, readers check.Readers) map[string]bool {
	r := e.Check(corpus.Project(x), check.Options{Lang: "zh", Now: evalNow, Readers: readers})
	got := map[string]bool{}
	for _, f := range r.Findings {
		if f.Category == "craft" || f.Category == "filing" || f.Rule == "TITLE-FORM" || f.Rule == "MIN-NOTICE" {
			continue
		}
		if !countDisputed && slices.Contains(f.Tags, check.DisputedTag) {
			continue
		}
		switch x.Scope {
		case corpus.Title:
			if f.Field == "title" {
				got["title"] = true
			}
		case corpus.Synopsis:
			if f.Field == "synopsis" {
				got[f.Category] = true
			}
		default:
			if f.Episode > 0 {
				got[f.Category] = true
			}
		}
	}
	return got
}
