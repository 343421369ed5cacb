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
	"os"
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
	veto := flag.Float64("veto", -1, "drop rule findings in counter-framed scenes the model scores below this (default: the engine's 0.05)")
	vetoAny := flag.Float64("vetoany", -1, "drop non-blocker rule findings the model scores below this, counter-frame or not (default: the engine's 0.01; 0 turns it off)")
	flag.Parse()
	if *veto >= 0 {
		check.SetVeto(*veto, *vetoAny >= 0)
	}
	if *vetoAny >= 0 {
		check.SetVetoAny(*vetoAny)
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
