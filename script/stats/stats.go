// Package stats computes per-episode and series statistics of a parsed
// project: scenes, speakers and their share, dialogue and action characters,
// markers and the estimated duration.
package stats

import (
	"sort"
	"unicode"

	"github.com/duanju-studio/duanju/script"
)

// Episode holds one episode's numbers. JSON keys are the CLI's --json contract.
type Episode struct {
	Number        int       `json:"number"`
	Title         string    `json:"title"`
	Scenes        int       `json:"scenes"`
	DialogueChars int       `json:"dialogue_chars"`
	ActionChars   int       `json:"action_chars"`
	Seconds       float64   `json:"seconds"`
	Speakers      []Speaker `json:"speakers"`
	Markers       []string  `json:"markers"`
}

// Speaker is one speaker's share of an episode's dialogue.
type Speaker struct {
	Name  string  `json:"name"`
	Lines int     `json:"lines"`
	Chars int     `json:"chars"`
	Share float64 `json:"share"` // of the episode's dialogue characters
}

// Totals are the series totals.
type Totals struct {
	Episodes   int     `json:"episodes"`
	Scenes     int     `json:"scenes"`
	Seconds    float64 `json:"seconds"`
	Characters int     `json:"characters"` // spoken + action characters
}

// Series is the stats of a whole project.
type Series struct {
	Title    string    `json:"title"`
	Episodes []Episode `json:"episodes"`
	Totals   Totals    `json:"totals"`
}

// Compute returns the stats of every episode and the totals.
func Compute(p *script.Project) Series {
	set := p.Settings.Effective()
	s := Series{Title: p.Meta.Title, Episodes: make([]Episode, 0, len(p.Episodes))}
	for _, e := range p.Episodes {
		es := ForEpisode(e, set)
		s.Episodes = append(s.Episodes, es)
		s.Totals.Episodes++
		s.Totals.Scenes += es.Scenes
		s.Totals.Seconds += es.Seconds
		s.Totals.Characters += es.DialogueChars + es.ActionChars
	}
	s.Totals.Seconds = round1(s.Totals.Seconds)
	return s
}

// ForEpisode computes one episode's stats with the given (effective) settings.
func ForEpisode(e *script.Episode, set script.Settings) Episode {
	out := Episode{Number: e.Number, Title: e.Title, Speakers: []Speaker{}, Markers: []string{}}
	idx := map[string]int{}
	secs := 0.0
	for _, sc := range e.Scenes {
		if sc.Number != "" || sc.Location != "" {
			out.Scenes++
		}
		for _, l := range sc.Lines {
			switch l.Kind {
			case script.LineDialogue:
				n, pauses := Spoken(l.Text, set)
				out.DialogueChars += n
				secs += float64(n)/set.SpeechRate + pauses + script.DefaultLineBeat
				i, ok := idx[l.Speaker]
				if !ok {
					i = len(out.Speakers)
					idx[l.Speaker] = i
					out.Speakers = append(out.Speakers, Speaker{Name: l.Speaker})
				}
				out.Speakers[i].Lines++
				out.Speakers[i].Chars += n
			case script.LineAction:
				n, _ := Spoken(l.Text, set)
				out.ActionChars += n
				secs += float64(n)/set.ActionRate + script.DefaultLineBeat
			case script.LineMarker:
				out.Markers = append(out.Markers, string(l.Marker))
				// A marker's text is usually a line heard or seen on screen.
				n, _ := Spoken(l.Text, set)
				out.ActionChars += n
				secs += float64(n) / set.ActionRate
			case script.LineCue:
				if l.Cue == "字幕" {
					n, _ := Spoken(l.Text, set)
					secs += float64(n) / set.ActionRate
				}
			}
		}
	}
	for i := range out.Speakers {
		if out.DialogueChars > 0 {
			out.Speakers[i].Share = round3(float64(out.Speakers[i].Chars) / float64(out.DialogueChars))
		}
	}
	sort.SliceStable(out.Speakers, func(i, j int) bool { return out.Speakers[i].Chars > out.Speakers[j].Chars })
	out.Seconds = round1(secs)
	return out
}

// Spoken counts the characters that take time to say (Han characters,
// letters and digits; a Latin word counts as about two characters' time) and
// the pause seconds at punctuation.
func Spoken(text string, set script.Settings) (chars int, pauses float64) {
	inWord := false
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r):
			chars++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				chars += 2
			}
			inWord = true
		default:
			inWord = false
			switch r {
			case '。', '！', '？', '!', '?', '…', '；', ';':
				pauses += set.PauseSeconds
			case '，', ',', '、', '：', '—':
				pauses += set.CommaPause
			}
		}
	}
	return chars, pauses
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }
func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
