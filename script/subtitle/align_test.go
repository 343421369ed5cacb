package subtitle

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// homophones groups common characters by toneless pinyin: what a
// recogniser writes instead of the script's character.
var homophones = func() map[rune][]rune {
	by := map[string][]rune{}
	for _, r := range commonHan {
		if py := pinyin.SinglePinyin(r, pinyin.NewArgs()); len(py) > 0 {
			by[py[0]] = append(by[py[0]], r)
		}
	}
	out := map[rune][]rune{}
	for _, rs := range by {
		if len(rs) < 2 {
			continue
		}
		for _, r := range rs {
			out[r] = rs
		}
	}
	return out
}()

// asrCase is a recognised cue and what alignment should make of it.
type asrCase struct {
	cue     Cue
	want    string // the script's exact text ("" = must stay unmatched)
	speaker string
	extra   bool
}

// corrupt turns the generated (true) cues of an episode into what a
// recogniser produces: homophones and dropped/garbled characters, no
// punctuation, cues split and merged at other places, cues dropped, and
// noise cues added. It returns the recognised cues with their expected
// aligned texts, and how many cues were dropped.
func corrupt(rng *rand.Rand, truth []Cue) ([]asrCase, int) {
	garble := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case !unicode.IsLetter(r) && !unicode.IsNumber(r):
				// recognisers give no punctuation
			case rng.Float64() < 0.12 && len(homophones[r]) > 1:
				h := homophones[r]
				b.WriteRune(h[rng.IntN(len(h))])
			case rng.Float64() < 0.03:
				// dropped character
			case rng.Float64() < 0.03:
				b.WriteRune(r)
				b.WriteRune('啊')
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	var out []asrCase
	dropped := 0
	noise := []string{"嗯嗯", "音乐", "哈哈哈", "那个那个", "咳咳"}
	for i := 0; i < len(truth); i++ {
		c := truth[i]
		want, speaker := c.Text(), c.Speaker
		c.Speaker, c.Source = "", nil // recognisers know neither
		switch x := rng.Float64(); {
		case x < 0.05:
			dropped++
			continue
		case x < 0.13 && i+1 < len(truth): // merged with the next cue
			n := truth[i+1]
			c.End = n.End
			want = want + "|" + n.Text()
			c.Lines = []string{garble(c.Text()) + garble(n.Text())}
			out = append(out, asrCase{cue: c, want: want, speaker: speaker})
			i++
			continue
		case x < 0.21 && len([]rune(wordsOnly(want))) >= 8: // split elsewhere
			w := []rune(wordsOnly(want))
			k := 3 + rng.IntN(len(w)-5)
			first, second := cutAtWord(want, k)
			mid := c.Start + c.Duration()/2
			a, b := c, c
			a.End, b.Start = mid, mid+80*1e6
			a.Lines, b.Lines = []string{garble(first)}, []string{garble(second)}
			out = append(out, asrCase{cue: a, want: first, speaker: speaker}, asrCase{cue: b, want: second, speaker: speaker})
			continue
		}
		c.Lines = []string{garble(want)}
		out = append(out, asrCase{cue: c, want: want, speaker: speaker})
		if rng.Float64() < 0.05 {
			out = append(out, asrCase{cue: Cue{Start: c.End, End: c.End + 500*1e6, Lines: []string{noise[rng.IntN(len(noise))]}}, extra: true})
		}
	}
	return out, dropped
}

// cutAtWord cuts text after its k-th letter or digit; the punctuation that
// follows goes with the first part, as alignment does.
func cutAtWord(text string, k int) (string, string) {
	n := 0
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
			if n == k {
				j := i + len(string(r))
				j = tailOffset(text, j)
				return text[:j], text[j:]
			}
		}
	}
	return text, ""
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '|' || r == '-' {
			return -1
		}
		return r
	}, s)
}

func alignCorpus(t testing.TB) []*script.Project {
	ps := []*script.Project{fixture(t)}
	if demo := assets.DemoScript(); demo != "" {
		p, err := format.ParseChinese(demo)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

func TestAlignAccuracy(t *testing.T) {
	prof := mustProfile(t, "zh-Hans", "")
	rng := rand.New(rand.NewPCG(7, 11))
	var total, correct, extras, extrasOK, dropped, reported int
	for round := 0; round < 3; round++ {
		for _, p := range alignCorpus(t) {
			for _, ep := range p.Episodes {
				lines := ScriptLines(ep)
				truth := Generate(p, ep, prof).Cues
				cases, drop := corrupt(rng, truth)
				dropped += drop
				tr := &Track{Lang: "zh-Hans"}
				for _, c := range cases {
					tr.Cues = append(tr.Cues, c.cue)
				}
				res, err := Align(tr, lines, prof)
				if err != nil {
					t.Fatal(err)
				}
				unmatched := map[int]bool{}
				for _, i := range res.UnmatchedCues {
					unmatched[i] = true
				}
				reported += len(res.UnmatchedLines) + len(res.Missing)
				for i, c := range cases {
					total++
					got := res.Track.Cues[i]
					if c.extra {
						extras++
						if unmatched[i] {
							correct++
							extrasOK++
						} else if testing.Verbose() {
							t.Logf("noise cue %q matched as %q", c.cue.Text(), got.Text())
						}
						continue
					}
					if !unmatched[i] && squash(strings.Join(got.Lines, "")) == squash(c.want) && got.Speaker == c.speaker {
						correct++
					} else if testing.Verbose() {
						t.Logf("ep %d cue %d: asr %q → %q (unmatched %v), want %q", ep.Number, i+1, c.cue.Text(), JoinLines(got.Lines), unmatched[i], c.want)
					}
				}
			}
		}
	}
	acc := float64(correct) / float64(total)
	t.Logf("alignment: %d/%d cues correct (%.1f%%); noise cues reported %d/%d; %d cues dropped, %d unmatched lines or missing pieces reported",
		correct, total, 100*acc, extrasOK, extras, dropped, reported)
	if acc < 0.95 {
		t.Errorf("cue-level accuracy %.1f%% < 95%%", 100*acc)
	}
}

func TestAlignExactCopy(t *testing.T) {
	p := fixture(t)
	prof := mustProfile(t, "zh-Hans", "")
	ep := p.Episodes[0]
	tr := Generate(p, ep, prof)
	res, err := Align(tr, ScriptLines(ep), prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.UnmatchedCues) != 0 || len(res.UnmatchedLines) != 0 {
		t.Fatalf("unmatched %v / %v", res.UnmatchedCues, res.UnmatchedLines)
	}
	for i, c := range res.Track.Cues {
		if c.Text() != tr.Cues[i].Text() || c.Speaker != tr.Cues[i].Speaker {
			t.Errorf("cue %d: %q (%s), want %q (%s)", i+1, c.Text(), c.Speaker, tr.Cues[i].Text(), tr.Cues[i].Speaker)
		}
	}
}
