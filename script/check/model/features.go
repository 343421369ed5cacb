// Package model is the learned reader of the self-check: a linear model
// (one logistic head per category) over hashed character n-grams of each
// line and concept features (a harm, a sum of money, a power title, a
// minor …, and the frame around them: approved, punished, reported,
// criticised, remembered as history, shown as custom). It is trained
// offline by script/check/train; the weights are embedded in assets/model.
// Pure Go, no cgo, and it never imports script/check (which imports it).
package model

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/duanju-studio/duanju/script"
)

// Scopes of an input.
const (
	ScopeScene    = "scene"
	ScopeTitle    = "title"
	ScopeSynopsis = "synopsis"
)

// Input is one unit the model reads: a scene (its lines), a title or a
// synopsis.
type Input struct {
	Scope   string
	Context string        // the scene heading: features only, never anchored
	Lines   []string      // the text of each line
	Spans   []script.Span // where each line is in the episode body (scenes only)
	Minors  []string      // names of minor characters
	Cast    []string      // names of the other characters
}

// SceneInput is the model input of one parsed scene of body.
func SceneInput(body string, sc *script.Scene, minors, cast []string) Input {
	in := Input{Scope: ScopeScene, Context: sc.Location, Minors: minors, Cast: cast}
	for _, c := range sc.Cast {
		for _, m := range minors {
			if m != "" && strings.Contains(c, m) {
				in.Context += " Ⓜ"
			}
		}
	}
	for _, l := range sc.Lines {
		switch l.Kind {
		case script.LineTransition, script.LineNote:
			continue
		}
		if l.Span.Start < 0 || l.Span.End > len(body) || l.Span.Start >= l.Span.End {
			continue
		}
		in.Lines = append(in.Lines, body[l.Span.Start:l.Span.End])
		in.Spans = append(in.Spans, l.Span)
	}
	return in
}

// CastOf splits a project's characters into minors and the rest.
func CastOf(p *script.Project) (minors, cast []string) {
	for _, c := range p.Characters {
		for _, n := range c.Names() {
			if len([]rune(n)) < 2 {
				continue
			}
			if c.Minor() {
				minors = append(minors, n)
			} else {
				cast = append(cast, n)
			}
		}
	}
	return minors, cast
}

// feature is one hashed feature of an input; line is the line it came from
// (-1 for scene-level features) and text what it stands for (for evidence).
type feature struct {
	h    uint32
	line int
	text string
}

func hashStr(kind byte, s string) uint32 {
	h := uint32(2166136261)
	h ^= uint32(kind)
	h *= 16777619
	return hashMore(h, s)
}

// hashMore continues an FNV-1a hash over s.
func hashMore(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// concepts is the parsed lexicon: each automaton pattern's concept ids.
type concepts struct {
	names   []string
	frame   []bool // frame concepts (approve, punish …) vs theme concepts
	counter []bool // frame concepts that make a theme clean (punish, report …)
	// Words are found by walking the normalised text rune by rune from each
	// position while the hash is a prefix of some word: a map lookup or two
	// per position, no automaton to build.
	words  map[uint32][]int // hash of a whole word → concept ids
	prefix map[uint32]bool  // hash of a proper prefix of some word
}

const wordKind = 'w'

// normWord normalises a lexicon word like normLine normalises text.
func normWord(w string) string { return normLine(w, &Input{}) }

var (
	lexOnce sync.Once
	lex     *concepts
	lexData []byte // set by Load before first use
)

func loadConcepts(data []byte) *concepts {
	c := &concepts{words: map[uint32][]int{}, prefix: map[uint32]bool{}}
	frame := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "# kind frame") {
			frame = true
		}
		if line == "" || line[0] == '#' {
			continue
		}
		name, words, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		id := len(c.names)
		c.names = append(c.names, strings.TrimSpace(name))
		c.frame = append(c.frame, frame)
		for _, w := range strings.Fields(words) {
			w = normWord(w)
			if w == "" || strings.ContainsRune(w, '0') {
				continue // digits are normalised away
			}
			h := hashStr(wordKind, "")
			for i, r := range w {
				if i > 0 {
					c.prefix[h] = true
				}
				h = hashMore(h, string(r))
			}
			if !slices.Contains(c.words[h], id) {
				c.words[h] = append(c.words[h], id)
			}
		}
	}
	for _, n := range c.names {
		c.counter = append(c.counter, counterFrames[n])
	}
	return c
}

var (
	reOnce sync.Once
	reAge  *regexp.Regexp
)

// ageOf reads "14岁", "十四岁", "14 岁".
func ageOf(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digits := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
		} else if d, ok := digits[r]; ok {
			cur = d
		}
	}
	return n + cur
}

// normLine prepares a line for n-grams: names become placeholders (Ⓜ a
// minor, Ⓟ anyone else), digits become 0, ASCII is lowered, spaces go.
func normLine(s string, in *Input) string {
	for _, m := range in.Minors {
		if m != "" && strings.Contains(s, m) {
			s = strings.ReplaceAll(s, m, "Ⓜ")
		}
	}
	for _, c := range in.Cast {
		if c != "" && strings.Contains(s, c) {
			s = strings.ReplaceAll(s, c, "Ⓟ")
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			b.WriteRune('0')
		case unicode.IsSpace(r), r == '△':
		case r < 128:
			b.WriteRune(unicode.ToLower(r))
		case r == '：':
			b.WriteRune(':')
		case r == '，':
			b.WriteRune(',')
		case r == '！':
			b.WriteRune('!')
		case r == '？':
			b.WriteRune('?')
		case r == '（':
			b.WriteRune('(')
		case r == '）':
			b.WriteRune(')')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// features extracts the features of an input with the line and text each
// came from (for explanations), every occurrence.
func features(in *Input, withText bool) []feature {
	var out []feature
	walk(in, func(h uint32, s string, line int) {
		f := feature{h: h, line: line}
		if withText {
			f.text = s
		}
		out = append(out, f)
	})
	return out
}

// hashesOf is the set of an input's feature hashes (the fast path of
// scoring and training: features are present or not), in first-seen order,
// and whether the input has a counter-frame (see Reading).
func hashesOf(in *Input, buf []uint32) ([]uint32, bool) {
	set := setPool.Get().(*hashSet)
	defer setPool.Put(set)
	set.reset()
	hs := buf[:0]
	counter := walk(in, func(h uint32, _ string, _ int) {
		if set.add(h) {
			hs = append(hs, h)
		}
	})
	return hs, counter
}

// hashSet is an open-addressing set of hashes, cleared in O(1) by a
// generation stamp; it grows when half full.
type hashSet struct {
	keys []uint32
	gen  []uint32
	cur  uint32
	n    int
}

var setPool = sync.Pool{New: func() any { return &hashSet{keys: make([]uint32, 4096), gen: make([]uint32, 4096)} }}

func (s *hashSet) reset() {
	s.cur++
	s.n = 0
	if s.cur == 0 { // wrapped: clear the stamps
		clear(s.gen)
		s.cur = 1
	}
}

func (s *hashSet) add(h uint32) bool {
	if 2*(s.n+1) > len(s.keys) {
		s.grow()
	}
	mask := uint32(len(s.keys) - 1)
	for i := (h * 2654435761) & mask; ; i = (i + 1) & mask {
		if s.gen[i] != s.cur {
			s.gen[i], s.keys[i] = s.cur, h
			s.n++
			return true
		}
		if s.keys[i] == h {
			return false
		}
	}
}

func (s *hashSet) grow() {
	old, oldGen, cur := s.keys, s.gen, s.cur
	s.keys, s.gen, s.cur, s.n = make([]uint32, 2*len(old)), make([]uint32, 2*len(old)), 1, 0
	for i, g := range oldGen {
		if g == cur {
			s.add(old[i])
		}
	}
}

// walk emits every feature of an input (possibly more than once) with its
// hash, its text and its line.
func walk(in *Input, emit func(h uint32, s string, line int)) (counter bool) {
	add := func(kind byte, s string, line int) { emit(hashStr(kind, s), s, line) }
	lexOnce.Do(func() { lex = loadConcepts(lexData) })
	reOnce.Do(func() {
		reAge = regexp.MustCompile(`(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*岁`)
	})
	scope := in.Scope
	add('s', scope, -1)
	var kind byte = 'n'
	if scope == ScopeTitle {
		kind = 't' // titles have their own n-gram space: 《》-bait reads differently
	}
	present := make([]bool, len(lex.names))
	minor := false
	var off []int
	for li, raw := range in.Lines {
		s := normLine(raw, in)
		if strings.ContainsRune(s, 'Ⓜ') {
			minor = true
		}
		off = off[:0]
		for i := range s {
			off = append(off, i)
		}
		off = append(off, len(s))
		nr := len(off) - 1
		// The hash of an n-gram continues the hash of its (n-1)-gram prefix.
		for i := 0; i < nr; i++ {
			h := hashStr(kind, "")
			for n := 1; n <= nMax && i+n <= nr; n++ {
				h = hashMore(h, s[off[i+n-1]:off[i+n]])
				g := s[off[i]:off[i+n]]
				if n < nMin || n == 1 && (g == "," || g == ":" || g == "。") {
					continue
				}
				emit(h, g, li)
			}
		}
		for i := 0; i < nr; i++ {
			h := hashStr(wordKind, "")
			for n := 1; i+n <= nr; n++ {
				h = hashMore(h, s[off[i+n-1]:off[i+n]])
				for _, id := range lex.words[h] {
					present[id] = true
				}
				if !lex.prefix[h] {
					break
				}
			}
		}
		if !strings.Contains(raw, "岁") {
			continue
		}
		for _, m := range reAge.FindAllStringSubmatch(raw, -1) {
			if a := ageOf(m[1]); a > 0 && a < 18 {
				minor = true
			}
		}
	}
	if strings.ContainsRune(in.Context, 'Ⓜ') {
		minor = true
	}
	for _, w := range strings.Fields(in.Context) {
		add('c', w, -1)
	}
	if minor {
		add('k', "minor_cast", -1)
	}
	var themes, frames []string
	for id, ok := range present {
		if !ok {
			continue
		}
		counter = counter || lex.counter[id]
		add('k', lex.names[id], -1)
		if lex.frame[id] {
			frames = append(frames, lex.names[id])
		} else {
			themes = append(themes, lex.names[id])
		}
	}
	if minor {
		themes = append(themes, "minor_cast")
	}
	for _, t := range themes {
		if len(frames) == 0 {
			add('k', t+"+noframe", -1)
		}
		for _, f := range frames {
			add('k', t+"+"+f, -1)
		}
		for _, u := range themes {
			if u > t {
				add('k', t+"&"+u, -1)
			}
		}
	}
	return counter
}

// TextInput is the model input of a title or a synopsis. A title is read
// without its 《》, which it may or may not be written with.
func TextInput(scope, text string, minors, cast []string) Input {
	if scope == ScopeTitle {
		text = strings.TrimSpace(strings.NewReplacer("《", "", "》", "").Replace(text))
	}
	return Input{Scope: scope, Lines: []string{text}, Minors: minors, Cast: cast}
}

// Hashes are the feature hashes of an input, for training.
func Hashes(in *Input) []uint32 {
	hs, _ := hashesOf(in, nil)
	return hs
}

// The n-gram lengths of line features (2–4 and 2–3 measured worse across
// writers).
const nMin, nMax = 1, 3

// counterFrames are the frame concepts that turn a theme into a clean
// scene: it is punished, reported, criticised, remembered or custom.
var counterFrames = map[string]bool{"punish": true, "report": true, "criticise": true, "remember": true, "custom": true}
