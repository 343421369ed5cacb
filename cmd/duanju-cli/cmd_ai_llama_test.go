package main

// End-to-end: duanju-cli against a real llama.cpp server (DUANJU_LLAMA=1,
// see .ci/llama-e2e.sh).

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/zalando/go-keyring"
)

func llamaCLI(t *testing.T, reply string) {
	t.Helper()
	if os.Getenv("DUANJU_LLAMA") != "1" {
		t.Skip("set DUANJU_LLAMA=1 (or run .ci/llama-e2e.sh)")
	}
	tools := os.Getenv("DUANJU_TOOLS")
	if tools == "" {
		tools = "../../../shared/tools"
	}
	script := filepath.Join(tools, "llama-server.sh")
	model := filepath.Join(t.TempDir(), "m.gguf")
	if out, err := exec.Command(script, "model", model, "-reply", reply).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	out, err := exec.Command(script, "start", model, strconv.Itoa(port), "-c", "16384").Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGTERM) })
	keyring.MockInit()
	t.Setenv("DUANJU_AI_PROVIDER", "llamacpp")
	t.Setenv("DUANJU_AI_BASE_URL", "http://127.0.0.1:"+strconv.Itoa(port)+"/v1")
	t.Setenv("DUANJU_AI_MODEL", "tiny")
}

func TestLlamaCLISubsTranslate(t *testing.T) {
	llamaCLI(t, `{"cues":[{"id":"1","text":"Lin Wan, you are back."}]}`)
	dir := t.TempDir()
	in := filepath.Join(dir, "ep1.srt")
	os.WriteFile(in, []byte("1\n00:00:01,000 --> 00:00:03,000\n林晚，你回来了。\n"), 0o644)
	out := filepath.Join(dir, "ep1.en.srt")
	code, _, errs := runCLI(t, "subs", "translate", in, "--to", "en", "-o", out)
	b, _ := os.ReadFile(out)
	if code != exitOK || !strings.Contains(string(b), "Lin Wan, you are back.") {
		t.Fatalf("%d %s\n%s", code, errs, b)
	}
	code, stdout, _ := runCLI(t, "ai", "models")
	if code != exitOK || strings.TrimSpace(stdout) != "tiny" {
		t.Fatalf("models: %d %q", code, stdout)
	}
}

func TestLlamaCLIContinue(t *testing.T) {
	llamaCLI(t, "周母：（一愣）你外婆……走之前说过什么？")
	path := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(path, []byte(aiScript), 0o644)
	code, out, errs := runCLI(t, "ai", "continue", path, "--episode", "2")
	if code != exitOK || !strings.Contains(out, "周母：（一愣）你外婆……走之前说过什么？") {
		t.Fatalf("%d %q %s", code, out, errs)
	}
}
