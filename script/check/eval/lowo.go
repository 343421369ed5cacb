package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/corpus"
	"github.com/duanju-studio/duanju/script/check/model"
)

// lowo is leave-one-writer-out cross-validation: for each corpus writer in
// turn, the model is trained (thresholds included) on every other writer
// and the engine is measured on the left-out writer's file. It is the
// honest stand-in for a blind batch: no example of the measured writer's
// voice was seen in training. Writers are the corpus files except the
// model engineer's own seed file.
func lowo(dir string, o model.TrainOptions, variants []variant, w, dump io.Writer) error {
	files := corpus.TrainingFiles(dir)
	xs, err := corpus.ModelExamples(files)
	if err != nil {
		return err
	}
	model.SetConcepts(assets.ModelConcepts())
	eng, err := check.Default()
	if err != nil {
		return err
	}
	type result struct {
		name  string
		total *corpus.Score
		per   map[string]*corpus.Score
	}
	res := make([]result, len(variants))
	for i, v := range variants {
		res[i] = result{v.name, corpus.NewScore(), map[string]*corpus.Score{}}
	}
	var writers []string
	for _, f := range files {
		b := filepath.Base(f)
		if filepath.Base(filepath.Dir(f)) == "corpus" && b != "model-seed.tsv" {
			writers = append(writers, f)
		}
	}
	modelCV := make([]model.CVResult, len(model.Heads))
	for h := range modelCV {
		modelCV[h].Head = model.Heads[h]
	}
	for _, f := range writers {
		g := corpus.Group(f)
		var tr []model.Example
		for _, x := range xs {
			if x.Group != g {
				tr = append(tr, x)
			}
		}
		m, _ := model.Train(tr, o)
		var b bytes.Buffer
		if err := m.Encode(&b); err != nil {
			return err
		}
		if err := model.Use(b.Bytes()); err != nil {
			return err
		}
		test, err := corpus.ReadFile(f)
		if err != nil {
			return err
		}
		var mt []model.Example
		for _, x := range xs {
			if x.Group == g {
				mt = append(mt, x)
			}
		}
		for h, r := range model.Measure(m, mt) {
			modelCV[h].Count.Add(r.Count)
		}
		if dump != nil {
			for i, x := range mt {
				sc := m.Scores(&x.In)
				fmt.Fprintf(dump, "%s\t%d\t%s\t%s", g, i, x.In.Scope, strings.Join(x.Labels, ","))
				for h := range model.Heads {
					fmt.Fprintf(dump, "\t%.4f", sc[h])
				}
				for h := range model.Heads {
					fmt.Fprintf(dump, "\t%.3f", m.Threshold[h])
				}
				fmt.Fprintf(dump, "\t%s\n", strings.ReplaceAll(strings.Join(x.In.Lines, "\\n"), "\t", " "))
			}
		}
		for i, v := range variants {
			v.set()
			s := corpus.NewScore()
			for _, x := range test {
				s.Add(x, Raised(eng, x, v.readers))
			}
			res[i].per[g] = s
			res[i].total.Merge(s)
		}
		fmt.Fprintf(w, "# %s left out: %d train, %d test\n", g, len(tr), len(test))
	}
	fmt.Fprintf(w, "\n== leave one writer out, model alone on its inputs\n%s", model.CVTable(modelCV))
	for _, r := range res {
		fmt.Fprintf(w, "\n== leave one writer out, %s (%d writers, %d examples)\n", r.name, len(writers), r.total.Examples)
		lowoTable(w, r.total)
		var gs []string
		for g := range r.per {
			gs = append(gs, g)
		}
		sort.Strings(gs)
		var parts []string
		for _, g := range gs {
			m := r.per[g].Micro
			parts = append(parts, fmt.Sprintf("%s %.2f/%.2f", strings.TrimSuffix(g, ".tsv"), m.Precision(), m.Recall()))
		}
		fmt.Fprintf(w, "per writer P/R: %s\n", strings.Join(parts, "  "))
	}
	return nil
}

// lowoTable prints one compact line per category and the micro total.
func lowoTable(w io.Writer, s *corpus.Score) {
	fmt.Fprintf(w, "%-13s %4s %4s %4s %5s %5s\n", "category", "tp", "fp", "fn", "P", "R")
	for _, c := range corpus.Content {
		n := s.Categories[c]
		fmt.Fprintf(w, "%-13s %4d %4d %4d %5.2f %5.2f\n", c, n.TP, n.FP, n.FN, n.Precision(), n.Recall())
	}
	m := s.Micro
	fmt.Fprintf(w, "%-13s %4d %4d %4d %5.2f %5.2f\n", "ALL content", m.TP, m.FP, m.FN, m.Precision(), m.Recall())
	fmt.Fprintf(w, "%-13s %4d %4d %4d %5.2f %5.2f\n", "ai", s.AI.TP, s.AI.FP, s.AI.FN, s.AI.Precision(), s.AI.Recall())
	fmt.Fprintf(w, "titles %d/%d\n", s.Title.Correct, s.Title.Total)
}

// variant is one way of running the engine in lowo.
type variant struct {
	name    string
	readers check.Readers
	set     func()
}
