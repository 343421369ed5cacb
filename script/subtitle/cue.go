// Package subtitle is the subtitle side of Duanju Studio: our own cue model,
// language profiles, generation from the script with estimated timing, lint
// and fix against a profile, alignment of a timed file to the script, and
// reading and writing SRT, WebVTT, ASS/SSA, TTML and EBU-STL. go-astisub is
// used only at the edges (read/write), with its known bugs worked around.
package subtitle

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Status is how far a cue has come.
type Status string

const (
	StatusEstimated  Status = "estimated"  // timing guessed from the text
	StatusTimed      Status = "timed"      // timing from a timed file or aligned
	StatusTranslated Status = "translated" // translation filled in
	StatusChecked    Status = "checked"    // reviewed by a person
)

// Cue is one subtitle event. Lines are visual lines; they never contain a
// newline. Translation holds the second language of a bilingual track.
type Cue struct {
	ID          string        `json:"id"`
	Start       time.Duration `json:"-"`
	End         time.Duration `json:"-"`
	Lines       []string      `json:"lines"`
	Translation []string      `json:"translation,omitempty"`
	Speaker     string        `json:"speaker,omitempty"`
	Episode     int           `json:"episode,omitempty"` // episode of Source
	Source      *script.Span  `json:"source,omitempty"`  // script line the cue came from
	Status      Status        `json:"status,omitempty"`
	Position    int           `json:"position,omitempty"` // numpad alignment (\anN), 0 = default bottom
	Note        string        `json:"note,omitempty"`
}

// MarshalJSON writes times in milliseconds.
func (c Cue) MarshalJSON() ([]byte, error) {
	type plain Cue
	return json.Marshal(struct {
		plain
		StartMS int64 `json:"start_ms"`
		EndMS   int64 `json:"end_ms"`
	}{plain(c), c.Start.Milliseconds(), c.End.Milliseconds()})
}

// UnmarshalJSON reads times in milliseconds.
func (c *Cue) UnmarshalJSON(b []byte) error {
	type plain Cue
	var v struct {
		plain
		StartMS int64 `json:"start_ms"`
		EndMS   int64 `json:"end_ms"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*c = Cue(v.plain)
	c.Start = time.Duration(v.StartMS) * time.Millisecond
	c.End = time.Duration(v.EndMS) * time.Millisecond
	return nil
}

// Text returns the lines joined for display, CJK-aware (no ASCII space is
// put between CJK characters).
func (c Cue) Text() string { return JoinLines(c.Lines) }

// TranslationText returns the translation lines joined.
func (c Cue) TranslationText() string { return JoinLines(c.Translation) }

// Duration is End - Start.
func (c Cue) Duration() time.Duration { return c.End - c.Start }

// IsEmpty reports whether the cue has no visible text.
func (c Cue) IsEmpty() bool {
	for _, l := range c.Lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// Track is the cues of one episode in one language.
type Track struct {
	Lang      string `json:"lang"`                 // BCP 47 of Lines
	TransLang string `json:"trans_lang,omitempty"` // BCP 47 of Translation
	Episode   int    `json:"episode,omitempty"`
	Title     string `json:"title,omitempty"`
	Cues      []Cue  `json:"cues"`
}

// Sort orders cues by start time (stable).
func (t *Track) Sort() {
	sort.SliceStable(t.Cues, func(i, j int) bool { return t.Cues[i].Start < t.Cues[j].Start })
}

// Renumber gives cues without an ID a fresh one.
func (t *Track) Renumber() {
	seen := map[string]bool{}
	for _, c := range t.Cues {
		if c.ID != "" {
			seen[c.ID] = true
		}
	}
	n := 1
	for i := range t.Cues {
		if t.Cues[i].ID != "" {
			continue
		}
		for seen[strconv.Itoa(n)] {
			n++
		}
		t.Cues[i].ID = strconv.Itoa(n)
		seen[t.Cues[i].ID] = true
	}
}

// Clone returns a deep copy.
func (t *Track) Clone() *Track {
	c := *t
	c.Cues = make([]Cue, len(t.Cues))
	for i, q := range t.Cues {
		q.Lines = append([]string(nil), q.Lines...)
		q.Translation = append([]string(nil), q.Translation...)
		if q.Source != nil {
			s := *q.Source
			q.Source = &s
		}
		c.Cues[i] = q
	}
	return &c
}

// ToProject stores the track in the project's model form.
func (t *Track) ToProject(name string) (script.SubtitleTrack, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return script.SubtitleTrack{}, err
	}
	return script.SubtitleTrack{Episode: t.Episode, Lang: t.Lang, Name: name, Data: string(b), Updated: time.Now()}, nil
}

// FromProject decodes a track kept in the project.
func FromProject(st script.SubtitleTrack) (*Track, error) {
	var t Track
	if err := json.Unmarshal([]byte(st.Data), &t); err != nil {
		return nil, fmt.Errorf("subtitle track %q (episode %d, %s) is damaged: %w", st.Name, st.Episode, st.Lang, err)
	}
	if t.Lang == "" {
		t.Lang = st.Lang
	}
	if t.Episode == 0 {
		t.Episode = st.Episode
	}
	return &t, nil
}

// PutTrack replaces (or adds) the project's track with the same episode,
// language and name.
func PutTrack(p *script.Project, st script.SubtitleTrack) {
	for i, o := range p.Tracks {
		if o.Episode == st.Episode && o.Lang == st.Lang && o.Name == st.Name {
			p.Tracks[i] = st
			return
		}
	}
	p.Tracks = append(p.Tracks, st)
}
