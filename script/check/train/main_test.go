package main

import (
	"bytes"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/check/model"
)

// TestTrainReproducesEmbedded trains twice on the repository's corpus: the
// two runs must give the same bytes (fixed seed), and those bytes must be
// the embedded weights — retrain with `go run ./script/check/train` after
// changing the corpus, the features or the concept lexicon. The
// cross-validated table is logged.
func TestTrainReproducesEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the model")
	}
	files := DefaultFiles("../testdata")
	xs, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	model.SetConcepts(assets.ModelConcepts())
	var out [2][]byte
	for i := range out {
		m, cv := model.Train(append([]model.Example(nil), xs...), model.TrainOptions{})
		var b bytes.Buffer
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		out[i] = b.Bytes()
		if i == 0 {
			t.Logf("%d examples, %d features, cross-validated:\n%s", len(xs), len(m.Hashes), model.CVTable(cv))
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("two trainings on the same data differ")
	}
	if !bytes.Equal(out[0], assets.ModelWeights()) {
		t.Error("assets/model/weights.bin is not what training produces: run go run ./script/check/train")
	}
}
