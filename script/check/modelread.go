package check

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check/model"
)

// The learned reader (script/check/model) reads each scene, the title and
// the synopsis beside the rules. Its findings are marked reader "model",
// carry the score and the words that weighed most, have a lower severity
// than a cited rule and cite the guidance of their category's first rule.
// When a rule already flagged the category in the same scene (or field),
// the model adds nothing.

type guidance struct {
	MessageZH    string `toml:"message_zh"`
	MessageEN    string `toml:"message_en"`
	SuggestionZH string `toml:"suggestion_zh"`
	SuggestionEN string `toml:"suggestion_en"`
}

var (
	guideOnce sync.Once
	guides    map[string]guidance
)

func modelGuidance() map[string]guidance {
	guideOnce.Do(func() {
		guides = map[string]guidance{}
		_, _ = toml.Decode(string(assets.ModelGuidance()), &guides)
	})
	return guides
}

// modelReader is the model with the project's cast, built once per check.
type modelReader struct {
	m            *model.Model
	minors, cast []string
	sources      map[string]Source
}

func (e *Engine) modelFor(cx *projectCtx) *modelReader {
	if cx.o.Readers == ReadRules {
		return nil
	}
	if cx.model != nil {
		return cx.model
	}
	m, err := model.Default()
	if err != nil || m == nil {
		return nil
	}
	r := &modelReader{m: m, sources: map[string]Source{}}
	r.minors, r.cast = model.CastOf(cx.p)
	for n := range cx.minorC { // minors known by role words (初中生) too
		if len([]rune(n)) >= 2 && !contains(r.minors, n) {
			r.minors = append(r.minors, n)
		}
	}
	for _, rule := range e.rules {
		if _, ok := r.sources[rule.Category]; !ok && rule.Source.Name != "" {
			r.sources[rule.Category] = rule.Source
		}
	}
	cx.model = r
	return r
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// modelFinding builds the finding of head h with score s.
func (r *modelReader) finding(cx *projectCtx, h int, s float64, ev []string) Finding {
	cat := model.Heads[h]
	sev := Low
	if t := float64(r.m.Threshold[h]); s >= t+(1-t)/2 {
		sev = Medium
	}
	g := modelGuidance()[cat]
	msg, sug := g.MessageEN, g.SuggestionEN
	if cx.lang == "zh" {
		msg, sug = g.MessageZH, g.SuggestionZH
	}
	sep := ", "
	if cx.lang == "zh" {
		sep = "、"
	}
	vars := map[string]string{"score": strconv.FormatFloat(s, 'f', 2, 64), "evidence": strings.Join(ev, sep)}
	return Finding{
		Rule: "MODEL-" + strings.ToUpper(cat), Category: cat, Severity: sev,
		Message: expand(msg, vars), Suggestion: expand(sug, vars),
		Source: r.sources[cat], Tags: []string{"模型"}, Reader: ReaderModel,
		Score: float64(int(s*1000)) / 1000, Evidence: ev,
	}
}

// modelEpisode adds the model's findings on each scene of ep.
func (e *Engine) modelEpisode(cx *projectCtx, ep *script.Episode, have []Finding, vetoed *[]sceneVeto) []Finding {
	r := e.modelFor(cx)
	if r == nil {
		return nil
	}
	var out []Finding
	for si := range ep.Scenes {
		sc := &ep.Scenes[si]
		in := model.SceneInput(ep.Body, sc, r.minors, r.cast)
		if len(in.Lines) == 0 {
			continue
		}
		rd := r.m.Read(&in)
		scores := rd.Scores
		if cx.o.Readers == ReadAll && veto.on() {
			*vetoed = append(*vetoed, sceneVeto{ep.Number, sc.Span, scores, rd.CounterFramed})
		}
		for h := 0; h < model.TitleHead; h++ {
			if scores[h] < float64(r.m.Threshold[h]) {
				continue
			}
			cat := model.Heads[h]
			if cx.o.Readers != ReadModel && ruleFlagged(have, cat, func(f Finding) bool {
				return f.Episode == ep.Number && f.Start >= sc.Span.Start && f.Start < sc.Span.End
			}) {
				continue
			}
			ex := r.m.Explain(&in, h)
			f := r.finding(cx, h, scores[h], ex.Evidence)
			line := ex.Line
			if line < 0 {
				line = 0
			}
			sp := in.Spans[line]
			f.Episode, f.Scene, f.Line, f.Start, f.End = ep.Number, sc.Number, sp.Line, sp.Start, sp.End
			f.Match = ep.Body[sp.Start:sp.End]
			f.Excerpt = excerpt(ep.Body, 0, sp.Start, sp.End, sp.Start, sp.End)
			out = append(out, f)
		}
	}
	return out
}

// modelMeta adds the model's findings on a metadata field: the title head on
// the title, the content heads on the synopsis, tagline and logline.
func (e *Engine) modelMeta(cx *projectCtx, field string, scope Scope, text string, have []Finding) []Finding {
	r := e.modelFor(cx)
	if r == nil || strings.TrimSpace(text) == "" {
		return nil
	}
	var in model.Input
	lo, hi := 0, model.TitleHead
	if scope == ScopeTitle {
		in = model.TextInput(model.ScopeTitle, text, r.minors, r.cast)
		lo, hi = model.TitleHead, model.TitleHead+1
	} else {
		in = model.TextInput(model.ScopeSynopsis, text, r.minors, r.cast)
	}
	scores := r.m.Scores(&in)
	var out []Finding
	for h := lo; h < hi; h++ {
		if scores[h] < float64(r.m.Threshold[h]) {
			continue
		}
		cat := model.Heads[h]
		if cx.o.Readers != ReadModel && ruleFlagged(have, "", func(f Finding) bool {
			return f.Field == field && (f.Category == cat || scope == ScopeTitle) && f.Rule != "TITLE-FORM"
		}) {
			continue
		}
		ex := r.m.Explain(&in, h)
		f := r.finding(cx, h, scores[h], ex.Evidence)
		f.Field, f.End = field, len(text)
		f.Excerpt = excerpt(text, 0, 0, len(text), 0, len(text))
		out = append(out, f)
	}
	return out
}

// ruleFlagged reports whether a finding of category cat ("" = any) matches.
func ruleFlagged(fs []Finding, cat string, where func(Finding) bool) bool {
	for _, f := range fs {
		if (cat == "" || f.Category == cat) && where(f) {
			return true
		}
	}
	return false
}

// sceneVeto is a scene with a counter-frame and the model's scores.
type sceneVeto struct {
	ep      int
	span    script.Span
	scores  []float64
	counter bool // the scene has a counter-frame
}

// VetoPolicy says when the model disputes a cited rule finding in a scene.
// The rules match words, the model reads the frame: on writers the corpus
// never saw, a rule finding in a scene that punishes, reports, criticises,
// remembers or shows the theme as custom is usually a false alarm when the
// model is sure the category is absent. A disputed finding is not dropped
// (a model never silences a cited rule): it is lowered to info, tagged
// DisputedTag and its message says what the model read.
type VetoPolicy struct {
	// Counter: a rule finding in a counter-framed scene is disputed when
	// the model scores its category below this (0: never).
	Counter float64
	// Any: a non-blocker rule finding is disputed below this score even
	// without a counter-frame (0: never).
	Any float64
	// Minors: findings about minors may be disputed too. Off: a minor in
	// a risky scene is always a reviewer's call.
	Minors bool
}

// DisputedTag marks a rule finding the model disputes.
const DisputedTag = "模型存疑"

// veto is the engine's policy (measured leaving one writer out: see
// script/check/testdata/README.md).
var veto = VetoPolicy{Counter: 0.05, Any: 0.003}

// SetVetoPolicy sets the veto policy (for measuring it with eval); it
// returns the previous one.
func SetVetoPolicy(p VetoPolicy) VetoPolicy { old := veto; veto = p; return old }

func (p VetoPolicy) on() bool { return p.Counter > 0 || p.Any > 0 }

// disputes returns the guidance key of the dispute ("" when the model does
// not dispute f) and the model's score for f's category.
func (p VetoPolicy) disputes(f Finding, v sceneVeto) (string, float64) {
	h := model.HeadIndex(f.Category)
	if h < 0 || h >= model.TitleHead || f.Category == "ai" || f.Category == "minors" && !p.Minors || f.Severity == Blocker {
		return "", 0
	}
	s := v.scores[h]
	switch {
	case v.counter && s < p.Counter:
		return "disputed_counter", s
	case s < p.Any:
		return "disputed", s
	}
	return "", 0
}

// applyVetoes lowers the rule findings the model disputes to info.
func applyVetoes(fs []Finding, vs []sceneVeto, lang script.Lang) []Finding {
	for i := range fs {
		f := &fs[i]
		if f.Reader != ReaderRule || f.Episode == 0 {
			continue
		}
		for _, v := range vs {
			if v.ep != f.Episode || f.Start < v.span.Start || f.Start >= v.span.End {
				continue
			}
			key, s := veto.disputes(*f, v)
			if key == "" {
				continue
			}
			g := modelGuidance()[key]
			msg := g.MessageEN
			if lang == "zh" {
				msg = g.MessageZH
			}
			f.Severity = Info
			f.Tags = append(slices.Clip(f.Tags), DisputedTag)
			f.Message += expand(msg, map[string]string{"score": strconv.FormatFloat(s, 'f', 3, 64)})
			break
		}
	}
	return fs
}
