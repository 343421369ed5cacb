package aicheck

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/format"
)

const series = `剧名：老街的面馆
人物小传：
林晚（女，24岁，女主）：设计师。
小宇（男，12岁）：林晚的弟弟。

第1集：回家
1-1 夜 内 面馆
人物：林晚
【钩子】林晚推开门，店里一片漆黑。
林晚：我要让他们血债血偿！
【卡点】门外有人敲门——

第2集：弟弟
2-1 日 内 客厅
人物：林晚、小宇
【钩子】小宇不见了！
△房东把小宇锁在地下室，说欠的房租拿孩子抵。
【卡点】电话响了——

第3集：面馆
3-1 日 内 面馆
人物：林晚
【钩子】面馆重新开张。
林晚：今天的面，算我请。
【卡点】门口停了一辆车——
`

func project(t *testing.T) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(series)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// reviewer answers like a model that reads each episode: a violence
// finding on the revenge line (the rules have it too), a minors finding on
// the locked-up child (no rule has it), nothing on episode 3.
func reviewer(r aitest.Request) aitest.Reply {
	u := r.LastUser()
	var items []map[string]string
	switch {
	case strings.Contains(u, "血债血偿"):
		items = append(items, map[string]string{"category": "violence", "quote": "我要让他们血债血偿！", "severity": "high", "message": "以私刑复仇为正当", "suggestion": "改为寻求法律途径"})
	case strings.Contains(u, "地下室"):
		items = append(items, map[string]string{"category": "minors", "quote": "房东把小宇锁在地下室，说欠的房租拿孩子抵", "severity": "blocker", "message": "未成年人被拘禁且无人制止", "suggestion": "让邻居报警，交代后果"})
	}
	if items == nil {
		items = []map[string]string{}
	}
	b, _ := json.Marshal(map[string]any{"findings": items})
	return aitest.Chat(string(b))
}

func client(t *testing.T, url string) *ai.Client {
	t.Helper()
	c, err := ai.New(ai.Config{Provider: ai.ProviderVLLM, BaseURL: url, Model: "fake-model", Concurrency: 2,
		Retry: ai.RetryPolicy{MaxTries: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checked(t *testing.T, p *script.Project) *check.Result {
	t.Helper()
	eng, err := check.Default()
	if err != nil {
		t.Fatal(err)
	}
	return eng.Check(p, check.Options{Lang: "zh"})
}

func byReader(res *check.Result, reader string) []check.Finding {
	var out []check.Finding
	for _, f := range res.Findings {
		if f.Reader == reader || (reader == check.ReaderRule && f.Reader == "") {
			out = append(out, f)
		}
	}
	return out
}

func TestRunMergesTheAIReader(t *testing.T) {
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = reviewer
	p := project(t)
	res := checked(t, p)
	rules := len(byReader(res, check.ReaderRule))
	var progress []int
	var mu sync.Mutex
	st := Run(context.Background(), client(t, srv.URL()), nil, p, res, NewCache(), Options{Lang: "zh",
		Progress: func(done, total int) { mu.Lock(); progress = append(progress, done*10+total); mu.Unlock() }})
	if !st.OK || st.Reviewed != 3 || st.Cached != 0 || srv.Count() != 3 || st.Error != "" {
		t.Fatalf("status %+v, %d requests", st, srv.Count())
	}
	slices.Sort(progress)
	if !slices.Equal(progress, []int{13, 23, 33}) {
		t.Fatalf("progress %v", progress)
	}
	got := byReader(res, check.ReaderAI)
	if len(got) != 1 {
		t.Fatalf("AI findings %+v", got)
	}
	f := got[0]
	body := p.Episode(2).Body
	if f.Episode != 2 || f.Category != "minors" || f.Rule != "ai.minors" || body[f.Start:f.End] != f.Match ||
		!strings.Contains(f.Excerpt, "地下室") || f.Scene != "2-1" || f.Line == 0 || f.Source.Mark != "U" {
		t.Fatalf("finding %+v", f)
	}
	if f.Severity != check.High {
		t.Errorf("an AI finding said %s: without a cited rule it is at most high", f.Severity)
	}
	if len(byReader(res, check.ReaderRule)) != rules {
		t.Fatal("rule findings lost or doubled")
	}
	agreed := 0
	for _, f := range res.Findings {
		if slices.Contains(f.Tags, check.AgreedTag) {
			agreed++
			if f.Category != "violence" || f.Episode != 1 {
				t.Errorf("AI agreement on %+v", f)
			}
		}
	}
	if agreed != 1 || st.Agreed != 1 || st.Findings != 1 {
		t.Fatalf("agreed %d, status %+v", agreed, st)
	}
}

// A re-run asks only about the episode whose text changed; the cache file
// carries the answers to the next process.
func TestCacheAsksOnlyChangedEpisodes(t *testing.T) {
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = reviewer
	path := filepath.Join(t.TempDir(), "ai-review.json")
	p := project(t)
	c := client(t, srv.URL())
	cache := OpenCache(path)
	Run(context.Background(), c, nil, p, checked(t, p), cache, Options{})
	if err := cache.Save(); err != nil {
		t.Fatal(err)
	}
	if srv.Count() != 3 || cache.Len() != 3 {
		t.Fatalf("%d requests, %d answers", srv.Count(), cache.Len())
	}
	// another process: same texts, one episode edited
	p.Episode(3).Body = strings.Replace(p.Episode(3).Body, "算我请", "半价", 1)
	again := OpenCache(path)
	res := checked(t, p)
	st := Run(context.Background(), c, nil, p, res, again, Options{})
	if srv.Count() != 4 || st.Cached != 2 || st.Reviewed != 3 || !st.OK {
		t.Fatalf("re-run asked %d times in all, status %+v", srv.Count(), st)
	}
	if !strings.Contains(srv.Requests()[3].LastUser(), "半价") {
		t.Fatal("the changed episode was not the one asked")
	}
	if len(byReader(res, check.ReaderAI)) != 1 {
		t.Fatal("the cached answer's finding is missing")
	}
	// the app after a restart: the cache alone, nothing asked
	fs, cst := Cached(p, again, "fake-model", "zh", "zh")
	if srv.Count() != 4 || cst.Reviewed != 3 || cst.Cached != 3 || len(fs) != 2 {
		t.Fatalf("from the cache: %d findings, status %+v, %d requests", len(fs), cst, srv.Count())
	}
	if _, none := Cached(p, again, "other-model", "zh", "zh"); none.Reviewed != 0 {
		t.Fatal("another model's answers taken from the cache")
	}
	// another model is another answer
	c2, _ := ai.New(ai.Config{Provider: ai.ProviderVLLM, BaseURL: srv.URL(), Model: "other-model", Retry: ai.RetryPolicy{MaxTries: 1}})
	Run(context.Background(), c2, nil, p, checked(t, p), again, Options{Episodes: []int{1}})
	if srv.Count() != 5 {
		t.Fatalf("another model reused the cache: %d", srv.Count())
	}
}

// A dead endpoint or AI never set up keeps every rule and model finding,
// and the result says the AI reader failed, why and what to do.
func TestDeadEndpointKeepsRuleFindings(t *testing.T) {
	dead := aitest.New()
	url := dead.URL()
	dead.Close()
	p := project(t)
	want := checked(t, p)
	cases := []struct {
		name   string
		c      *ai.Client
		err    error
		lang   script.Lang
		expect []string
	}{
		{"服务器不在", client(t, url), nil, "zh", []string{"AI 复核没有完成", "3 集中 3 集没有结果", "规则与模型的结果照常列出"}},
		{"没有设置", nil, (ai.Config{Provider: ai.ProviderCustom}).Validate(), "zh", []string{"DUANJU_AI_BASE_URL", "规则与模型的结果照常列出"}},
		{"not set up", nil, nil, "en", []string{"AI is not set up", "rule and model findings are complete"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := checked(t, p)
			st := Run(context.Background(), tc.c, tc.err, p, res, NewCache(), Options{Lang: tc.lang})
			if st.OK || len(st.Failed) != 3 || st.Reviewed != 0 {
				t.Fatalf("status %+v", st)
			}
			for _, s := range tc.expect {
				if !strings.Contains(st.Error, s) {
					t.Errorf("error %q does not say %q", st.Error, s)
				}
			}
			if len(res.Findings) != len(want.Findings) || len(byReader(res, check.ReaderAI)) != 0 {
				t.Fatalf("findings changed: %d → %d", len(want.Findings), len(res.Findings))
			}
			if res.Fails(check.High) != want.Fails(check.High) {
				t.Fatal("the exit decision changed")
			}
			if got, ok := res.Reader(check.ReaderAI); !ok || got.Error != st.Error {
				t.Fatalf("the result does not carry the AI status: %+v", res.Readers)
			}
		})
	}
}

// Cancelling keeps what was read and says the review stopped.
func TestCancelStops(t *testing.T) {
	srv := aitest.New()
	t.Cleanup(srv.Close)
	srv.Handler = reviewer
	p := project(t)
	ctx, cancel := context.WithCancel(context.Background())
	cache := NewCache()
	// episode 1 is already known; the rest is cancelled before it is asked
	Run(context.Background(), client(t, srv.URL()), nil, p, checked(t, p), cache, Options{Episodes: []int{1}})
	cancel()
	res := checked(t, p)
	st := Run(ctx, client(t, srv.URL()), nil, p, res, cache, Options{Workers: 1})
	if st.OK || !st.Stopped || st.Reviewed > 1 || !strings.Contains(st.Error, "已停止") || srv.Count() != 1 {
		t.Fatalf("status %+v after %d requests", st, srv.Count())
	}
}

func TestParseEpisodes(t *testing.T) {
	p := project(t)
	res := &check.Result{Findings: []check.Finding{{Episode: 3}, {Episode: 1}, {Episode: 3}, {Episode: 0}}}
	cases := []struct {
		spec string
		want []int
		bad  bool
	}{
		{"", nil, false},
		{"all", nil, false},
		{"1-2", []int{1, 2}, false},
		{"3,1-2", []int{3, 1, 2}, false},
		{" 2 ", []int{2}, false},
		{"flagged", []int{1, 3}, false},
		{"1-9", nil, true},
		{"2-1", nil, true},
		{"第1集", nil, true},
		{"0", nil, true},
	}
	for _, c := range cases {
		got, err := ParseEpisodes(c.spec, p, res)
		if (err != nil) != c.bad || !slices.Equal(got, c.want) {
			t.Errorf("%q: %v %v", c.spec, got, err)
		}
	}
}

// FuzzParseEpisodes: any --episodes text either fails or names each
// episode of the project at most once.
func FuzzParseEpisodes(f *testing.F) {
	for _, s := range []string{"", "all", "flagged", "1-3", "3,1-2", "2-1", "1,,2", "-1", "1-", "９", "1-99999999999999999999"} {
		f.Add(s)
	}
	p, err := format.ParseChinese(series)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		got, err := ParseEpisodes(spec, p, nil)
		if err != nil {
			return
		}
		seen := map[int]bool{}
		for _, n := range got {
			if p.Episode(n) == nil || seen[n] {
				t.Fatalf("%q → %v", spec, got)
			}
			seen[n] = true
		}
	})
}
