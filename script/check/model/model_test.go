package model

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
)

func init() { SetConcepts(assets.ModelConcepts()) }

func has(fs []feature, text string) bool {
	for _, f := range fs {
		if f.text == text {
			return true
		}
	}
	return false
}

// TestFeatures: names become placeholders, ages under 18 mark a minor, and
// a theme pairs with the frame around it.
func TestFeatures(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		want  []string
		never []string
	}{
		{"minor by name", Input{Scope: ScopeScene, Lines: []string{"阿杰：老师，我喜欢你。"}, Minors: []string{"阿杰"}},
			[]string{"minor_cast", "Ⓜ:老", "Ⓜ"}, []string{"阿杰"}},
		{"minor by age", Input{Scope: ScopeScene, Lines: []string{"△十四岁的男孩点了一根烟。"}},
			[]string{"minor_cast"}, nil},
		{"adult age", Input{Scope: ScopeScene, Lines: []string{"△三十岁的男人点了一根烟。"}},
			nil, []string{"minor_cast"}},
		{"harm enjoyed", Input{Scope: ScopeScene, Lines: []string{"△他一刀捅了过去，众人拍手叫好：痛快！"}},
			[]string{"harm", "approve", "harm+approve"}, []string{"harm+noframe"}},
		{"harm punished", Input{Scope: ScopeScene, Lines: []string{"△他一刀捅了过去。", "△警察赶到，将他逮捕。"}},
			[]string{"harm+punish", "harm+report"}, nil},
		{"theme with no frame", Input{Scope: ScopeScene, Lines: []string{"△大师掐指一算：你命中注定有血光之灾。"}},
			[]string{"super+noframe"}, nil},
		{"cast placeholder", Input{Scope: ScopeScene, Lines: []string{"顾沉：签了它。"}, Cast: []string{"顾沉"}},
			[]string{"Ⓟ:签"}, []string{"顾沉"}},
		{"digits", Input{Scope: ScopeScene, Lines: []string{"给你500万"}}, []string{"00万"}, nil},
		{"titles have their own n-grams", TextInput(ScopeTitle, "《国宝》", nil, nil), []string{"国宝", "title"}, []string{"《国"}},
	}
	for _, tt := range tests {
		fs := features(&tt.in, true)
		for _, w := range tt.want {
			if w == "title" {
				continue
			}
			if !has(fs, w) {
				t.Errorf("%s: missing feature %q", tt.name, w)
			}
		}
		for _, w := range tt.never {
			if has(fs, w) {
				t.Errorf("%s: unexpected feature %q", tt.name, w)
			}
		}
	}
}

func TestAgeOf(t *testing.T) {
	for in, want := range map[string]int{"14": 14, "十四": 14, "十": 10, "八": 8, "二十": 20, "十七": 17, "两": 2} {
		if got := ageOf(in); got != want {
			t.Errorf("ageOf(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestEmbedded: the embedded weights load, every threshold is a probability,
// and scores stay in [0,1].
func TestEmbedded(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Hashes) < 1000 {
		t.Errorf("only %d features", len(m.Hashes))
	}
	for h, th := range m.Threshold {
		if th <= 0 || th >= 1 {
			t.Errorf("%s threshold %v", Heads[h], th)
		}
	}
	in := Input{Scope: ScopeScene, Lines: []string{"△总裁把黑卡拍在桌上：这家店我买了，把她开除！"}}
	for h, s := range m.Scores(&in) {
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Errorf("%s score %v", Heads[h], s)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	m := &Model{Bias: make([]float32, len(Heads)), Threshold: make([]float32, len(Heads)),
		Hashes: []uint32{3, 70000, 4000000000}}
	for h := range Heads {
		m.Bias[h], m.Threshold[h] = float32(h)/10-0.5, 0.5+float32(h)/100
	}
	for i := range m.Hashes {
		row := make([]float32, len(Heads))
		for h := range row {
			row[h] = float32(i*len(Heads)+h)/10 - 1
		}
		m.W = append(m.W, row...)
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	d, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Hashes {
		if d.Hashes[i] != m.Hashes[i] {
			t.Fatalf("hash %d: %d != %d", i, d.Hashes[i], m.Hashes[i])
		}
		for h := range Heads {
			k := i*len(Heads) + h
			if math.Abs(float64(d.W[k]-m.W[k])) > 0.03 {
				t.Errorf("weight %d/%d: %v != %v", i, h, d.W[k], m.W[k])
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("DJM1"), []byte("XXXX\x0b"), b.Bytes()[:b.Len()-1]} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q) accepted", bad)
		}
	}
}

func FuzzScores(f *testing.F) {
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("△顾沉把林晚抵在墙上：女人，你逃不掉的。", "顾沉")
	f.Add("《国宝》", "")
	f.Add("十四岁的小宇\n\n点了一根烟", "小宇")
	f.Fuzz(func(t *testing.T, text, name string) {
		in := Input{Scope: ScopeScene, Lines: strings.Split(text, "\n"), Minors: []string{name}}
		for h, s := range m.Scores(&in) {
			if s < 0 || s > 1 || math.IsNaN(s) {
				t.Fatalf("%s score %v", Heads[h], s)
			}
			ex := m.Explain(&in, h)
			if ex.Line >= len(in.Lines) {
				t.Fatalf("line %d of %d", ex.Line, len(in.Lines))
			}
		}
	})
}

// BenchmarkLoad decodes the embedded weights and builds the lookup index
// and the concept automaton: the model's share of start-up.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		m, err := Decode(assets.ModelWeights())
		if err != nil {
			b.Fatal(err)
		}
		m.buildIndex()
		loadConcepts(assets.ModelConcepts())
	}
}

// BenchmarkScoreScene scores one six-line scene.
func BenchmarkScoreScene(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Scope: ScopeScene, Lines: []string{
		"△顾沉把一张黑卡拍在桌上。", "顾沉：（冷笑）签了它，从今天起你只属于我。", "林晚：……",
		"△门外传来脚步声，陈秘书低头走进来。", "陈秘书：顾总，车已经备好了。", "△林晚攥紧了衣角，没有说话。"}}
	for b.Loop() {
		m.Scores(&in)
	}
}
