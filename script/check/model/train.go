package model

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
)

// Example is a training example: an input and its labels (head names).
type Example struct {
	In     Input
	Labels []string
	Group  string // the writer or batch (file); cross-validation holds out whole groups
	hashes []uint32
}

// TrainOptions tune training; the zero value gives the defaults.
type TrainOptions struct {
	Epochs   int     // passes over the data (10)
	Rate     float64 // AdaGrad learning rate (0.3)
	L2       float64 // weight decay per update (1e-3)
	MinCount int     // a feature must occur in this many examples (2)
	Seed     int64   // shuffling seed (1)
	Folds    int     // cross-validation folds (5)
	// Precision a threshold must reach in cross-validation (0.7). The folds
	// hold out whole writers, which is harsher than a new script by a
	// writer the corpus knows: 0.7 here measured 0.90 for rules and model
	// together on three writers left out in turn.
	Precision float64
	PosWeight float64 // weight of a positive example's gradient (2)
	NoNB      bool    // do not scale features by their naive-Bayes log ratio per head
	// RandomFolds: cross-validate on random folds even when there are
	// enough groups to hold out whole writers.
	RandomFolds bool
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	if o.Rate == 0 {
		o.Rate = 0.3
	}
	if o.L2 == 0 {
		o.L2 = 1e-3
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.PosWeight == 0 {
		o.PosWeight = 2
	}
	if o.Precision == 0 {
		o.Precision = 0.7
	}
	return o
}

// headsOf says which heads an example trains: titles train the title head
// only, scenes and synopses every other head.
func headsOf(in *Input) (lo, hi int) {
	if in.Scope == ScopeTitle {
		return TitleHead, TitleHead + 1
	}
	return 0, TitleHead
}

func target(x *Example, h int) float64 {
	if Heads[h] == "title" {
		if len(x.Labels) > 0 {
			return 1
		}
		return 0
	}
	for _, l := range x.Labels {
		if l == Heads[h] {
			return 1
		}
	}
	return 0
}

// fit trains weights on xs (hashes precomputed) with thresholds at 0.5.
func fit(xs []*Example, o TrainOptions) *Model {
	count := map[uint32]int{}
	for _, x := range xs {
		for _, h := range x.hashes {
			count[h]++
		}
	}
	var hs []uint32
	for h, c := range count {
		if c >= o.MinCount {
			hs = append(hs, h)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	index := make(map[uint32]int, len(hs))
	for i, h := range hs {
		index[h] = i
	}
	nh := len(Heads)
	w := make([]float64, len(hs)*nh)
	g2 := make([]float64, len(hs)*nh)
	bias := make([]float64, nh)
	bg2 := make([]float64, nh)
	feats := make([][]int, len(xs))
	for i, x := range xs {
		for _, h := range x.hashes {
			if j, ok := index[h]; ok {
				feats[i] = append(feats[i], j)
			}
		}
	}
	scale := make([]float64, len(xs))
	for i, x := range xs {
		scale[i] = featScale(len(x.hashes))
	}
	// r scales each feature per head: unless NoNB, it is the naive-Bayes log
	// ratio of the feature among the head's positives and negatives
	// (NBSVM, Wang & Manning 2012), which lets few examples go further.
	r := make([]float64, len(hs)*nh)
	for k := range r {
		r[k] = 1
	}
	if !o.NoNB {
		pc := make([]float64, len(hs)*nh)
		qc := make([]float64, len(hs)*nh)
		for i, x := range xs {
			lo, hi := headsOf(&x.In)
			for h := lo; h < hi; h++ {
				c := qc
				if target(x, h) == 1 {
					c = pc
				}
				for _, j := range feats[i] {
					c[j*nh+h]++
				}
			}
		}
		for h := 0; h < nh; h++ {
			var ps, qs float64
			for j := range hs {
				ps += pc[j*nh+h] + 1
				qs += qc[j*nh+h] + 1
			}
			for j := range hs {
				k := j*nh + h
				r[k] = math.Log(((pc[k] + 1) / ps) / ((qc[k] + 1) / qs))
			}
		}
	}
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(o.Seed))
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			x := xs[i]
			lo, hi := headsOf(&x.In)
			for h := lo; h < hi; h++ {
				z := bias[h]
				v := scale[i]
				for _, j := range feats[i] {
					z += v * r[j*nh+h] * w[j*nh+h]
				}
				y := target(x, h)
				g := sigmoid(z) - y
				if y == 1 {
					g *= o.PosWeight // positives are rare: weigh them up
				}
				bg2[h] += g * g
				bias[h] -= o.Rate * g / math.Sqrt(bg2[h]+1e-8)
				for _, j := range feats[i] {
					k := j*nh + h
					gk := g*v*r[k] + o.L2*w[k]
					g2[k] += gk * gk
					w[k] -= o.Rate * gk / math.Sqrt(g2[k]+1e-8)
				}
			}
		}
	}
	m := &Model{Bias: make([]float32, nh), Threshold: make([]float32, nh), Hashes: hs, W: make([]float32, len(hs)*nh)}
	for h := range bias {
		m.Bias[h] = float32(bias[h])
		m.Threshold[h] = 0.5
	}
	for k := range m.W {
		m.W[k] = float32(w[k] * r[k])
	}
	return m
}

// Count is a category's or a head's confusion counts.
type Count struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is 1 when nothing was flagged.
func (c Count) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is 1 when nothing was to be found.
func (c Count) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// Add adds o's counts to c.
func (c *Count) Add(o Count) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// CVResult is the cross-validated quality of one head at its threshold.
type CVResult struct {
	Head      string
	Threshold float64
	Count
}

// Train cross-validates to choose each head's threshold (the lowest that
// reaches the wanted precision on out-of-fold scores), then fits the model
// on all examples. It is deterministic for the same examples and options.
func Train(xs []Example, o TrainOptions) (*Model, []CVResult) {
	o = o.withDefaults()
	ps := make([]*Example, len(xs))
	for i := range xs {
		ps[i] = &xs[i]
		if ps[i].hashes == nil {
			ps[i].hashes = Hashes(&ps[i].In)
		}
	}
	// Out-of-fold scores. Folds hold out whole groups (writers, batches)
	// when there are enough of them, so a threshold is chosen on text by
	// writers the fold's model never saw — as on a blind batch.
	fold := assignFolds(ps, o)
	oof := make([][]float64, len(ps))
	nf := 0
	for _, f := range fold {
		nf = max(nf, f+1)
	}
	for k := 0; k < nf; k++ {
		var tr []*Example
		for i, p := range ps {
			if fold[i] != k {
				tr = append(tr, p)
			}
		}
		m := fit(tr, o)
		for i, p := range ps {
			if fold[i] == k {
				oof[i] = m.scoreHashes(p.hashes)
			}
		}
	}
	m := fit(ps, o)
	var cv []CVResult
	for h := range Heads {
		best := CVResult{Head: Heads[h], Threshold: thresholds[len(thresholds)-1]}
		found := false
		tps, toof := ps, oof
		for _, t := range thresholds {
			r := cvAt(tps, toof, h, t)
			if r.TP >= 1 && r.Precision() >= o.Precision {
				best, found = r, true
				break
			}
		}
		if !found {
			best = cvAt(tps, toof, h, best.Threshold)
		}
		if Heads[h] == "title" && best.Threshold < 0.5 {
			// A title is one short line: below even odds the head mostly
			// reads its length, not its bait.
			best = cvAt(tps, toof, h, 0.5)
		}
		m.Threshold[h] = float32(best.Threshold)
		cv = append(cv, best)
	}
	return m, cv
}

// thresholds are tried from the lowest: 0.30–0.95 by 0.01, then finer.
var thresholds = func() []float64 {
	var ts []float64
	for i := 30; i <= 95; i++ {
		ts = append(ts, float64(i)/100)
	}
	return append(ts, 0.96, 0.97, 0.98, 0.985, 0.99, 0.995)
}()

func cvAt(ps []*Example, oof [][]float64, h int, t float64) CVResult {
	r := CVResult{Head: Heads[h], Threshold: t}
	for i, p := range ps {
		lo, hi := headsOf(&p.In)
		if h < lo || h >= hi {
			continue
		}
		y, s := target(p, h) == 1, oof[i][h] >= r.Threshold
		switch {
		case y && s:
			r.TP++
		case y:
			r.FN++
		case s:
			r.FP++
		}
	}
	return r
}

func (m *Model) scoreHashes(hs []uint32) []float64 {
	z := make([]float64, len(Heads))
	for h := range z {
		z[h] = float64(m.Bias[h])
	}
	v := featScale(len(hs))
	for _, x := range hs {
		if w := m.lookup(x); w != nil {
			for h := range z {
				z[h] += v * float64(w[h])
			}
		}
	}
	for h := range z {
		z[h] = sigmoid(z[h])
	}
	return z
}

// CVTable formats cross-validation results with micro totals over the
// nine content heads.
func CVTable(cv []CVResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-13s %9s %4s %4s %4s %9s %7s\n", "head", "threshold", "tp", "fp", "fn", "precision", "recall")
	var all CVResult
	all.Head = "content"
	for _, r := range cv {
		fmt.Fprintf(&b, "%-13s %9.3f %4d %4d %4d %9.2f %7.2f\n", r.Head, r.Threshold, r.TP, r.FP, r.FN, r.Precision(), r.Recall())
		if r.Head != "ai" && r.Head != "title" {
			all.TP += r.TP
			all.FP += r.FP
			all.FN += r.FN
		}
	}
	fmt.Fprintf(&b, "%-13s %9s %4d %4d %4d %9.2f %7.2f\n", "ALL content", "", all.TP, all.FP, all.FN, all.Precision(), all.Recall())
	return b.String()
}

// Measure scores a trained model on examples at its thresholds.
func Measure(m *Model, xs []Example) []CVResult {
	ps := make([]*Example, len(xs))
	sc := make([][]float64, len(xs))
	for i := range xs {
		ps[i] = &xs[i]
		sc[i] = m.Scores(&xs[i].In)
	}
	var out []CVResult
	for h := range Heads {
		out = append(out, cvAt(ps, sc, h, float64(m.Threshold[h])))
	}
	return out
}

func assignFolds(ps []*Example, o TrainOptions) []int {
	fold := make([]int, len(ps))
	groups := map[string]int{}
	for _, p := range ps {
		groups[p.Group]++
	}
	if len(groups) >= 3 && !o.RandomFolds {
		folds := min(o.Folds, len(groups))
		// Largest groups first, each to the fold with fewest examples so far.
		names := make([]string, 0, len(groups))
		for g := range groups {
			names = append(names, g)
		}
		sort.Slice(names, func(i, j int) bool {
			if groups[names[i]] != groups[names[j]] {
				return groups[names[i]] > groups[names[j]]
			}
			return names[i] < names[j]
		})
		size := make([]int, folds)
		of := map[string]int{}
		for _, g := range names {
			k := 0
			for j := range size {
				if size[j] < size[k] {
					k = j
				}
			}
			of[g] = k
			size[k] += groups[g]
		}
		for i, p := range ps {
			fold[i] = of[p.Group]
		}
		return fold
	}
	perm := rand.New(rand.NewSource(o.Seed + 7)).Perm(len(ps))
	for i, p := range perm {
		fold[p] = i % o.Folds
	}
	return fold
}
