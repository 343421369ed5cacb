package ai

// End-to-end tests against a real llama.cpp server (llama-server) with the
// tiny deterministic model from ../shared/tools. They run when
// DUANJU_LLAMA=1 (see .ci/llama-e2e.sh, which builds the server once per
// machine into a cache outside the repo); otherwise they skip.

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
)

const tinyReply = `{"episodes":3,"hook":"豪门千金替嫁当天，前夫跪求复合"}`

func toolsDir(t *testing.T) string {
	if d := os.Getenv("DUANJU_TOOLS"); d != "" {
		return d
	}
	wd, _ := os.Getwd() // …/ai
	for _, rel := range []string{"../../shared/tools", "../../../shared/tools"} {
		d := filepath.Join(wd, rel)
		if _, err := os.Stat(filepath.Join(d, "llama-server.sh")); err == nil {
			return d
		}
	}
	t.Fatal("llama-server.sh not found: set DUANJU_TOOLS")
	return ""
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startLlama writes the tiny model with modelFlags, starts llama-server on a
// free port and stops it by PID when the test ends.
func startLlama(t *testing.T, modelFlags ...string) Config {
	t.Helper()
	return startLlamaWith(t, modelFlags, nil)
}

// startLlamaWith also passes extra llama-server flags (e.g. a larger -c).
func startLlamaWith(t *testing.T, modelFlags, serverFlags []string) Config {
	t.Helper()
	if os.Getenv("DUANJU_LLAMA") != "1" {
		t.Skip("set DUANJU_LLAMA=1 (or run .ci/llama-e2e.sh) for the llama.cpp end-to-end tests")
	}
	tools := toolsDir(t)
	script := filepath.Join(tools, "llama-server.sh")
	model := filepath.Join(t.TempDir(), "tiny.gguf")
	if out, err := exec.Command(script, append([]string{"model", model}, modelFlags...)...).CombinedOutput(); err != nil {
		t.Fatalf("model: %v\n%s", err, out)
	}
	port := freePort(t)
	out, err := exec.Command(script, append([]string{"start", model, strconv.Itoa(port)}, serverFlags...)...).Output()
	if err != nil {
		t.Fatalf("start: %v (build the server first: %s build)", err, script)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("start printed %q, want a PID", out)
	}
	t.Cleanup(func() {
		syscall.Kill(pid, syscall.SIGTERM)
		for range 50 {
			if syscall.Kill(pid, 0) != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		syscall.Kill(pid, syscall.SIGKILL)
	})
	return Config{Provider: ProviderLlamaCpp, BaseURL: "http://127.0.0.1:" + strconv.Itoa(port) + "/v1", Model: "tiny",
		Timeout: 30 * time.Second, StallAfter: 20 * time.Second}
}

func TestLlamaEndToEnd(t *testing.T) {
	cfg := startLlama(t)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("models", func(t *testing.T) {
		ms, err := c.Test(ctx)
		if err != nil || len(ms) == 0 || ms[0] != "tiny" {
			t.Fatalf("%v %v", ms, err)
		}
	})
	t.Run("plain", func(t *testing.T) {
		zero := 0.0
		res, err := c.Chat(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "写一个钩子"}}, Temperature: &zero})
		if err != nil || res.Text != tinyReply || res.FinishReason != "stop" || res.Usage.Completion == 0 {
			t.Fatalf("%+v %v", res, err)
		}
	})
	t.Run("stream", func(t *testing.T) {
		n := 0
		res, err := c.Stream(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "写"}}}, func(Delta) { n++ })
		if err != nil || res.Text != tinyReply || res.FinishReason != "stop" || n < 10 || res.Usage.Total == 0 {
			t.Fatalf("%d chunks %+v %v", n, res, err)
		}
	})
	t.Run("json_schema", func(t *testing.T) {
		var out struct {
			Episodes int    `json:"episodes"`
			Hook     string `json:"hook"`
		}
		res, err := c.JSON(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "大纲"}}}, "outline", nil, &out)
		if err != nil || out.Episodes != 3 || !strings.Contains(out.Hook, "替嫁") {
			t.Fatalf("%+v %+v %v", out, res, err)
		}
	})
	t.Run("length", func(t *testing.T) {
		res, err := c.Stream(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "x"}}, MaxTokens: 3}, nil)
		if err != nil || !res.Truncated() || res.Text == "" || !strings.HasPrefix(tinyReply, res.Text) {
			t.Fatalf("%+v %v", res, err)
		}
		// "continue" resumes from the partial text on the real server
		more, err := c.Stream(ctx, Continue(Request{Messages: []Message{{Role: RoleUser, Content: "x"}}}, res.Text, "zh"), nil)
		if err != nil || more.Text == "" {
			t.Fatalf("continue: %+v %v", more, err)
		}
	})
	t.Run("bad_request", func(t *testing.T) {
		_, err := c.Chat(ctx, Request{})
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindBadRequest || e.Status != 400 {
			t.Fatalf("%#v", err)
		}
	})
}

func TestLlamaCancel(t *testing.T) {
	cfg := startLlama(t, "-cycle")
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	start := time.Now()
	res, err := c.Stream(ctx, Request{Messages: []Message{{Role: RoleUser, Content: "x"}}, MaxTokens: 100000}, func(Delta) {
		n++
		if n == 5 {
			cancel()
		}
	})
	if Classify(err).Kind != KindCancelled || !errors.Is(err, context.Canceled) || res.Text == "" {
		t.Fatalf("%v %q", err, res.Text)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatal("cancel did not stop the stream promptly")
	}
	// the server freed the slot: a new request works at once
	res, err = c.Stream(context.Background(), Request{Messages: []Message{{Role: RoleUser, Content: "x"}}, MaxTokens: 5}, nil)
	if err != nil || !res.Truncated() {
		t.Fatalf("after cancel: %+v %v", res, err)
	}
}

// TestLlamaFixTask runs a whole task (prompt with the series bible, JSON
// schema through the server's grammar, validation) on the real server.
func TestLlamaFixTask(t *testing.T) {
	// The tiny model's tokenizer spends ~3 tokens per Chinese character
	// (byte fallback), so give its slot room for a real prompt.
	cfg := startLlamaWith(t, []string{"-reply", `{"explanation":"语气缓和","replacement":"周母：（迟疑）你回来了。"}`},
		[]string{"-c", "16384"})
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := fixture()
	start := strings.Index(ep2, "周母：（冷笑）")
	end := start + len("周母：（冷笑）你还有脸回来？")
	fix, _, err := c.Fix(context.Background(), Input{Project: p, Finding: Finding{Rule: "stereotype.mil", Category: "stereotype",
		Message: "恶婆婆", Episode: 2, Start: start, End: end}})
	if err != nil || fix.Replacement != "周母：（迟疑）你回来了。" {
		t.Fatalf("%+v %v", fix, err)
	}
	if !Accept(p, 2, start, end, fix.Replacement, "tiny", "fix", time.Now()) || !strings.Contains(p.Episode(2).Body, "（迟疑）") {
		t.Fatal("accept failed")
	}
}

// TestLlamaBudgetLearnsTokenizer: the tiny model spends ~3 tokens per
// Chinese character, five times the estimate. The first prompt overflows
// the slot; the client reads the counts from the server's error, trims the
// series context to what really fits and succeeds on the retry.
func TestLlamaBudgetLearnsTokenizer(t *testing.T) {
	cfg := startLlamaWith(t, nil, []string{"-c", "8192"}) // 4096 per slot, the preset's size
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := fixture()
	long := strings.Repeat("△林晚在灯下一针一线地绣着，窗外的雨越下越大。\n", 30)
	for i := 3; i <= 60; i++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i, Body: long})
		StoreSummary(p, i, strings.Repeat("林晚回到开封老宅，发现外婆留下的汴绣针谱。", 3))
	}
	res, req, err := c.Generate(context.Background(), TaskContinue, Input{Project: p, Episode: 60, Start: len(long), End: len(long)}, nil)
	if err != nil || res.Text != tinyReply {
		t.Fatalf("%v %q", err, res.Text)
	}
	if c.cal.get() < 2 || res.Usage.Prompt+req.MaxTokens > 4096 {
		t.Fatalf("scale %.2f, prompt %d + reply %d tokens", c.cal.get(), res.Usage.Prompt, req.MaxTokens)
	}
	t.Logf("learnt %.2f real tokens per estimated token; prompt %d tokens", c.cal.get(), res.Usage.Prompt)
}
