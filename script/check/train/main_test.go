package main

import (
	"bytes"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/check/model"
)

// TestTrainReproducesEmbedded trains on the repository's corpus: the bytes
// must be the embedded weights, which another process trained (fixed seed:
// training is deterministic) — retrain with `go run ./script/check/train`
// after changing the corpus, the features or the concept lexicon. The
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
	m, cv := model.Train(xs, model.TrainOptions{})
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d examples, %d features, cross-validated:\n%s", len(xs), len(m.Hashes), model.CVTable(cv))
	if !bytes.Equal(b.Bytes(), assets.ModelWeights()) {
		t.Error("assets/model/weights.bin is not what training produces: run go run ./script/check/train")
	}
}
