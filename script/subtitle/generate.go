package subtitle

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Timing holds the speech-rate parameters of estimated timing.
type Timing struct {
	SpeechRate float64       // spoken characters per second
	ActionRate float64       // action characters per second (screen time without dialogue)
	Pause      time.Duration // after 。！？
	CommaPause time.Duration // after ，、；：
	SceneGap   time.Duration // a scene change
	LineGap    time.Duration // between two spoken lines, on top of the profile's gap
	MaxAction  time.Duration // one action line never holds the clock longer
}

// TimingFor derives timing from the project settings and the profile: the
// project's speech rate applies to Chinese, the profile's to other languages.
func TimingFor(s script.Settings, p *Profile) Timing {
	s = s.Effective()
	t := Timing{
		SpeechRate: s.SpeechRate,
		ActionRate: s.ActionRate,
		Pause:      secs(s.PauseSeconds),
		CommaPause: secs(s.CommaPause),
		SceneGap:   time.Second,
		LineGap:    200 * time.Millisecond,
		MaxAction:  4 * time.Second,
	}
	if !strings.HasPrefix(p.Lang, "zh") && p.SpeechRate > 0 {
		t.SpeechRate = p.SpeechRate
	}
	return t
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

// speech estimates how long text takes to say: spoken characters at the
// speech rate plus pauses at punctuation.
func (t Timing) speech(text string) time.Duration {
	d := secs(float64(spokenCount(text)) / t.SpeechRate)
	rs := []rune(text)
	for i, r := range rs {
		if i == len(rs)-1 {
			break // the pause after the last word is the gap
		}
		switch {
		case isSentence(r):
			d += t.Pause
		case isClause(r):
			d += t.CommaPause
		}
	}
	return d
}

// display is how long a cue stays up: the time to say it, at least the time
// to read it at the profile's comfortable speed and the minimum duration,
// at most the maximum.
func (t Timing) display(text string, p *Profile) time.Duration {
	d := t.speech(text)
	cps := p.OptimalCPS
	if cps <= 0 {
		cps = p.MaxCPS
	}
	if r := secs(p.Width(text) / cps); r > d {
		d = r
	}
	d = max(d, p.MinDuration())
	d = min(d, p.MaxDuration())
	return d.Round(time.Millisecond)
}

var parenRe = regexp.MustCompile(`（[^（）]{1,12}）|\([^()]{1,12}\)`)

// spokenText is the subtitle text of a script line, or "" when the line is
// not subtitled: dialogue (OS/VO included) without inline stage directions,
// and on-screen captions 【字幕：…】.
func spokenText(l script.Line) (text string, caption bool) {
	switch l.Kind {
	case script.LineDialogue:
		return strings.TrimSpace(parenRe.ReplaceAllString(l.Text, "")), false
	case script.LineCue:
		t := strings.TrimSpace(l.Text)
		if l.Cue == "字幕" || strings.HasPrefix(t, "字幕") {
			for _, pre := range []string{"字幕：", "字幕:", "字幕"} {
				t = strings.TrimPrefix(t, pre)
			}
			return strings.TrimSpace(t), true
		}
	}
	return "", false
}

// protectedNames are the names that must not be cut across lines.
func protectedNames(p *script.Project, sc *script.Scene) []string {
	var out []string
	if p != nil {
		for _, c := range p.Characters {
			for _, n := range c.Names() {
				if len([]rune(n)) > 1 {
					out = append(out, n)
				}
			}
		}
		for _, g := range p.Glossary {
			if len([]rune(g.Term)) > 1 {
				out = append(out, g.Term)
			}
		}
	}
	if sc != nil {
		for _, n := range sc.Cast {
			if len([]rune(n)) > 1 {
				out = append(out, n)
			}
		}
	}
	return out
}

// Generate makes the estimated subtitle track of one episode: every spoken
// line and caption becomes one or more cues, split at natural breaks to fit
// the profile, timed from the speech rate and sequenced with the minimum gap.
// Each cue keeps the span of its script line.
func Generate(p *script.Project, ep *script.Episode, prof *Profile) *Track {
	var settings script.Settings
	if p != nil {
		settings = p.Settings
	}
	tm := TimingFor(settings, prof)
	tr := &Track{Lang: prof.Lang, Episode: ep.Number, Title: episodeTitle(p, ep)}
	var clock time.Duration
	for si := range ep.Scenes {
		sc := &ep.Scenes[si]
		if si > 0 && len(tr.Cues) > 0 {
			clock += tm.SceneGap
		}
		protect := protectedNames(p, sc)
		for li := range sc.Lines {
			l := sc.Lines[li]
			if l.Kind == script.LineAction {
				clock = (clock + min(secs(float64(spokenCount(l.Text))/tm.ActionRate), tm.MaxAction)).Round(time.Millisecond)
				continue
			}
			text, caption := spokenText(l)
			if text == "" {
				continue
			}
			fits := func(s string) bool {
				return cueFits(s, prof, protect) && tm.speech(s) <= prof.MaxDuration()
			}
			for _, piece := range splitText(text, fits, protect) {
				d := tm.display(piece, prof)
				span := l.Span
				c := Cue{
					Start:   clock,
					End:     clock + d,
					Lines:   Break(piece, prof, protect),
					Speaker: l.Speaker,
					Episode: ep.Number,
					Source:  &span,
					Status:  StatusEstimated,
				}
				if caption {
					c.Position = 8 // on-screen caption: top, clear of the dialogue
					c.Note = "字幕"
				} else if l.Voice != "" {
					c.Note = l.Voice
				}
				tr.Cues = append(tr.Cues, c)
				clock = (c.End + prof.MinGap()).Round(time.Millisecond)
			}
			clock = (clock + tm.LineGap).Round(time.Millisecond)
		}
	}
	tr.Renumber()
	return tr
}

// GenerateAll makes one track per episode.
func GenerateAll(p *script.Project, prof *Profile) []*Track {
	out := make([]*Track, 0, len(p.Episodes))
	for _, ep := range p.Episodes {
		out = append(out, Generate(p, ep, prof))
	}
	return out
}

func episodeTitle(p *script.Project, ep *script.Episode) string {
	if p == nil || p.Meta.Title == "" {
		return fmt.Sprintf("第%d集", ep.Number)
	}
	return p.EpisodeName(ep.Number)
}

// FileName is the platform naming rule for an episode's track:
// "剧名 - 第x集.<lang>.<ext>", with characters that are unsafe in file names
// replaced.
func FileName(p *script.Project, episode int, lang, ext string) string {
	title := "untitled"
	if p != nil && strings.TrimSpace(p.Meta.Title) != "" {
		title = strings.TrimSpace(p.Meta.Title)
	}
	name := fmt.Sprintf("%s - 第%d集.%s.%s", title, episode, lang, strings.TrimPrefix(ext, "."))
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
}
