// Package translate translates subtitle cues with the AI: batches keyed by
// stable cue ids (never by position), the series glossary and the previous
// lines as context, validation of the id set and of the target profile's
// reading speed and line length, a "fit" pass that shortens what reads too
// fast, failed cues marked rather than shifted, bounded concurrency shared
// by every job, and resume from a checkpoint after an interruption.
package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/ai"
)

// PromptVersion changes when the prompts change, so old checkpoints are
// not reused for a different prompt.
const PromptVersion = "t1"

// Cue is one source subtitle.
type Cue struct {
	ID       string        `json:"id"`
	Text     string        `json:"text"`
	Speaker  string        `json:"speaker,omitempty"`
	Duration time.Duration `json:"-"` // 0 = unknown (no reading-speed limit)
	Note     string        `json:"note,omitempty"`
}

// Status of a translated cue.
type Status string

const (
	StatusOK     Status = "ok"     // translated within the limits
	StatusFitted Status = "fitted" // shortened by the fit pass
	StatusLong   Status = "long"   // translated, still too long or fast: review
	StatusFailed Status = "failed" // not translated: marked, never shifted
)

// Out is one translated cue.
type Out struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
}

// Term is a glossary entry for the target language.
type Term struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// Profile is the target language's reading limits.
type Profile struct {
	MaxCPS   float64                // characters per second (0 = none)
	CPL      float64                // characters per line (0 = none)
	MaxLines int                    // lines per cue (default 2)
	Width    func(s string) float64 // display width; default rune count
}

func (p Profile) width(s string) float64 {
	s = strings.ReplaceAll(s, "\n", "")
	if p.Width != nil {
		return p.Width(s)
	}
	return float64(utf8.RuneCountInString(s))
}

// MaxChars is the most characters cue may have in the target language.
func (p Profile) MaxChars(c Cue) int {
	lines := p.MaxLines
	if lines <= 0 {
		lines = 2
	}
	limit := math.Inf(1)
	if p.CPL > 0 {
		limit = p.CPL * float64(lines)
	}
	if p.MaxCPS > 0 && c.Duration > 0 {
		limit = math.Min(limit, p.MaxCPS*c.Duration.Seconds())
	}
	if math.IsInf(limit, 1) {
		return 0
	}
	return max(1, int(limit))
}

// Options control a job.
type Options struct {
	From, To   string // BCP 47, e.g. zh-Hans → en
	Glossary   []Term
	Profile    Profile
	Batch      int    // cues per request (default 40)
	Context    int    // previous source lines given as context (default 3)
	PromptLang string // language of the instructions: zh or en (default en)
	NoFit      bool   // skip the fit pass
	Checkpoint Checkpoint
	// Progress is called after each batch with cues done and total.
	Progress func(done, total int)
}

// Job is one track to translate.
type Job struct {
	Name string // for messages, e.g. "ep12/en"
	Cues []Cue
	Opt  Options
}

// Checkpoint stores finished cues so an interrupted run resumes without
// paying twice.
type Checkpoint interface {
	Get(key string) (Out, bool)
	Put(key string, o Out) error
}

// Key is the idempotent job key of a cue: target language, id, source text
// and prompt version.
func Key(to string, c Cue) string {
	h := sha256.Sum256([]byte(PromptVersion + "\x00" + to + "\x00" + c.ID + "\x00" + c.Text))
	return hex.EncodeToString(h[:12])
}

// Translator runs jobs against one client with a shared concurrency bound.
type Translator struct {
	Client *ai.Client
	sem    chan struct{}
	once   sync.Once
}

// New makes a translator with the client's concurrency (DUANJU_AI_CONCURRENCY,
// default 4) as its bound.
func New(c *ai.Client) *Translator { return &Translator{Client: c} }

func (t *Translator) slots() chan struct{} {
	t.once.Do(func() { t.sem = make(chan struct{}, t.Client.Config().Workers()) })
	return t.sem
}

// Translate runs one job. The result has one Out per input cue, in input
// order; cues that could not be translated have StatusFailed and the
// error of the last failure is returned with the (partial) result.
func (t *Translator) Translate(ctx context.Context, job Job) ([]Out, error) {
	res, err := t.TranslateAll(ctx, []Job{job})
	return res[0], err
}

// TranslateAll runs every job, all batches sharing the concurrency bound,
// so 100 episodes × 8 languages keep a cluster exactly as busy as allowed.
func (t *Translator) TranslateAll(ctx context.Context, jobs []Job) ([][]Out, error) {
	results := make([][]Out, len(jobs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for j := range jobs {
		job := jobs[j]
		opt := job.Opt.withDefaults()
		out := make([]Out, len(job.Cues))
		results[j] = out
		index := map[string]int{}
		var todo []int
		for i, c := range job.Cues {
			out[i] = Out{ID: c.ID, Status: StatusFailed}
			if _, dup := index[c.ID]; dup || c.ID == "" {
				out[i].Note = "duplicate or empty cue id"
				continue
			}
			index[c.ID] = i
			if strings.TrimSpace(c.Text) == "" {
				out[i] = Out{ID: c.ID, Status: StatusOK}
				continue
			}
			if opt.Checkpoint != nil {
				if o, ok := opt.Checkpoint.Get(Key(opt.To, c)); ok {
					out[i] = o
					continue
				}
			}
			todo = append(todo, i)
		}
		var done int
		total := len(todo)
		for start := 0; start < len(todo); start += opt.Batch {
			batch := todo[start:min(start+opt.Batch, len(todo))]
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := t.runBatch(ctx, job.Cues, batch, out, opt)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done += len(batch)
				d := done
				mu.Unlock()
				if opt.Progress != nil {
					opt.Progress(d, total)
				}
			}()
		}
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return results, firstErr
}

func (o Options) withDefaults() Options {
	if o.Batch <= 0 {
		o.Batch = 40
	}
	if o.Context < 0 {
		o.Context = 0
	} else if o.Context == 0 {
		o.Context = 3
	}
	if o.PromptLang != "zh" {
		o.PromptLang = "en"
	}
	if o.From == "" {
		o.From = "zh-Hans"
	}
	return o
}

// runBatch translates the cues at idx, writing into out (each index is
// owned by exactly one batch, so no lock is needed).
func (t *Translator) runBatch(ctx context.Context, all []Cue, idx []int, out []Out, opt Options) error {
	// Missing ids are asked again once, alone.
	missing, err := t.translateSplit(ctx, all, idx, out, opt)
	if err == nil && len(missing) > 0 {
		missing, err = t.request(ctx, "translate", all, missing, out, opt)
	}
	for _, i := range missing {
		out[i] = Out{ID: all[i].ID, Status: StatusFailed, Note: "the AI did not return this cue"}
	}
	if err != nil {
		return err
	}
	if !opt.NoFit {
		var long []int
		for _, i := range idx {
			if out[i].Status == StatusLong {
				long = append(long, i)
			}
		}
		if len(long) > 0 {
			if _, err := t.request(ctx, "fit", all, long, out, opt); err != nil {
				return nil // the translations stand, marked long
			}
		}
	}
	if opt.Checkpoint != nil {
		for _, i := range idx {
			if out[i].Status != StatusFailed {
				if err := opt.Checkpoint.Put(Key(opt.To, all[i]), out[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// translateSplit sends a batch; when the reply is not valid (a weak model
// lost the JSON, or it was cut by the length limit) it halves the batch
// and tries the halves, down to 5 cues, before giving up on them.
func (t *Translator) translateSplit(ctx context.Context, all []Cue, idx []int, out []Out, opt Options) ([]int, error) {
	missing, err := t.request(ctx, "translate", all, idx, out, opt)
	if err == nil || len(idx) < 10 || ai.Classify(err).Kind != ai.KindInvalid {
		return missing, err
	}
	half := len(idx) / 2
	m1, err1 := t.translateSplit(ctx, all, idx[:half], out, opt)
	m2, err2 := t.translateSplit(ctx, all, idx[half:], out, opt)
	if err1 == nil {
		err1 = err2
	}
	return append(m1, m2...), err1
}

type wireCue struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Speaker string `json:"speaker,omitempty"`
	Max     int    `json:"max,omitempty"`
	Source  string `json:"source,omitempty"`
}

type wireOut struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type wireReply struct {
	Cues []wireOut `json:"cues"`
}

// request sends one translate or fit call for the cues at idx and stores
// what came back. It returns the indexes whose ids did not come back.
func (t *Translator) request(ctx context.Context, task string, all []Cue, idx []int, out []Out, opt Options) ([]int, error) {
	sem := t.slots()
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return idx, ctx.Err()
	}
	defer func() { <-sem }()

	var wire []wireCue
	var text strings.Builder
	maxAll := 0
	for _, i := range idx {
		c := all[i]
		w := wireCue{ID: c.ID, Text: c.Text, Speaker: c.Speaker, Max: opt.Profile.MaxChars(c)}
		if task == "fit" {
			w.Source, w.Text = c.Text, out[i].Text
		}
		wire = append(wire, w)
		text.WriteString(c.Text)
		maxAll = max(maxAll, w.Max)
	}
	cuesJSON, _ := json.MarshalIndent(wire, "", " ")
	data := map[string]any{
		"From": opt.From, "To": opt.To, "Cues": string(cuesJSON),
		"Glossary": glossaryFor(opt.Glossary, text.String()), "Previous": previous(all, idx[0], opt.Context),
		"MaxCPS": opt.Profile.MaxCPS, "MaxChars": maxAll,
	}
	prompt, err := ai.Render(opt.PromptLang, task, data)
	if err != nil {
		return idx, err
	}
	temp := 0.2
	req := ai.Request{Messages: []ai.Message{{Role: ai.RoleUser, Content: prompt}}, Temperature: &temp,
		// room for the translation (up to ~3× the source in tokens for
		// alphabetic targets) plus the JSON around each id
		MaxTokens: 300 + ai.EstimateTokens(text.String())*6 + 25*len(idx)}
	var reply wireReply
	if _, err := t.Client.JSON(ctx, req, "subtitles", nil, &reply); err != nil {
		return idx, err
	}
	want := map[string]int{}
	for _, i := range idx {
		want[all[i].ID] = i
	}
	got := map[string]bool{}
	for _, w := range reply.Cues {
		i, ok := want[w.ID]
		if !ok || got[w.ID] { // unknown or repeated id: ignored, never shifted onto another cue
			continue
		}
		txt := strings.TrimSpace(w.Text)
		if txt == "" {
			continue
		}
		got[w.ID] = true
		st := StatusOK
		if task == "fit" {
			st = StatusFitted
		}
		note := ""
		if m := opt.Profile.MaxChars(all[i]); m > 0 && opt.Profile.width(txt) > float64(m) {
			st = StatusLong
			note = fmt.Sprintf("%.0f characters, limit %d", opt.Profile.width(txt), m)
		}
		if task == "fit" && st == StatusLong && opt.Profile.width(txt) >= opt.Profile.width(out[i].Text) {
			continue // the fit made it no shorter: keep the first translation
		}
		if miss := missingTerms(opt.Glossary, all[i].Text, txt); miss != "" {
			if note != "" {
				note += "; "
			}
			note += "glossary: " + miss
		}
		out[i] = Out{ID: w.ID, Text: txt, Status: st, Note: note}
	}
	var missing []int
	for _, i := range idx {
		if !got[all[i].ID] {
			missing = append(missing, i)
		}
	}
	if task == "fit" {
		return nil, nil
	}
	return missing, nil
}

// glossaryFor lists the terms that occur in text (keeps prompts short).
func glossaryFor(g []Term, text string) string {
	var b strings.Builder
	for _, t := range g {
		if t.Source != "" && t.Target != "" && strings.Contains(text, t.Source) {
			fmt.Fprintf(&b, "%s → %s\n", t.Source, t.Target)
		}
	}
	return strings.TrimSpace(b.String())
}

func missingTerms(g []Term, src, dst string) string {
	var miss []string
	for _, t := range g {
		if t.Source != "" && t.Target != "" && strings.Contains(src, t.Source) &&
			!strings.Contains(strings.ToLower(dst), strings.ToLower(t.Target)) {
			miss = append(miss, t.Source+"→"+t.Target)
		}
	}
	return strings.Join(miss, ", ")
}

// previous is the n source lines before position i, for context.
func previous(all []Cue, i, n int) string {
	var lines []string
	for k := max(0, i-n); k < i; k++ {
		l := all[k].Text
		if all[k].Speaker != "" {
			l = all[k].Speaker + ": " + l
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}
