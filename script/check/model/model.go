package model

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/duanju-studio/duanju/assets"
)

// Heads are the categories the model scores: the nine content categories,
// the raw-AI-text category and the title (scored on titles only).
var Heads = []string{"bazong", "money", "stereotype", "violence", "vulgar", "minors", "history", "superstition", "sensitive", "ai", "title"}

// HeadIndex returns the index of a head, or -1.
func HeadIndex(name string) int {
	for i, h := range Heads {
		if h == name {
			return i
		}
	}
	return -1
}

// TitleHead is the index of the title head.
var TitleHead = HeadIndex("title")

// Model is a trained linear model: sorted feature hashes with one weight per
// head, a bias and a threshold per head.
type Model struct {
	Bias      []float32
	Threshold []float32
	Hashes    []uint32  // sorted
	W         []float32 // weights: feature i, head h at i*len(Heads)+h

	indexOnce sync.Once
	index     []int32 // first feature of each top-bits bucket
}

const magic = "DJM1"

// Encode writes the model: weights are quantised to int8 per head (scale =
// max |w| / 127), which keeps the embedded file small.
func (m *Model) Encode(w io.Writer) error {
	nh := len(Heads)
	var b bytes.Buffer
	b.WriteString(magic)
	le := binary.LittleEndian
	put := func(v any) { _ = binary.Write(&b, le, v) }
	put(uint8(nh))
	scale := make([]float32, nh)
	for k, v := range m.W {
		if a := float32(math.Abs(float64(v))); a > scale[k%nh] {
			scale[k%nh] = a
		}
	}
	for h := 0; h < nh; h++ {
		scale[h] /= 127
		if scale[h] == 0 {
			scale[h] = 1
		}
		put(m.Bias[h])
		put(m.Threshold[h])
		put(scale[h])
	}
	put(uint32(len(m.Hashes)))
	prev := uint32(0)
	var tmp [binary.MaxVarintLen32]byte
	for _, h := range m.Hashes {
		n := binary.PutUvarint(tmp[:], uint64(h-prev))
		b.Write(tmp[:n])
		prev = h
	}
	q := make([]byte, nh)
	for i := range m.Hashes {
		for h, v := range m.W[i*nh : (i+1)*nh] {
			x := math.Round(float64(v / scale[h]))
			q[h] = byte(int8(math.Max(-127, math.Min(127, x))))
		}
		b.Write(q)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Decode reads a model written by Encode.
func Decode(data []byte) (*Model, error) {
	if len(data) < 5 || string(data[:4]) != magic {
		return nil, errors.New("model: not a model file")
	}
	r := bytes.NewReader(data[4:])
	le := binary.LittleEndian
	var nh uint8
	if err := binary.Read(r, le, &nh); err != nil || int(nh) != len(Heads) {
		return nil, fmt.Errorf("model: %d heads, want %d", nh, len(Heads))
	}
	m := &Model{Bias: make([]float32, nh), Threshold: make([]float32, nh)}
	scale := make([]float32, nh)
	for h := 0; h < int(nh); h++ {
		for _, p := range []*float32{&m.Bias[h], &m.Threshold[h], &scale[h]} {
			if err := binary.Read(r, le, p); err != nil {
				return nil, fmt.Errorf("model: header: %v", err)
			}
		}
	}
	var n uint32
	if err := binary.Read(r, le, &n); err != nil || int(n) > r.Len() {
		return nil, errors.New("model: bad feature count")
	}
	rest := data[len(data)-r.Len():]
	m.Hashes = make([]uint32, n)
	prev := uint64(0)
	for i := range m.Hashes {
		d, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, errors.New("model: bad hashes")
		}
		rest = rest[k:]
		prev += d
		m.Hashes[i] = uint32(prev)
	}
	if len(rest) != int(n)*int(nh) {
		return nil, errors.New("model: weights truncated")
	}
	m.W = make([]float32, len(rest))
	// Row by row with the scales in hand: no division per weight (this
	// loop is most of the model's start-up).
	k := int(nh)
	for i := 0; i+k <= len(rest); i += k {
		row, out := rest[i:i+k], m.W[i:i+k]
		for h, c := range row {
			out[h] = float32(int8(c)) * scale[h]
		}
	}
	return m, nil
}

var (
	defOnce sync.Once
	defM    *Model
	defErr  error
)

// Default is the embedded model, decoded on first use.
func Default() (*Model, error) {
	defOnce.Do(func() {
		lexData = assets.ModelConcepts()
		defM, defErr = Decode(assets.ModelWeights())
	})
	return defM, defErr
}

// Use replaces the embedded weights with data (a file written by train),
// for measuring a candidate model with script/check/eval. Call it before
// the first check.
func Use(data []byte) error {
	m, err := Decode(data)
	if err != nil {
		return err
	}
	defOnce.Do(func() {})
	lexData = assets.ModelConcepts()
	defM, defErr = m, nil
	return nil
}

// SetConcepts sets the concept lexicon (for training, before any scoring).
func SetConcepts(data []byte) { lexData = data }

func (m *Model) lookup(h uint32) []float32 {
	m.indexOnce.Do(m.buildIndex)
	b := h >> (32 - indexBits)
	for i := m.index[b]; i < m.index[b+1]; i++ {
		if m.Hashes[i] == h {
			nh := len(Heads)
			return m.W[int(i)*nh : (int(i)+1)*nh]
		}
	}
	return nil
}

// indexBits: the lookup index splits the sorted hashes by their top bits,
// so a lookup scans a bucket of about one entry.
const indexBits = 16

func (m *Model) buildIndex() {
	m.index = make([]int32, 1<<indexBits+1)
	j := 0
	for b := 0; b <= 1<<indexBits; b++ {
		for j < len(m.Hashes) && int(m.Hashes[j]>>(32-indexBits)) < b {
			j++
		}
		m.index[b] = int32(j)
	}
}

// Scores returns each head's probability for the input. Content heads are
// meaningful on scenes and synopses, the title head on titles.
func (m *Model) Scores(in *Input) []float64 { return m.Read(in).Scores }

// Reading is what the model makes of an input: each head's probability
// and whether the input puts a counter-frame on its theme (it is punished,
// reported, criticised, remembered or shown as custom).
type Reading struct {
	Scores        []float64
	CounterFramed bool
}

// Read scores an input.
func (m *Model) Read(in *Input) Reading {
	buf := hashPool.Get().(*[]uint32)
	hs, counter := hashesOf(in, *buf)
	z := m.scoreHashes(hs)
	*buf = hs
	hashPool.Put(buf)
	return Reading{z, counter}
}

var hashPool = sync.Pool{New: func() any { s := make([]uint32, 0, 2048); return &s }}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// featScale is the value of each present feature of an input with n
// features: 1 for short texts, falling as 1/√n for long scenes, so that a
// scene's score does not grow with its length.
func featScale(n int) float64 {
	if n <= scaleLen {
		return 1
	}
	return math.Sqrt(float64(scaleLen) / float64(n))
}

const scaleLen = 150

// Explanation says why a head fired: the line that weighed most (-1 when
// the input has no lines) and the features that weighed most.
type Explanation struct {
	Line     int
	Evidence []string
}

// Explain finds the most responsible line and the top evidence of head h.
func (m *Model) Explain(in *Input, h int) Explanation {
	fs := features(in, true)
	type contrib struct {
		text string
		line int
		w    float64
	}
	var cs []contrib
	perLine := make([]float64, len(in.Lines))
	for _, f := range fs {
		w := m.lookup(f.h)
		if w == nil || w[h] <= 0 {
			continue
		}
		cs = append(cs, contrib{f.text, f.line, float64(w[h])})
		if f.line >= 0 {
			perLine[f.line] += float64(w[h])
		}
	}
	ex := Explanation{Line: -1}
	best := 0.0
	for i, v := range perLine {
		if v > best {
			best, ex.Line = v, i
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].w > cs[j].w })
	for _, c := range cs {
		if len(ex.Evidence) == 5 {
			break
		}
		t := c.text
		if strings.ContainsAny(t, "ⓂⓅ") {
			t = strings.NewReplacer("Ⓜ", "〈未成年〉", "Ⓟ", "〈人物〉").Replace(t)
		}
		dup := false
		for _, e := range ex.Evidence {
			if strings.Contains(e, t) || strings.Contains(t, e) {
				dup = true
			}
		}
		if !dup && len([]rune(t)) > 1 || !dup && strings.Contains(c.text, "+") {
			ex.Evidence = append(ex.Evidence, t)
		}
	}
	return ex
}
