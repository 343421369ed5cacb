package translate

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/subtitle"
)

// cuesIn extracts the cue list from a translate/fit prompt.
func cuesIn(prompt string) []wireCue {
	i := strings.LastIndex(prompt, "\n[")
	var w []wireCue
	json.Unmarshal([]byte(prompt[i+1:]), &w)
	return w
}

func reply(outs []wireOut) aitest.Reply {
	b, _ := json.Marshal(wireReply{Cues: outs})
	return aitest.Chat(string(b))
}

// echo translates "X" as "EN:X" and records concurrency.
type echo struct {
	mu       sync.Mutex
	inflight int
	peak     int
	calls    int
	latency  time.Duration
	mangle   func(call int, in []wireCue, out []wireOut) []wireOut
	prompts  []string
}

func (e *echo) handle(r aitest.Request) aitest.Reply {
	e.mu.Lock()
	e.inflight++
	e.calls++
	call := e.calls
	e.peak = max(e.peak, e.inflight)
	e.prompts = append(e.prompts, r.LastUser())
	e.mu.Unlock()
	defer func() { e.mu.Lock(); e.inflight--; e.mu.Unlock() }()
	time.Sleep(e.latency)
	in := cuesIn(r.LastUser())
	var out []wireOut
	for _, c := range in {
		out = append(out, wireOut{ID: c.ID, Text: "EN:" + c.Text})
	}
	if e.mangle != nil {
		out = e.mangle(call, in, out)
	}
	return reply(out)
}

func setup(t testing.TB, e *echo, workers int) *Translator {
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = e.handle
	c, err := ai.New(ai.Config{Provider: ai.ProviderVLLM, BaseURL: srv.URL(), Model: "m", Concurrency: workers,
		Retry: ai.RetryPolicy{Base: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

func cues(n int, prefix string) []Cue {
	var out []Cue
	for i := 1; i <= n; i++ {
		out = append(out, Cue{ID: fmt.Sprintf("%s-c%03d", prefix, i), Text: fmt.Sprintf("台词%d", i), Duration: 2 * time.Second})
	}
	return out
}

func TestIDAlignment(t *testing.T) {
	e := &echo{mangle: func(call int, in []wireCue, out []wireOut) []wireOut {
		// reverse order, drop cue 2 always and cue 3 on the first call, add a stranger and a repeat
		var m []wireOut
		for i := len(out) - 1; i >= 0; i-- {
			if strings.HasSuffix(out[i].ID, "c002") || (call == 1 && strings.HasSuffix(out[i].ID, "c003")) {
				continue
			}
			m = append(m, out[i])
		}
		m = append(m, wireOut{ID: "ghost", Text: "boo"})
		if len(m) > 1 {
			m = append(m, wireOut{ID: m[1].ID, Text: "DUP"})
		}
		return m
	}}
	tr := setup(t, e, 4)
	in := cues(6, "e1")
	out, err := tr.Translate(context.Background(), Job{Cues: in, Opt: Options{To: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.ID != in[i].ID {
			t.Fatalf("order changed at %d: %s", i, o.ID)
		}
		switch i {
		case 1:
			if o.Status != StatusFailed || o.Text != "" {
				t.Fatalf("missing cue not marked failed: %+v", o)
			}
		default:
			if o.Text != "EN:"+in[i].Text || o.Status != StatusOK {
				t.Fatalf("cue %d: %+v", i, o)
			}
		}
	}
	if e.calls != 2 || len(cuesIn(e.prompts[1])) != 2 {
		t.Fatalf("missing ids not re-asked alone: %d calls", e.calls)
	}
}

func TestGlossaryAndContext(t *testing.T) {
	e := &echo{}
	tr := setup(t, e, 1)
	in := []Cue{{ID: "a", Text: "我学汴绣三年了"}, {ID: "b", Text: "林晚，你回来了"}, {ID: "c", Text: "走吧"}}
	g := []Term{{Source: "汴绣", Target: "Bian embroidery"}, {Source: "林晚", Target: "Lin Wan"}, {Source: "开封", Target: "Kaifeng"}}
	out, err := tr.Translate(context.Background(), Job{Cues: in, Opt: Options{To: "en", Glossary: g, Batch: 2}})
	if err != nil {
		t.Fatal(err)
	}
	p0, p1 := e.prompts[0], e.prompts[1]
	if !strings.Contains(p0, `"id": "a"`) {
		p0, p1 = p1, p0
	}
	if !strings.Contains(p0, "汴绣 → Bian embroidery") || !strings.Contains(p0, "林晚 → Lin Wan") || strings.Contains(p0, "Kaifeng") {
		t.Fatalf("glossary not filtered into the prompt:\n%s", p0)
	}
	if !strings.Contains(p1, "林晚，你回来了") || !strings.Contains(p1, "Preceding lines") {
		t.Fatal("previous lines not given as context")
	}
	if !strings.Contains(out[0].Note, "glossary") { // "EN:我学汴绣三年了" lacks the rendering
		t.Fatalf("glossary miss not noted: %+v", out[0])
	}
}

func TestFitPass(t *testing.T) {
	e := &echo{mangle: func(call int, in []wireCue, out []wireOut) []wireOut {
		for i := range out {
			if in[i].Source != "" { // fit request: obey max
				out[i].Text = "Short."
			} else if in[i].ID == "long" {
				out[i].Text = strings.Repeat("very long words ", 10)
			}
		}
		return out
	}}
	tr := setup(t, e, 2)
	in := []Cue{{ID: "ok", Text: "好", Duration: 2 * time.Second}, {ID: "long", Text: "快走", Duration: time.Second}}
	out, err := tr.Translate(context.Background(), Job{Cues: in, Opt: Options{To: "en", Profile: Profile{MaxCPS: 17, CPL: 42, MaxLines: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if out[1].Status != StatusFitted || out[1].Text != "Short." || out[0].Status != StatusOK {
		t.Fatalf("%+v", out)
	}
	fit := cuesIn(e.prompts[1])
	if len(fit) != 1 || fit[0].Max != 17 || fit[0].Source != "快走" {
		t.Fatalf("fit request %+v", fit)
	}
}

func TestBoundedConcurrencyAcrossJobs(t *testing.T) {
	e := &echo{latency: 30 * time.Millisecond}
	tr := setup(t, e, 4)
	var jobs []Job
	for ep := range 10 {
		for _, lang := range []string{"en", "es"} {
			jobs = append(jobs, Job{Cues: cues(40, fmt.Sprint(ep)), Opt: Options{To: lang, Batch: 20}})
		}
	}
	res, err := tr.TranslateAll(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	if e.peak > 4 || e.peak < 2 {
		t.Fatalf("peak concurrency %d, want 2..4", e.peak)
	}
	if e.calls != 40 || len(res) != 20 || res[19][39].Text != "EN:台词40" {
		t.Fatalf("calls %d", e.calls)
	}
}

func TestResumeAfterInterruption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.ckpt")
	var calls atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	e := &echo{mangle: func(call int, in []wireCue, out []wireOut) []wireOut {
		if calls.Add(1) == 3 {
			cancel() // the user quits while batch 3 is in flight
		}
		return out
	}}
	tr := setup(t, e, 1)
	in := cues(100, "ep")
	ck, _ := OpenCheckpoint(path)
	out, err := tr.Translate(ctx, Job{Cues: in, Opt: Options{To: "en", Batch: 10, Checkpoint: ck}})
	ck.Close()
	if err == nil {
		t.Fatal("interrupted run reported success")
	}
	doneFirst := 0
	for _, o := range out {
		if o.Status == StatusOK {
			doneFirst++
		}
	}
	ck, _ = OpenCheckpoint(path)
	if ck.Len() != doneFirst || doneFirst < 20 {
		t.Fatalf("checkpoint has %d, run finished %d", ck.Len(), doneFirst)
	}
	before := e.calls
	out, err = tr.Translate(context.Background(), Job{Cues: in, Opt: Options{To: "en", Batch: 10, Checkpoint: ck}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.calls-before, (100-doneFirst+9)/10; got != want {
		t.Fatalf("resume made %d calls, want %d", got, want)
	}
	for i, o := range out {
		if o.Text != "EN:"+in[i].Text {
			t.Fatalf("cue %d after resume: %+v", i, o)
		}
	}
}

func TestServerFailureMarksCues(t *testing.T) {
	srv := aitest.New()
	defer srv.Close()
	srv.Handler = func(aitest.Request) aitest.Reply { return aitest.Error(401, "invalid_api_key", "bad key") }
	c, _ := ai.New(ai.Config{Provider: ai.ProviderOpenAI, BaseURL: srv.URL(), Model: "m", Key: "k"})
	out, err := New(c).Translate(context.Background(), Job{Cues: cues(3, "x"), Opt: Options{To: "en"}})
	if ai.Classify(err).Kind != ai.KindAuth || len(out) != 3 || out[0].Status != StatusFailed || srv.Count() != 1 {
		t.Fatalf("%v %+v %d", err, out, srv.Count())
	}
}

// BenchmarkTranslate100x40 is the scale test: 100 episodes × 40
// cues through a fake server with 300 ms latency per request, batched and
// concurrent, against the cost of one request per cue in sequence
// (4 000 × 300 ms = 1 200 s, reported as speedup).
func BenchmarkTranslate100x40(b *testing.B) {
	e := &echo{latency: 300 * time.Millisecond}
	tr := setup(b, e, 4)
	var jobs []Job
	for ep := range 100 {
		jobs = append(jobs, Job{Cues: cues(40, fmt.Sprint("ep", ep)), Opt: Options{To: "en"}})
	}
	for b.Loop() {
		start := time.Now()
		res, err := tr.TranslateAll(context.Background(), jobs)
		if err != nil || res[99][39].Status != StatusOK {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.ReportMetric(el.Seconds(), "s/run")
		b.ReportMetric((4000*300*time.Millisecond).Seconds()/el.Seconds(), "x-vs-sequential")
	}
}

// BenchmarkPerCueSequential measures the baseline on a sample: one request
// per cue, one at a time (20 cues), reported per cue; × 4 000 gives the
// sequential cost of the 100 × 40 run.
func BenchmarkPerCueSequential(b *testing.B) {
	e := &echo{latency: 300 * time.Millisecond}
	tr := setup(b, e, 1)
	for b.Loop() {
		start := time.Now()
		if _, err := tr.Translate(context.Background(), Job{Cues: cues(20, "s"), Opt: Options{To: "en", Batch: 1}}); err != nil {
			b.Fatal(err)
		}
		per := time.Since(start).Seconds() / 20
		b.ReportMetric(per, "s/cue")
		b.ReportMetric(per*4000, "s-for-4000-cues")
	}
}

func TestTranslateTrackKeepsIDsAndTimes(t *testing.T) {
	e := &echo{mangle: func(call int, in []wireCue, out []wireOut) []wireOut {
		return out[1:] // the first cue never comes back
	}}
	tr := setup(t, e, 2)
	src := &subtitle.Track{Lang: "zh-Hans", Cues: []subtitle.Cue{
		{ID: "a", Start: time.Second, End: 3 * time.Second, Lines: []string{"你好"}},
		{ID: "b", Start: 4 * time.Second, End: 6 * time.Second, Lines: []string{"汴绣", "不能丢"}, Speaker: "林晚"},
	}}
	p := &script.Project{Glossary: []script.GlossaryEntry{{Term: "汴绣", Render: map[string]string{"en": "Bian embroidery"}}}}
	prof, _ := subtitle.Resolve("en", "")
	out, rep, err := TranslateTrack(context.Background(), tr, src, "en", prof, p, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 1 || rep.OK != 1 || len(out.Cues) != 2 || out.Lang != "en" {
		t.Fatalf("%+v %+v", rep, out)
	}
	a, b := out.Cues[0], out.Cues[1]
	if a.ID != "a" || len(a.Lines) != 0 || !strings.HasPrefix(a.Note, "UNTRANSLATED") || a.Start != time.Second {
		t.Fatalf("failed cue %+v", a)
	}
	if b.ID != "b" || b.TranslationText() != "" || !strings.Contains(b.Text(), "EN:") || b.End != 6*time.Second || b.Speaker != "林晚" {
		t.Fatalf("cue b %+v", b)
	}
	if !strings.Contains(e.prompts[0], "汴绣 → Bian embroidery") {
		t.Fatal("project glossary not used")
	}
}

func TestInvalidBatchIsSplit(t *testing.T) {
	e := &echo{mangle: func(call int, in []wireCue, out []wireOut) []wireOut {
		if len(in) > 10 {
			return []wireOut{{ID: "", Text: ""}} // a weak model garbles big batches
		}
		return out
	}}
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = func(r aitest.Request) aitest.Reply {
		rep := e.handle(r)
		if len(cuesIn(r.LastUser())) > 10 {
			return aitest.Chat("not json at all")
		}
		return rep
	}
	c, _ := ai.New(ai.Config{Provider: ai.ProviderVLLM, BaseURL: srv.URL(), Model: "m"})
	out, err := New(c).Translate(context.Background(), Job{Cues: cues(40, "s"), Opt: Options{To: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o.Status != StatusOK || o.Text != fmt.Sprintf("EN:台词%d", i+1) {
			t.Fatalf("cue %d: %+v", i, o)
		}
	}
}
