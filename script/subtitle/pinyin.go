package subtitle

import (
	"strings"
	"sync"
	"unicode"

	"github.com/duanju-studio/duanju/script/pinyin"
)

// Sound keys let alignment see through recognition errors: a recogniser
// writes a homophone (在/再, 他/她/它) or a near-homophone (z/zh, n/l,
// in/ing) where the script has the right character.

var (
	soundMu    sync.RWMutex
	soundCache = map[rune][2]int32{} // rune → {syllable id, fuzzy id}
	syllables  = map[string]int32{}
)

func syllableID(s string) int32 {
	id, ok := syllables[s]
	if !ok {
		id = int32(len(syllables) + 1)
		syllables[s] = id
	}
	return id
}

// fuzzy folds the distinctions recognisers (and southern speakers) blur.
func fuzzy(py string) string {
	for _, p := range [][2]string{{"zh", "z"}, {"ch", "c"}, {"sh", "s"}} {
		if strings.HasPrefix(py, p[0]) {
			py = p[1] + py[len(p[0]):]
		}
	}
	if strings.HasPrefix(py, "n") && !strings.HasPrefix(py, "ng") {
		py = "l" + py[1:]
	}
	for _, p := range [][2]string{{"ing", "in"}, {"eng", "en"}, {"ang", "an"}} {
		if strings.HasSuffix(py, p[0]) {
			py = py[:len(py)-len(p[0])] + p[1]
		}
	}
	return py
}

// sound returns the syllable and fuzzy-syllable ids of a Han character
// (0, 0 for anything else).
func sound(r rune) (int32, int32) {
	if !unicode.Is(unicode.Han, r) {
		return 0, 0
	}
	soundMu.RLock()
	v, ok := soundCache[r]
	soundMu.RUnlock()
	if ok {
		return v[0], v[1]
	}
	py := pinyin.Syllable(r)
	soundMu.Lock()
	defer soundMu.Unlock()
	if py == "" {
		v = [2]int32{-int32(r), -int32(r)}
	} else {
		v = [2]int32{syllableID(py), syllableID("~" + fuzzy(py))}
	}
	soundCache[r] = v
	return v[0], v[1]
}
