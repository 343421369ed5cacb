package subtitleview

import (
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
)

// session is the track being edited with its lint results; it holds no
// widgets so the editing logic is tested without a window.
type session struct {
	track    *subtitle.Track
	name     string // SubtitleTrack.Name in the project
	profile  *subtitle.Profile
	problems [][]subtitle.Problem // per cue
	errors   int
	warnings int
}

func newSession(tr *subtitle.Track, name string, p *subtitle.Profile) *session {
	s := &session{track: tr, name: name, profile: p}
	s.relint()
	return s
}

// relint recomputes the problems of every cue.
func (s *session) relint() {
	s.problems = make([][]subtitle.Problem, len(s.track.Cues))
	s.errors, s.warnings = 0, 0
	for _, pb := range subtitle.Lint(s.track.Cues, s.profile) {
		s.problems[pb.Cue-1] = append(s.problems[pb.Cue-1], pb)
		if pb.Severity.Rank() >= subtitle.SevHigh.Rank() {
			s.errors++
		} else {
			s.warnings++
		}
	}
}

// save stores the track in the project.
func (s *session) save(p *script.Project) error {
	st, err := s.track.ToProject(s.name)
	if err != nil {
		return err
	}
	subtitle.PutTrack(p, st)
	return nil
}

// tracksOf decodes the project's tracks, skipping damaged ones (reported).
func tracksOf(p *script.Project) ([]*subtitle.Track, []script.SubtitleTrack, []error) {
	var out []*subtitle.Track
	var raw []script.SubtitleTrack
	var errs []error
	if p == nil {
		return nil, nil, nil
	}
	for _, st := range p.Tracks {
		tr, err := subtitle.FromProject(st)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, tr)
		raw = append(raw, st)
	}
	return out, raw, errs
}

// findTrack returns the project's track for an episode and language.
func findTrack(p *script.Project, episode int, lang string) (*subtitle.Track, string) {
	trs, raw, _ := tracksOf(p)
	for i, tr := range trs {
		if tr.Episode == episode && tr.Lang == lang {
			return tr, raw[i].Name
		}
	}
	return nil, ""
}
