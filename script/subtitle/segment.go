package subtitle

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The Chinese word list (see zhdict/README.md). Loading it takes about a
// second, so it happens on first use, once; WarmSegmenter starts it early.
//
//go:embed zhdict/words.txt.gz
var zhWordsGz []byte

var (
	segOnce sync.Once
	segZh   *gse.Segmenter
)

func segmenter() *gse.Segmenter {
	segOnce.Do(func() {
		r, err := gzip.NewReader(bytes.NewReader(zhWordsGz))
		if err != nil {
			return // no segmenter: breaking falls back to punctuation only
		}
		words, err := io.ReadAll(r)
		if err != nil {
			return
		}
		s := &gse.Segmenter{SkipLog: true}
		if err := s.LoadDictStr(string(words)); err != nil {
			return
		}
		segZh = s
	})
	return segZh
}

// WarmSegmenter loads the Chinese word list in the background so that the
// first line break does not wait for it. Safe to call more than once.
func WarmSegmenter() { go segmenter() }

// boundParticles are one-character words that lean on the word before them:
// a line must not start with them (医院|里, 走|了, 好|吗).
const boundParticles = "的了着过们吗呢吧啊呀嘛啦哇么里上下中内外边前后地得"

// wordCuts says, for each rune index i of rs (0 < i < len(rs)), whether a
// line may be cut between rs[i-1] and rs[i] as far as words go: false
// inside a Chinese word and before a bound particle. It is nil when rs has
// no Han characters or no segmenter is available (then any cut is allowed).
func wordCuts(rs []rune) []bool {
	han := false
	for _, r := range rs {
		if isHan(r) {
			han = true
			break
		}
	}
	if !han {
		return nil
	}
	s := segmenter()
	if s == nil {
		return nil
	}
	text := string(rs)
	words := s.Cut(text, true)
	if strings.Join(words, "") != text {
		return nil // the segmenter changed the text: do not trust its cuts
	}
	ok := make([]bool, len(rs)+1)
	at := 0
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if at > 0 && !(n == 1 && strings.Contains(boundParticles, w)) {
			ok[at] = true
		}
		at += n
	}
	ok[len(rs)] = true
	return ok
}
