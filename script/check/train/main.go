// Command train fits the self-check model on the labelled corpus and writes
// its weights to assets/model/weights.bin. Training is deterministic (fixed
// seed): the same data gives the same file.
//
//	go run ./script/check/train [-o assets/model/weights.bin] [FILE.tsv...]
//
// Without files it reads script/check/testdata/labelled.tsv, heldout*.tsv and
// corpus/*.tsv. It prints the cross-validated precision and recall of each
// head at the threshold chosen for precision.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/check/corpus"
	"github.com/duanju-studio/duanju/script/check/model"
)

func main() {
	out := flag.String("o", "assets/model/weights.bin", "where to write the weights (- for nowhere)")
	test := flag.String("test", "", "comma-separated TSV files to measure the trained model on (not trained on)")
	extra := flag.String("extra", "", "comma-separated TSV files to train on besides the repository corpus")
	var o model.TrainOptions
	flag.IntVar(&o.Epochs, "epochs", 0, "training passes (0: default)")
	flag.Float64Var(&o.Rate, "rate", 0, "learning rate (0: default)")
	flag.Float64Var(&o.L2, "l2", 0, "weight decay (0: default)")
	flag.IntVar(&o.MinCount, "mincount", 0, "minimum feature count (0: default)")
	flag.Float64Var(&o.PosWeight, "posw", 0, "positive weight (0: default)")
	flag.Float64Var(&o.Precision, "precision", 0, "cross-validated precision a threshold must reach (0: default 0.9)")
	flag.BoolVar(&o.NoNB, "nonb", false, "no naive-Bayes feature scaling")
	flag.BoolVar(&o.RandomFolds, "randfolds", false, "random cross-validation folds instead of holding out whole writers")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files = DefaultFiles("script/check/testdata")
	}
	if *extra != "" {
		files = append(files, strings.Split(*extra, ",")...)
	}
	xs, err := Load(files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	model.SetConcepts(assets.ModelConcepts())
	m, cv := model.Train(xs, o)
	fmt.Printf("%d examples from %d files, %d features\n", len(xs), len(files), len(m.Hashes))
	fmt.Print(model.CVTable(cv))
	if *test != "" {
		ts, err := Load(strings.Split(*test, ","))
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		fmt.Printf("\nmodel alone on %d test examples:\n%s", len(ts), model.CVTable(model.Measure(m, ts)))
	}
	if *out == "-" {
		return
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, b.Len())
}

// DefaultFiles are the training files under dir, sorted.
func DefaultFiles(dir string) []string { return corpus.TrainingFiles(dir) }

// Load reads the examples of files as model examples.
func Load(files []string) ([]model.Example, error) { return corpus.ModelExamples(files) }
