package subtitle

import (
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"

	"github.com/duanju-studio/duanju/script"
)

// MergeTranslation makes a bilingual track: each cue of main gets as its
// Translation the text of the cues of second that overlap it most in time
// (a translation cue goes to one main cue only).
func MergeTranslation(main, second *Track) *Track {
	out := main.Clone()
	out.TransLang = second.Lang
	j := 0
	for _, s := range second.Cues {
		for j < len(out.Cues) && out.Cues[j].End <= s.Start {
			j++
		}
		best, bestOv := -1, int64(0)
		for k := max(0, j-1); k < len(out.Cues) && out.Cues[k].Start < s.End; k++ {
			ov := int64(min(out.Cues[k].End, s.End) - max(out.Cues[k].Start, s.Start))
			if ov > bestOv {
				best, bestOv = k, int64(ov)
			}
		}
		if best >= 0 {
			c := &out.Cues[best]
			c.Translation = append(c.Translation, s.Lines...)
			if c.Status == StatusEstimated || c.Status == StatusTimed || c.Status == "" {
				c.Status = StatusTranslated
			}
		}
	}
	return out
}

var (
	t2s     *opencc.OpenCC
	t2sOnce sync.Once
)

// DetectLang guesses a track's language from its text: the script that
// dominates (Han → zh-Hans or zh-Hant, kana → ja, Hangul → ko, Thai, Arabic),
// else "en".
func DetectLang(cues []Cue) string {
	var han, kana, hangul, thai, arabic, latin int
	var sample []rune
	for _, c := range cues {
		for _, l := range c.Lines {
			for _, r := range l {
				switch {
				case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
					kana++
				case unicode.Is(unicode.Han, r):
					han++
					if len(sample) < 400 {
						sample = append(sample, r)
					}
				case unicode.Is(unicode.Hangul, r):
					hangul++
				case unicode.Is(unicode.Thai, r):
					thai++
				case unicode.Is(unicode.Arabic, r):
					arabic++
				case unicode.IsLetter(r):
					latin++
				}
			}
		}
	}
	switch m := max(han, kana, hangul, thai, arabic, latin); {
	case m == 0:
		return "zh-Hans"
	case kana > 0 && kana*5 >= han:
		return "ja"
	case m == han:
		if isTraditional(string(sample)) {
			return "zh-Hant"
		}
		return "zh-Hans"
	case m == hangul:
		return "ko"
	case m == thai:
		return "th"
	case m == arabic:
		return "ar"
	}
	return "en"
}

// isTraditional reports text that changes when converted to simplified.
func isTraditional(s string) bool {
	t2sOnce.Do(func() { t2s, _ = opencc.New("t2s") })
	if t2s == nil {
		return false
	}
	out, err := t2s.Convert(s)
	if err != nil {
		return false
	}
	diff := 0
	a, b := []rune(s), []rune(out)
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff*20 > len(a)
}

// DetectScriptLang guesses the language of a project's dialogue when the
// project does not say (Meta.Language): a Fountain script is usually not
// Chinese.
func DetectScriptLang(p *script.Project) string {
	if p == nil {
		return "zh-Hans"
	}
	if p.Meta.Language != "" {
		return p.Meta.Language
	}
	var cues []Cue
	n := 0
	for _, ep := range p.Episodes {
		for _, l := range ScriptLines(ep) {
			cues = append(cues, Cue{Lines: []string{l.Text}})
			if n += len(l.Text); n > 4000 {
				return DetectLang(cues)
			}
		}
	}
	return DetectLang(cues)
}
