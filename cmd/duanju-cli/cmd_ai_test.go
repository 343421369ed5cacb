package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/duanju-studio/duanju/ai/aitest"
)

const aiScript = `剧名：归乡
人物小传：
林晚：26岁，女，汴绣传人。
周母：55岁，女，周家主母。

第1集：回家

1-1 日 外 开封站
人物：林晚
△林晚拖着行李箱走出车站。
林晚：（OS）我回来了。

第2集：老宅

2-1 日 内 林家老宅
人物：林晚、周母
△林晚推开门，堂屋里摆着一只旧木箱。
周母：（冷笑）你还有脸回来？
林晚：这是我外婆的房子。
【卡点】
`

// fakeAI points the CLI at a fake server through the environment.
func fakeAI(t *testing.T) (*aitest.Server, string) {
	t.Helper()
	keyring.MockInit() // never the real keychain in tests
	srv := aitest.New()
	t.Cleanup(srv.Close)
	t.Setenv("DUANJU_AI_PROVIDER", "vllm")
	t.Setenv("DUANJU_AI_BASE_URL", srv.URL())
	t.Setenv("DUANJU_AI_MODEL", "fake-model")
	t.Setenv("DUANJU_AI_KEY", "")
	path := filepath.Join(t.TempDir(), "归乡.txt")
	if err := os.WriteFile(path, []byte(aiScript), 0o644); err != nil {
		t.Fatal(err)
	}
	return srv, path
}

func TestAIContinueStreams(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Push(aitest.Stream("周母：（一愣）", "你外婆……走之前说过什么？"))
	code, out, errs := runCLI(t, "ai", "continue", path, "--episode", "2", "--instruction", "让周母松口")
	if code != exitOK || !strings.Contains(out, "周母：（一愣）你外婆……走之前说过什么？") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	u := srv.Requests()[0].LastUser()
	if !strings.Contains(u, "这是我外婆的房子") || !strings.Contains(u, "让周母松口") {
		t.Fatalf("prompt: %s", u)
	}
}

func TestAIContinueAutoContinuesOnLength(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Push(aitest.Reply{Events: []string{aitest.Delta("前半句，", ""), aitest.Finish("length")}}, aitest.Stream("后半句。"))
	code, out, errs := runCLI(t, "ai", "continue", path, "--episode", "2")
	if code != exitOK || !strings.Contains(out, "前半句，后半句。") || !strings.Contains(errs, "continuing") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if m := srv.Requests()[1].Messages(); m[len(m)-2]["content"] != "前半句，" {
		t.Fatal("continuation does not carry the partial text")
	}
}

func TestAIRewriteJSON(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Push(aitest.Stream("周母：（迟疑）你……回来了。"))
	code, out, errs := runCLI(t, "ai", "rewrite", path, "--episode", "2", "--text", "周母：（冷笑）你还有脸回来？", "--style", "less_bazong", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r editJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Replacement != "周母：（迟疑）你……回来了。" || r.Original != "周母：（冷笑）你还有脸回来？" || r.End-r.Start != len(r.Original) {
		t.Fatalf("%v %+v", err, r)
	}
	if !strings.Contains(srv.Requests()[0].LastUser(), "去霸总化") {
		t.Fatal("style not in prompt")
	}
	code, _, errs = runCLI(t, "ai", "rewrite", path, "--episode", "2", "--text", "不存在")
	if code != exitUsage || !strings.Contains(errs, "verbatim") {
		t.Fatalf("missing passage: %d %s", code, errs)
	}
}

func TestAIFixFromCheckOutput(t *testing.T) {
	srv, path := fakeAI(t)
	report := `{"project":"归乡","findings":[{"rule":"stereotype.mil","category":"stereotype","severity":"medium","episode":2,
	"start":0,"end":0,"excerpt":"你还有脸回来？","message":"恶婆婆式刻薄台词","suggestion":"给人物动机","source":{"name":"总局2024年通知","url":"https://example.org/n","mark":"S"}}]}`
	rp := filepath.Join(t.TempDir(), "check.json")
	os.WriteFile(rp, []byte(report), 0o644)
	srv.Push(aitest.Chat(`{"explanation":"语气缓和","replacement":"你可算回来了。"}`))
	code, out, errs := runCLI(t, "ai", "fix", path, "--finding", rp)
	if code != exitOK || strings.TrimSpace(out) != "你可算回来了。" {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	u := srv.Requests()[0].LastUser()
	if !strings.Contains(u, "总局2024年通知") || !strings.Contains(u, "<<<\n你还有脸回来？\n>>>") {
		t.Fatalf("fix prompt lacks the source or the span:\n%s", u)
	}
}

func TestAIReviewAndSynopsisAndModels(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Push(aitest.Chat(`{"findings":[{"category":"stereotype","message":"刻薄","quote":"你还有脸回来？","severity":"low","suggestion":"x"}]}`))
	code, out, errs := runCLI(t, "ai", "review", path, "--episode", "2", "--json")
	if code != exitOK {
		t.Fatalf("%d %s", code, errs)
	}
	var rv struct {
		Findings []struct {
			Start, End int
			AI         bool
			Rule       string
		}
	}
	json.Unmarshal([]byte(out), &rv)
	if len(rv.Findings) != 1 || !rv.Findings[0].AI || rv.Findings[0].End <= rv.Findings[0].Start {
		t.Fatalf("%s", out)
	}
	srv.Push(aitest.Chat(`{"synopsis":"林晚回到开封老宅。","tagline":"一针一线绣回家"}`))
	code, out, _ = runCLI(t, "ai", "synopsis", path)
	if code != exitOK || !strings.Contains(out, "一针一线绣回家") {
		t.Fatalf("%d %s", code, out)
	}
	srv.Models = []string{"fake-model", "other"}
	code, out, _ = runCLI(t, "ai", "models")
	if code != exitOK || !strings.Contains(out, "other") {
		t.Fatalf("%d %s", code, out)
	}
}

func TestAIErrorsAreActionable(t *testing.T) {
	srv, path := fakeAI(t)
	srv.Push(aitest.Error(401, "invalid_api_key", "Incorrect API key"))
	code, out, errs := runCLI(t, "ai", "continue", path, "--episode", "2")
	if code != exitFindings || !strings.Contains(errs, "API key") || strings.TrimSpace(out) != "" {
		t.Fatalf("%d %q %s", code, out, errs)
	}
	t.Setenv("DUANJU_AI_PROVIDER", "deepseek")
	t.Setenv("DEEPSEEK_API_KEY", "")
	code, _, errs = runCLI(t, "ai", "continue", path, "--episode", "2")
	if code != exitUsage || !strings.Contains(errs, "DEEPSEEK_API_KEY") {
		t.Fatalf("%d %s", code, errs)
	}
	t.Setenv("DUANJU_AI_PROVIDER", "vllm")
	t.Setenv("DUANJU_AI_MODEL", "")
	code, _, errs = runCLI(t, "ai", "review", path, "--episode", "2")
	if code != exitUsage || !strings.Contains(errs, "DUANJU_AI_MODEL") {
		t.Fatalf("%d %s", code, errs)
	}
}

func TestAIOutlineResumes(t *testing.T) {
	srv, _ := fakeAI(t)
	state := filepath.Join(t.TempDir(), "plan.json")
	srv.Push(aitest.Chat(`{"audience":"女性","genres":["都市"],"logline":"退婚女回乡","selling_points":["汴绣"],"title":"归乡"}`),
		aitest.Error(429, "insufficient_quota", "You exceeded your current quota"))
	t.Setenv("DUANJU_AI_MAX_TOKENS", "100")
	code, _, errs := runCLI(t, "ai", "outline", "--premise", "退婚女回开封学汴绣", "--episodes", "2", "--state", state)
	if code != exitFindings || !strings.Contains(errs, "done: logline") || !strings.Contains(errs, "quota") {
		t.Fatalf("%d %s", code, errs)
	}
	srv.Push(aitest.Chat(`{"characters":[{"age":26,"bio":"汴绣传人","gender":"女","name":"林晚","role":"主角"}],"locations":[],"rules":[]}`),
		aitest.Chat(`{"acts":[],"foreshadowing":[],"paywall":2,"reversals":[]}`),
		aitest.Chat(`{"episodes":[{"beats":["回家"],"cliffhanger":"箱子里是什么","hook":"退婚书","number":1,"reversal":"","title":"归"},{"beats":["开箱"],"cliffhanger":"外婆的信","hook":"木箱","number":2,"reversal":"","title":"箱"}]}`))
	code, out, errs := runCLI(t, "ai", "outline", "--state", state)
	if code != exitOK || !strings.Contains(errs, "resuming") || !strings.Contains(out, "第2集 箱") {
		t.Fatalf("%d\n%s\n%s", code, out, errs)
	}
	// the resumed run never asked for the logline again
	for _, r := range srv.Requests()[2:] {
		if strings.Contains(r.LastUser(), "核心设定") {
			t.Fatal("logline asked twice")
		}
	}
}

const aiSRT = `1
00:00:01,000 --> 00:00:03,000
林晚，你回来了。

2
00:00:03,500 --> 00:00:05,000
汴绣不能丢。

3
00:00:05,500 --> 00:00:07,000
走吧。
`

func TestSubsTranslate(t *testing.T) {
	srv, script := fakeAI(t)
	os.WriteFile(script, []byte("剧名：归乡\n\n第1集\n\n1-1 日 内 家\n△雨。\n"), 0o644)
	srv.Handler = func(r aitest.Request) aitest.Reply {
		u := r.LastUser()
		var cues []struct{ ID, Text string }
		json.Unmarshal([]byte(u[strings.LastIndex(u, "\n[")+1:]), &cues)
		out := []map[string]string{}
		for i := len(cues) - 1; i >= 0; i-- { // reversed: alignment must be by id
			if strings.Contains(cues[i].Text, "走吧") {
				continue // never returned: marked, not shifted
			}
			out = append(out, map[string]string{"id": cues[i].ID, "text": "EN " + cues[i].Text})
		}
		b, _ := json.Marshal(map[string]any{"cues": out})
		return aitest.Chat(string(b))
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "ep1.srt")
	os.WriteFile(in, []byte(aiSRT), 0o644)
	out := filepath.Join(dir, "ep1.en.srt")
	code, _, errs := runCLI(t, "subs", "translate", in, "--to", "en", "-o", out, "--glossary", script)
	if code != exitFindings || !strings.Contains(errs, "not translated") {
		t.Fatalf("%d %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i1, i2 := strings.Index(s, "EN 林晚，你回来了。"), strings.Index(s, "EN 汴绣不能丢。")
	if i1 < 0 || i2 < i1 || strings.Contains(s, "走吧") {
		t.Fatalf("output:\n%s", s)
	}
	if _, err := os.Stat(out + ".partial"); err != nil {
		t.Fatal("checkpoint removed although a cue failed")
	}
}
