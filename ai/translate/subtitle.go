package translate

import (
	"context"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
)

// FromTrack turns a subtitle track into cues keyed by their stable ids.
func FromTrack(tr *subtitle.Track) []Cue {
	cues := make([]Cue, 0, len(tr.Cues))
	for _, c := range tr.Cues {
		cues = append(cues, Cue{ID: c.ID, Text: c.Text(), Speaker: c.Speaker, Duration: c.Duration()})
	}
	return cues
}

// FromProfile takes the reading limits of a subtitle profile.
func FromProfile(p *subtitle.Profile) Profile {
	if p == nil {
		return Profile{}
	}
	return Profile{MaxCPS: p.MaxCPS, CPL: p.CPL, MaxLines: p.MaxLines, Width: p.Width}
}

// Glossary takes the project's glossary renderings for lang (an exact tag
// first, then its base language: "en-US" falls back to "en").
func Glossary(p *script.Project, lang string) []Term {
	if p == nil {
		return nil
	}
	base := strings.SplitN(lang, "-", 2)[0]
	var out []Term
	for _, g := range p.Glossary {
		r := g.Render[lang]
		if r == "" {
			r = g.Render[base]
		}
		if r != "" {
			out = append(out, Term{Source: g.Term, Target: r})
		}
	}
	return out
}

// ToTrack builds the target-language track: same ids, times and speakers;
// lines broken for prof; failed cues keep the source text in a note and
// are left empty so they stand out in lint and the editor rather than
// shifting their neighbours.
func ToTrack(src *subtitle.Track, outs []Out, lang string, prof *subtitle.Profile, protect []string) *subtitle.Track {
	byID := map[string]Out{}
	for _, o := range outs {
		byID[o.ID] = o
	}
	dst := &subtitle.Track{Lang: lang, Episode: src.Episode, Title: src.Title}
	for _, c := range src.Cues {
		n := c
		n.Translation = nil
		o, ok := byID[c.ID]
		switch {
		case ok && o.Status != StatusFailed && o.Text != "":
			if prof != nil {
				n.Lines = subtitle.Break(o.Text, prof, protect)
			} else {
				n.Lines = subtitle.SplitText(o.Text)
			}
			n.Status = subtitle.StatusTranslated
			n.Note = noteFor(o)
		case ok && o.Status == StatusOK && strings.TrimSpace(c.Text()) == "":
			n.Lines = nil
		default:
			n.Lines = nil
			n.Note = "UNTRANSLATED: " + c.Text()
			if o.Note != "" {
				n.Note += " (" + o.Note + ")"
			}
		}
		dst.Cues = append(dst.Cues, n)
	}
	return dst
}

func noteFor(o Out) string {
	switch o.Status {
	case StatusLong:
		return "AI translation too long: " + o.Note
	case StatusFitted:
		return "AI translation shortened to fit"
	}
	if o.Note != "" {
		return o.Note
	}
	return ""
}

// Bilingual puts the translation into the source track's Translation lines.
func Bilingual(src *subtitle.Track, translated *subtitle.Track) *subtitle.Track {
	out := src.Clone()
	out.TransLang = translated.Lang
	byID := map[string]subtitle.Cue{}
	for _, c := range translated.Cues {
		byID[c.ID] = c
	}
	for i, c := range out.Cues {
		if t, ok := byID[c.ID]; ok {
			out.Cues[i].Translation = t.Lines
		}
	}
	return out
}

// TrackReport counts the outcome of a track translation.
type TrackReport struct {
	Cues, OK, Fitted, Long, Failed int
}

// TranslateTrack translates one subtitle track into lang for the subtitle
// editor: glossary from the project, limits from prof, a checkpoint to
// resume (nil for none). The result keeps every cue id and time; failed
// cues are empty with an UNTRANSLATED note.
func TranslateTrack(ctx context.Context, tr *Translator, src *subtitle.Track, lang string, prof *subtitle.Profile,
	p *script.Project, ck Checkpoint, progress func(done, total int)) (*subtitle.Track, TrackReport, error) {
	terms := Glossary(p, lang)
	var protect []string
	for _, t := range terms {
		protect = append(protect, t.Target)
	}
	from := src.Lang
	if from == "" {
		from = subtitle.DetectLang(src.Cues)
	}
	outs, err := tr.Translate(ctx, Job{Cues: FromTrack(src), Opt: Options{From: from, To: lang, Glossary: terms,
		Profile: FromProfile(prof), Checkpoint: ck, Progress: progress}})
	rep := TrackReport{Cues: len(outs)}
	for _, o := range outs {
		switch o.Status {
		case StatusOK:
			rep.OK++
		case StatusFitted:
			rep.Fitted++
		case StatusLong:
			rep.Long++
		case StatusFailed:
			rep.Failed++
		}
	}
	return ToTrack(src, outs, lang, prof, protect), rep, err
}
