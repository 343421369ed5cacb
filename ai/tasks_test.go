package ai

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/ai/aitest"
	"github.com/duanju-studio/duanju/script"
)

const ep2 = `2-1 日 内 林家老宅
人物：林晚、周母
△林晚推开门，堂屋里摆着一只旧木箱。
周母：（冷笑）你还有脸回来？
林晚：这是我外婆的房子。
【卡点】
`

func fixture() *script.Project {
	p := &script.Project{Meta: script.Meta{Title: "归乡", Logline: "被退婚的林晚回到开封老家，靠祖传汴绣手艺翻身。", TargetEpisodes: 60},
		Characters: []script.Character{{Name: "林晚", Role: "主角", Age: 26, Bio: "汴绣传人，倔强，话少。"},
			{Name: "周母", Role: "配角", Bio: "周家主母，精明。"}, {Name: "陈默", Role: "配角", Bio: "文旅公司经理。"}},
		Glossary: []script.GlossaryEntry{{Term: "汴绣", Render: map[string]string{"en": "Bian embroidery"}}},
	}
	p.Episodes = []*script.Episode{
		{Number: 1, Body: "1-1 日 外 开封站\n△林晚拖着行李箱走出车站。\n林晚：（OS）我回来了。\n"},
		{Number: 2, Body: ep2},
	}
	return p
}

func TestBuildRequestContinue(t *testing.T) {
	p := fixture()
	StoreSummary(p, 1, "林晚回到开封。")
	cfg := Config{Provider: ProviderOpenAI, Model: "m", Key: "k"}
	req, err := BuildRequest(TaskContinue, Input{Project: p, Episode: 2, Start: len(ep2), End: len(ep2), Instruction: "让周母松口"}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sys, usr := req.Messages[0].Content, req.Messages[len(req.Messages)-1].Content
	for _, want := range []string{"归乡", "林晚", "汴绣传人", "第1集：林晚回到开封。", "汴绣"} {
		if !strings.Contains(sys, want) {
			t.Errorf("system prompt lacks %q", want)
		}
	}
	if !strings.Contains(usr, "周母：（冷笑）你还有脸回来？") || !strings.Contains(usr, "让周母松口") {
		t.Errorf("user prompt: %s", usr)
	}
	// Characters in the episode come with their full bio, others shortened.
	if !strings.Contains(sys, "本集人物") {
		t.Error("no in-episode cast section")
	}
	// English prompts exist for every task.
	for task := range specs {
		in := Input{Project: p, Episode: 2, Start: 0, End: 10, Lang: "en", Instruction: "hi", Premise: "x"}
		if _, err := BuildRequest(task, in, cfg); err != nil {
			t.Errorf("%s en: %v", task, err)
		}
		in.Lang = "zh"
		if _, err := BuildRequest(task, in, cfg); err != nil {
			t.Errorf("%s zh: %v", task, err)
		}
	}
}

func TestBuildRequestBudget(t *testing.T) {
	p := fixture()
	long := strings.Repeat("△林晚在灯下一针一线地绣着，窗外的雨越下越大。\n", 2000)
	for i := 3; i <= 80; i++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i, Body: long})
	}
	cfg := Config{Provider: ProviderOllama, Model: "m", Context: 4096}
	req, err := BuildRequest(TaskContinue, Input{Project: p, Episode: 80, Start: len(long), End: len(long)}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, m := range req.Messages {
		total += EstimateTokens(m.Content)
	}
	if total+req.MaxTokens > 4096 {
		t.Fatalf("prompt %d + reply %d exceed the 4096 context", total, req.MaxTokens)
	}
	// the most recent summary survives, the oldest go first
	if !strings.Contains(req.Messages[0].Content, "第79集") || strings.Contains(req.Messages[0].Content, "第3集：") {
		t.Fatalf("summaries not trimmed oldest-first:\n%s", req.Messages[0].Content)
	}
}

func TestRewriteNeedsSelection(t *testing.T) {
	_, err := BuildRequest(TaskRewrite, Input{Project: fixture(), Episode: 2}, Config{Provider: "openai", Model: "m", Key: "k"})
	if Classify(err).Kind != KindConfig {
		t.Fatal(err)
	}
	if len(Styles()) < 4 || Styles()[2].ID != "less_bazong" {
		t.Fatal("styles not loaded")
	}
}

func TestGenerateKeepsTextUntouched(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	p := fixture()
	before := p.Episodes[1].Body
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("林晚：（平静）", ""), aitest.StreamError("overloaded")}})
	res, _, err := c.Generate(context.Background(), TaskContinue, Input{Project: p, Episode: 2, Start: len(ep2), End: len(ep2)}, nil)
	if err == nil || res.Text != "林晚：（平静）" || p.Episodes[1].Body != before {
		t.Fatalf("failed request changed text or lost partial: %q %v", res.Text, err)
	}
}

func TestFixAndReview(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	p := fixture()
	start := strings.Index(ep2, "周母：（冷笑）")
	end := start + len("周母：（冷笑）你还有脸回来？")
	// first reply is invalid JSON: JSON() retries once
	srv.Push(aitest.Chat("当然！这是修改："), aitest.Chat("```json\n{\"explanation\":\"去掉刻薄\",\"replacement\":\"周母：（迟疑）你回来了。\"}\n```"))
	fix, _, err := c.Fix(context.Background(), Input{Project: p, Finding: Finding{Rule: "stereotype.evil_mil", Category: "stereotype",
		Message: "恶婆婆形象", Source: "广电总局2024", Episode: 2, Start: start, End: end}})
	if err != nil || fix.Replacement != "周母：（迟疑）你回来了。" || srv.Count() != 2 {
		t.Fatalf("%+v %v %d", fix, err, srv.Count())
	}
	reqs := srv.Requests()
	if rf := reqs[0].Body["response_format"].(map[string]any); rf["type"] != "json_schema" {
		t.Fatalf("openai should get json_schema: %v", rf)
	}
	if !strings.Contains(reqs[0].LastUser(), "广电总局2024") || !strings.Contains(reqs[0].LastUser(), "你还有脸回来") {
		t.Fatal("fix prompt lacks rule source or span")
	}
	if !strings.Contains(reqs[1].LastUser(), "not valid") {
		t.Fatal("retry does not say what was wrong")
	}

	items := `{"findings":[{"category":"stereotype","message":"婆婆刻薄","quote":"你还有脸回来？","severity":"medium","suggestion":"给动机"},
	{"category":"bazong","message":"编造","quote":"不存在的句子","severity":"high","suggestion":""},
	{"category":"nonsense","message":"x","quote":"林晚","severity":"low","suggestion":""}]}`
	srv.Push(aitest.Chat(items))
	fs, _, err := c.Review(context.Background(), Input{Project: p, Episode: 2})
	if err != nil || len(fs) != 1 {
		t.Fatalf("%+v %v", fs, err)
	}
	f := fs[0]
	if !f.AI || ep2[f.Start:f.End] != "你还有脸回来？" || f.Category != "stereotype" || f.Episode != 2 {
		t.Fatalf("%+v", f)
	}
}

func TestJSONModeForProvidersWithoutSchema(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderDeepSeek)
	srv.Push(aitest.Chat(`{"synopsis":"` + strings.Repeat("长", 250) + `","tagline":"短"}`))
	srv.Push(aitest.Chat(`{"synopsis":"林晚回乡，以汴绣重振老宅。","tagline":"一针一线，绣回人生"}`))
	out, _, err := c.Synopsis(context.Background(), Input{Project: fixture()})
	if err != nil || out.Tagline != "一针一线，绣回人生" {
		t.Fatalf("%+v %v", out, err)
	}
	rf := srv.Requests()[0].Body["response_format"].(map[string]any)
	if rf["type"] != "json_object" || !strings.Contains(srv.Requests()[0].Raw, "JSON schema") {
		t.Fatalf("deepseek should get json_object with the schema in the prompt: %v", rf)
	}
	if !strings.Contains(srv.Requests()[1].LastUser(), "250/200") {
		t.Fatal("length retry does not say the count")
	}
}

func TestInvalidJSONTwice(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	srv.Push(aitest.Chat("nope"), aitest.Chat(`{"wrong":1}`))
	_, _, err := c.Fix(context.Background(), Input{Project: fixture(), Episode: 2, Start: 0, End: 5})
	if Classify(err).Kind != KindInvalid || srv.Count() != 2 {
		t.Fatalf("%v %d", err, srv.Count())
	}
}

func TestLadderResumes(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderOpenAI)
	forgot := false
	srv.Handler = func(r aitest.Request) aitest.Reply {
		u := r.LastUser()
		switch {
		case strings.Contains(u, "核心设定"):
			return aitest.Chat(`{"audience":"女性","genres":["都市","非遗"],"logline":"退婚女回乡绣出新天地","selling_points":["汴绣"],"title":"归乡"}`)
		case strings.Contains(u, "人物与世界设定"):
			return aitest.Chat(`{"characters":[{"age":26,"bio":"汴绣传人","gender":"女","name":"林晚","role":"主角"}],"locations":[{"name":"林家老宅","notes":"开封"}],"rules":["汴绣需三年学成"]}`)
		case strings.Contains(u, "规划全季故事弧"):
			return aitest.Chat(`{"acts":[{"from":1,"name":"归乡","summary":"回乡","to":12}],"foreshadowing":[],"paywall":10,"reversals":[{"episode":6,"what":"外婆遗嘱"}]}`)
		case strings.Contains(u, "分集大纲"):
			var from, to int
			fmt.Sscanf(u[strings.Index(u, "写第"):], "写第%d到第%d集", &from, &to)
			var eps []EpisodeOutline
			for n := from; n <= to; n++ {
				if n == 5 && !forgot { // the gateway "forgot" one
					forgot = true
					continue
				}
				eps = append(eps, EpisodeOutline{Number: n, Title: fmt.Sprint("第", n), Hook: "h", Beats: []string{"b"}, Cliffhanger: "c"})
			}
			b, _ := json.Marshal(outlinesReply{Episodes: eps})
			return aitest.Chat(string(b))
		}
		t.Logf("unexpected prompt: %s", u)
		return aitest.Error(400, "invalid_request_error", "unexpected prompt")
	}
	p := &script.Project{}
	l := &Ladder{Premise: "被退婚的姑娘回开封老家学汴绣", Episodes: 12, Batch: 6}
	var steps []string
	for l.Next() != "done" && len(steps) < 10 {
		s, err := c.Step(context.Background(), l, p)
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, s)
		// simulate an interruption: reload from JSON between steps
		b, _ := json.Marshal(l)
		l = &Ladder{}
		json.Unmarshal(b, l)
	}
	want := "logline bible arc outlines outlines outlines"
	if strings.Join(steps, " ") != want {
		t.Fatalf("steps %v", steps)
	}
	if p.Meta.Title != "归乡" || len(p.Characters) != 1 || len(p.Episodes) != 12 || !strings.Contains(p.Episode(5).Notes, "钩子") {
		t.Fatalf("%+v", p.Meta)
	}
	// the third outline call asked only for the missing episode 5
	if gap := srv.Requests()[4].LastUser(); !strings.Contains(gap, "写第5到第5集") {
		t.Fatalf("resume asked for %.80q", gap)
	}
	srv.Push(aitest.Stream("5-1 日 内 林家老宅\n", "△林晚打开木箱。"))
	res, err := c.Draft(context.Background(), l, p, 5, nil)
	if err != nil || !strings.HasPrefix(l.Drafts["5"], "5-1") || p.Episode(5).Body != "" || res.Text == "" {
		t.Fatalf("%v %q", err, l.Drafts["5"])
	}
}

func TestProvenance(t *testing.T) {
	p := fixture()
	now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	body := p.Episodes[1].Body
	at := strings.Index(body, "林晚：这是")
	end := at + len("林晚：这是我外婆的房子。")
	if !Accept(p, 2, at, end, "林晚：（平静）这是外婆留给我的家。", "qwen-plus", "rewrite", now) {
		t.Fatal("accept failed")
	}
	r := AIRanges(p, 2)
	if len(r) != 1 || p.Episodes[1].Body[r[0].Start:r[0].End] != "林晚：（平静）这是外婆留给我的家。" || r[0].Model != "qwen-plus" {
		t.Fatalf("%+v", r)
	}
	// an edit before it shifts it
	ShiftForEdit(p, 2, 0, 0, len("【钩子】\n"))
	p.Episodes[1].Body = "【钩子】\n" + p.Episodes[1].Body
	if Reconcile(p) != 0 || AIShare(p, 2) <= 0 {
		t.Fatal("shifted record lost")
	}
	// an edit elsewhere without ShiftForEdit: Reconcile re-anchors
	p.Episodes[1].Body = "△雨。\n" + p.Episodes[1].Body
	if Reconcile(p) != 0 {
		t.Fatal("re-anchor failed")
	}
	r = AIRanges(p, 2)
	if p.Episodes[1].Body[r[0].Start:r[0].End] != r[0].Text {
		t.Fatal("wrong anchor")
	}
	// a person edits inside it: dropped
	if ShiftForEdit(p, 2, r[0].Start+3, r[0].Start+6, 0) != 1 || len(p.Provenance) != 0 {
		t.Fatal("edited AI text still recorded")
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"```\n△门开了。\n```": "△门开了。",
		"<<<\n林晚：走。\n>>>": "林晚：走。",
		"\n\n△雨。\n":       "△雨。",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("%q → %q", in, got)
		}
	}
}

func TestAISummary(t *testing.T) {
	p := fixture()
	body := p.Episodes[1].Body
	Accept(p, 2, len(body), len(body), "△雨停了。\n", "m1", "continue", time.Now())
	Accept(p, 2, 0, 0, "【钩子】\n", "m2", "hook", time.Now())
	s := AISummary(p)
	if len(s) != 1 || s[0].Passages != 2 || len(s[0].Models) != 2 || s[0].Share <= 0 || !Unlabelled(p) {
		t.Fatalf("%+v", s)
	}
	if Reconcile(p) != 0 {
		t.Fatal("records lost after two accepts")
	}
	p.Settings.LabelAIContent = true
	if Unlabelled(p) {
		t.Fatal("labelled project reported")
	}
}

func TestContextOverflowLearnsAndRetries(t *testing.T) {
	c, srv, _, _ := newTest(t, ProviderLlamaCpp)
	p := fixture()
	long := strings.Repeat("△林晚在灯下一针一线地绣着，窗外的雨越下越大。\n", 40)
	for i := 3; i <= 40; i++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i, Body: long})
	}
	srv.Push(aitest.Error(400, "exceed_context_size_error", "request (9000 tokens) exceeds the available context size (2048 tokens), try increasing it"),
		aitest.Stream("好"))
	res, _, err := c.Generate(context.Background(), TaskContinue, Input{Project: p, Episode: 40, Start: len(long), End: len(long)}, nil)
	if err != nil || res.Text != "好" {
		t.Fatalf("%v %q", err, res.Text)
	}
	a, b := len(srv.Requests()[0].Raw), len(srv.Requests()[1].Raw)
	if b >= a/2 {
		t.Fatalf("retry not trimmed: %d → %d bytes", a, b)
	}
	if l, pr := contextNumbers("This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion)."); l != 4096 || pr != 4000 {
		t.Fatalf("vllm wording: %d %d", l, pr)
	}
}
