package check

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check/corpus"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// libIndex is the Aho–Corasick library the engine used before its own
// automaton: the reference the automaton must agree with.
type libIndex struct{ ac ahocorasick.AhoCorasick }

func newLibIndex(pats []string) libIndex {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
	return libIndex{b.Build(pats)}
}

func (l libIndex) each(text []byte, fn func(pat, start, end int)) {
	it := l.ac.IterOverlappingByte(text)
	for m := it.Next(); m != nil; m = it.Next() {
		fn(m.Pattern(), m.Start(), m.End())
	}
}

func matchList(ix termIndex, text []byte) [][3]int {
	var out [][3]int
	ix.each(text, func(p, s, e int) { out = append(out, [3]int{p, s, e}) })
	return out
}

// rulePatterns are the engine's normalised term patterns.
func rulePatterns(t testing.TB) []string {
	t.Helper()
	rules, err := LoadRules(assets.Rules())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var pats []string
	for _, r := range rules {
		for _, s := range append(append([]string{}, r.Terms...), r.Allow...) {
			if n := normTerm(s); n != "" && !seen[n] {
				seen[n] = true
				pats = append(pats, n)
			}
		}
	}
	return pats
}

// TestAutomatonSmall: overlapping terms, a term inside another, terms
// sharing prefixes and suffixes, in the order the library reports them.
func TestAutomatonSmall(t *testing.T) {
	pats := []string{"战神", "战神归来", "神归", "归来", "来", "霸道总裁", "总裁", "裁", "大麻", "大麻烦", "a", "ab", "bab"}
	for _, text := range []string{"战神归来了", "霸道总裁和总裁", "大麻烦不是大麻", "ababab", "", "无关的话", "战战神神归归来来"} {
		got := matchList(newAutomaton(pats), []byte(text))
		want := matchList(newLibIndex(pats), []byte(text))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}

// TestAutomatonMatchesLibrary: on the rules' own patterns and the
// normalised text of the generated series, the corpus and the clean prose,
// the automaton reports exactly the library's matches in the same order.
func TestAutomatonMatchesLibrary(t *testing.T) {
	pats := rulePatterns(t)
	auto, lib := newAutomaton(pats), newLibIndex(pats)
	texts := append(corpusTexts(t), formattest.GenerateSeries(100, 800))
	total := 0
	for i, text := range texts {
		var b normBuf
		appendNorm(&b, text, 0)
		got, want := matchList(auto, b.s), matchList(lib, b.s)
		total += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d differs: got %d matches, want %d", i, len(got), len(want))
		}
	}
	if total < 1000 {
		t.Fatalf("only %d matches in the test texts", total)
	}
	t.Logf("%d texts, %d matches", len(texts), total)
}

// corpusTexts are every labelled scene, held-out snippet and clean prose
// file in testdata.
func corpusTexts(t testing.TB) []string {
	t.Helper()
	var out []string
	files, _ := filepath.Glob("testdata/corpus/*.tsv")
	pending, _ := filepath.Glob("testdata/pending/*.tsv")
	for _, f := range append(files, pending...) {
		xs, err := corpus.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range xs {
			out = append(out, x.Text)
		}
	}
	if tt, ok := t.(*testing.T); ok { // readTSV reports through a *testing.T
		tsvs, _ := filepath.Glob("testdata/*.tsv")
		for _, f := range tsvs {
			for _, l := range readTSV(tt, f) {
				out = append(out, l.text)
			}
		}
	}
	prose, _ := filepath.Glob("testdata/prose/*.txt")
	for _, f := range prose {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	if len(out) < 1000 {
		t.Fatalf("only %d test texts", len(out))
	}
	return out
}

// TestAutomatonSameFindings: the engine with its automaton gives exactly
// the findings it gave with the library, on the generated 100-episode
// series and on every corpus scene as a one-scene project.
func TestAutomatonSameFindings(t *testing.T) {
	fast, err := Load(assets.Rules())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fast.terms.(*automaton); !ok {
		t.Fatalf("the engine's term index is %T", fast.terms)
	}
	slow, err := Load(assets.Rules())
	if err != nil {
		t.Fatal(err)
	}
	var pats []string
	for _, refs := range slow.refs {
		pats = append(pats, normTerm(refs[0].term))
	}
	slow.terms = newLibIndex(pats)

	series, err := format.ParseChinese(formattest.GenerateSeries(100, 800))
	if err != nil {
		t.Fatal(err)
	}
	projects := []*script.Project{series}
	for _, text := range corpusTexts(t) {
		projects = append(projects, snippetProject(text, ScopeAction))
	}
	n := 0
	for i, p := range projects {
		o := Options{Lang: "zh", Now: testNow, Readers: ReadRules}
		if i == 0 {
			o.Readers = ReadAll // the model's findings depend on the rules' (vetoes)
		}
		got, want := findingLines(fast.Check(p, o)), findingLines(slow.Check(p, o))
		n += strings.Count(want, "\n")
		if got != want {
			t.Fatalf("project %d:\n got %s\nwant %s", i, got, want)
		}
	}
	t.Logf("%d projects, %d findings", len(projects), n)
}

func findingLines(r *Result) string {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%s|%s|%s\n", f.String(), f.Term, f.Message)
	}
	return b.String()
}

// FuzzAutomaton compares the automaton with the library on arbitrary
// patterns and text.
func FuzzAutomaton(f *testing.F) {
	f.Add("战神|战神归来|归来", "战神归来了")
	f.Add("a|ab|bab|b", "abababb")
	f.Fuzz(func(t *testing.T, patList, text string) {
		seen := map[string]bool{}
		var pats []string
		for _, p := range strings.Split(patList, "|") {
			if p != "" && !seen[p] {
				seen[p] = true
				pats = append(pats, p)
			}
		}
		if len(pats) == 0 {
			return
		}
		got := matchList(newAutomaton(pats), []byte(text))
		want := matchList(newLibIndex(pats), []byte(text))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pats %q text %q:\n got %v\nwant %v", pats, text, got, want)
		}
	})
}

// BenchmarkTermScan finds the rules' terms in the normalised text of the
// generated 100-episode series.
func BenchmarkTermScan(b *testing.B) {
	auto := newAutomaton(rulePatterns(b))
	var buf normBuf
	appendNorm(&buf, formattest.GenerateSeries(100, 800), 0)
	n := 0
	for b.Loop() {
		auto.each(buf.s, func(int, int, int) { n++ })
	}
	b.SetBytes(int64(len(buf.s)))
}

// TestIsHan: the fast ranges of isHan agree with unicode.Han everywhere.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= 0x3FFFF; r++ {
		if got, want := isHan(r), unicode.Is(unicode.Han, r) && r >= 0x3400; got != want {
			t.Fatalf("isHan(U+%04X) = %v, want %v", r, got, want)
		}
	}
}

// TestMinorPrefilters: the rune prefilters before reMinorNoun and
// reOtherPronoun never hide a match, on every line of the test texts.
func TestMinorPrefilters(t *testing.T) {
	n := 0
	for _, text := range append(corpusTexts(t), "8岁女孩", "十五岁的少年", "初二", "三年级", "高一的", "小朋友", "未成年", "咱妈", "我们家") {
		for _, line := range strings.Split(text, "\n") {
			if got, want := minorNoun(line), reMinorNoun.MatchString(line); got != want {
				t.Fatalf("minorNoun(%q) = %v, regexp %v", line, got, want)
			}
			if got, want := strings.ContainsAny(line, otherPronounRunes) && reOtherPronoun.MatchString(line), reOtherPronoun.MatchString(line); got != want {
				t.Fatalf("other pronoun in %q: %v, regexp %v", line, got, want)
			}
			if reMinorNoun.MatchString(line) {
				n++
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d lines name a minor", n)
	}
}

func FuzzMinorPrefilter(f *testing.F) {
	f.Add("十五岁的少年和小朋友")
	f.Fuzz(func(t *testing.T, s string) {
		if minorNoun(s) != reMinorNoun.MatchString(s) {
			t.Errorf("minorNoun(%q) differs from the regexp", s)
		}
	})
}

// BenchmarkMinorNoun is the minor-noun test over every line of the test
// texts; /regexp is the regexp alone, as before the rune prefilter.
func BenchmarkMinorNoun(b *testing.B) {
	var lines []string
	for _, text := range corpusTexts(b) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	b.Run("prefilter", func(b *testing.B) {
		for b.Loop() {
			for _, l := range lines {
				minorNoun(l)
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			for _, l := range lines {
				reMinorNoun.MatchString(l)
			}
		}
	})
}

// BenchmarkNormalize normalises the text of the generated 100-episode
// series into the offset-mapped buffer.
func BenchmarkNormalize(b *testing.B) {
	text := formattest.GenerateSeries(100, 800)
	var buf normBuf
	for b.Loop() {
		buf.reset()
		appendNorm(&buf, text, 0)
	}
	b.SetBytes(int64(len(text)))
}

// appendNormRef is appendNorm without its fast path for simplified
// ideographs: the reference it must agree with.
func appendNormRef(b *normBuf, text string, base int) {
	var tmp [4]rune
	prevHan := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if inserted(r) && prevHan {
			j := i
			for j < len(text) {
				q, qs := utf8.DecodeRuneInString(text[j:])
				if !inserted(q) {
					break
				}
				j += qs
			}
			if j < len(text) {
				if q, _ := utf8.DecodeRuneInString(text[j:]); isHan(q) {
					i = j
					continue
				}
			}
		}
		for _, x := range fold(r, tmp[:0]) {
			b.addRune(x, base+i, base+i+size)
		}
		prevHan = isHan(r)
		i += size
	}
}

func sameNorm(t *testing.T, text string) {
	var got, want normBuf
	appendNorm(&got, text, 7)
	appendNormRef(&want, text, 7)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("appendNorm(%q) differs from the reference", text)
	}
}

// TestNormalizeFastPath: the fast path changes nothing, on the test texts
// and mixed traditional, full-width and spammed text.
func TestNormalizeFastPath(t *testing.T) {
	for _, text := range append(corpusTexts(t), "一夜@暴富，霸*总！ＡＢＣ　總裁歸來", "喆\u200b劇團", "") {
		sameNorm(t, text)
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("一夜@暴富，霸*总！ＡＢＣ　總裁歸來")
	f.Fuzz(func(t *testing.T, text string) { sameNorm(t, text) })
}
