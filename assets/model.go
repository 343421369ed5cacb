package assets

import (
	_ "embed"
)

// The learned reader of the self-check: weights trained by
// `go run ./script/check/train` and the guidance its findings cite.
var (
	//go:embed model/weights.bin
	modelWeights []byte
	//go:embed model/guidance.toml
	modelGuidance []byte
	//go:embed model/concepts.txt
	modelConcepts []byte
)

// ModelWeights is the self-check model (script/check/model binary format).
func ModelWeights() []byte { return modelWeights }

// ModelGuidance is the per-category message and suggestion of model findings.
func ModelGuidance() []byte { return modelGuidance }

// ModelConcepts is the concept lexicon the model's features are built on.
func ModelConcepts() []byte { return modelConcepts }
