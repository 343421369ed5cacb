package check

import (
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check/model"
)

// Engine is a compiled rule set. It is safe for concurrent use.
type Engine struct {
	rules   []*Rule
	byID    map[string]*Rule
	terms   termIndex   // finds the rules' terms in normalised text
	refs    [][]termRef // per term pattern
	text    []*Rule     // rules with regular-expression patterns
	checks  []*Rule     // structural rules
	bufPool sync.Pool
}

// termIndex reports every occurrence of every term pattern in text, by end
// position, longest first at one end (the automaton; tests swap in the
// Aho–Corasick library to prove both find the same).
type termIndex interface {
	each(text []byte, fn func(pat, start, end int))
}

type termRef struct {
	rule  *Rule
	term  string // as written in the rule
	allow bool   // an allow-term: its hit shields the shorter terms inside it
}

// ruleLists are a rule's context words, normalised like the text.
type ruleLists struct {
	near, unless []string
}

func (r *Rule) lists() ruleLists { return r.ctx }

// normLists are a rule's words normalised like the text. The built-in
// rules carry them precomputed (rules_builtin.go): normalising ~2000 terms
// at start-up cost milliseconds and loaded the traditional-Chinese tables.
type normLists struct {
	terms, allow []string // one per Terms and Allow entry ("" when nothing is left)
	near, unless []string // the non-empty ones
}

func normRule(r *Rule) *normLists {
	n := &normLists{near: normAll(r.Near), unless: normAll(r.Unless)}
	for _, t := range r.Terms {
		n.terms = append(n.terms, normTerm(t))
	}
	for _, t := range r.Allow {
		n.allow = append(n.allow, normTerm(t))
	}
	return n
}

func normAll(in []string) []string {
	var out []string
	for _, s := range in {
		if n := normTerm(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// Compile builds an engine from rules.
func Compile(rules []*Rule) *Engine {
	e := &Engine{rules: rules, byID: map[string]*Rule{}}
	idx := map[string]int{}
	var pats []string
	add := func(n string, ref termRef) {
		if n == "" {
			return
		}
		i, ok := idx[n]
		if !ok {
			i = len(pats)
			idx[n] = i
			pats = append(pats, n)
			e.refs = append(e.refs, nil)
		}
		e.refs[i] = append(e.refs[i], ref)
	}
	for i, r := range rules {
		r.idx = i
		e.byID[r.ID] = r
		if r.norm == nil {
			r.norm = normRule(r)
		}
		r.ctx = ruleLists{near: r.norm.near, unless: r.norm.unless}
		for j, t := range r.Terms {
			add(r.norm.terms[j], termRef{rule: r, term: t})
		}
		for j, t := range r.Allow {
			add(r.norm.allow[j], termRef{rule: r, term: t, allow: true})
		}
		if len(r.patterns) > 0 {
			e.text = append(e.text, r)
		}
		if r.Check != "" {
			e.checks = append(e.checks, r)
		}
	}
	// Every occurrence, overlapping: a longer term of one rule must not hide
	// a shorter term of another (战神归来 vs 战神); allow-terms cancel the
	// hits they cover explicitly in scan.
	e.terms = newAutomaton(pats)
	e.bufPool.New = func() any { return new(normBuf) }
	return e
}

// Rules returns the engine's rules in load order.
func (e *Engine) Rules() []*Rule { return e.rules }

// Rule returns the rule with the given id, or nil.
func (e *Engine) Rule(id string) *Rule { return e.byID[id] }

// Load reads and compiles the rules in fsys.
func Load(fsys fs.FS) (*Engine, error) {
	rules, err := LoadRules(fsys)
	if err != nil {
		return nil, err
	}
	return Compile(rules), nil
}

var (
	defOnce sync.Once
	defEng  *Engine
	defErr  error
)

// Default is the engine of the built-in rules (assets/rules), compiled once.
func Default() (*Engine, error) {
	defOnce.Do(func() { defEng, defErr = loadDefault() })
	return defEng, defErr
}

// Prepare compiles the built-in rules and decodes the learned model, both
// at once, so a caller can have it done while it reads the script (the
// first Check then finds them ready; Default waits for a Prepare under way).
func Prepare() {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = model.Default() })
	_, _ = Default()
	wg.Wait()
}

// loadDefault compiles the built-in rules from their generated form (the
// same rules as Load(assets.Rules()), without decoding TOML at run time).
func loadDefault() (*Engine, error) {
	rules, err := loadBuiltin()
	if err != nil {
		return nil, err
	}
	return Compile(rules), nil
}

// Options tune a check.
type Options struct {
	Lang script.Lang // language of messages (default English)
	Now  time.Time   // today; zero means time.Now()
	// Readers chooses who reads the text: the cited rules and the learned
	// model together (the default), or one of them alone (to measure it).
	Readers Readers
}

// Readers selects the readers of a check.
type Readers int

// The reader selections.
const (
	ReadAll   Readers = iota // rules and model, merged
	ReadRules                // the cited rules only
	ReadModel                // the learned model only
)

// date is the day rules and tier windows are evaluated at: the go-live date
// when the project has one, else today.
func (o Options) date(p *script.Project) time.Time {
	if t, err := time.Parse(time.DateOnly, p.Meta.GoLive); err == nil {
		return t
	}
	return o.today()
}

func (o Options) today() time.Time {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Check checks the whole project. Episodes are checked in parallel, one
// worker per core: they share only read-only state (the rules, the model,
// the project context), and their results keep episode order.
func (e *Engine) Check(p *script.Project, o Options) *Result {
	cx := newProjectCtx(p, o)
	eps := make([]EpisodeResult, len(p.Episodes))
	workers := min(runtime.GOMAXPROCS(0), len(p.Episodes)/minEpisodesPerWorker)
	if workers < 2 {
		for i, ep := range p.Episodes {
			eps[i] = e.checkEpisode(cx, ep)
		}
		return e.assemble(cx, eps)
	}
	e.modelFor(cx) // built once, before the workers share cx
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(eps) {
					return
				}
				eps[i] = e.checkEpisode(cx, p.Episodes[i])
			}
		})
	}
	wg.Wait()
	return e.assemble(cx, eps)
}

// minEpisodesPerWorker keeps short projects on one goroutine, where
// starting workers would cost more than it saves.
const minEpisodesPerWorker = 4

// CheckEpisode checks one episode: its text and its episode-level
// structure. Pass the results of every episode to Assemble.
func (e *Engine) CheckEpisode(p *script.Project, ep *script.Episode, o Options) EpisodeResult {
	return e.checkEpisode(newProjectCtx(p, o), ep)
}

// Assemble adds the project-level findings (title, synopsis, tier, filing,
// series structure, aggregates) to per-episode results, applies waivers and
// summarises.
func (e *Engine) Assemble(p *script.Project, o Options, eps []EpisodeResult) *Result {
	return e.assemble(newProjectCtx(p, o), eps)
}

// EpisodeResult is the outcome of checking one episode.
type EpisodeResult struct {
	Episode  int
	Body     string    // the Body that was checked, to notice edits
	Findings []Finding // not yet waived or sorted
	agg      []Finding // hits of aggregate rules, evaluated in Assemble
}

// Fresh reports whether r still describes ep (same number and text).
func (r EpisodeResult) Fresh(ep *script.Episode) bool {
	return ep != nil && r.Episode == ep.Number && r.Body == ep.Body
}

func (e *Engine) newFinding(cx *projectCtx, r *Rule, vars map[string]string) Finding {
	f := Finding{
		Rule: r.ID, Category: r.Category, Severity: r.Severity, Source: r.Source, Tags: r.Tags, Reader: ReaderRule,
		Message:    expand(r.Message(cx.lang), vars),
		Suggestion: expand(r.Suggestion(cx.lang), vars),
	}
	return f
}

// String is a one-line description of a finding, for logs and tests.
func (f Finding) String() string {
	return fmt.Sprintf("%s %s ep%d %s@%d-%d %q", f.Rule, f.Severity, f.Episode, f.Field, f.Start, f.End, f.Excerpt)
}
