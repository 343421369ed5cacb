package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script/format/formattest"
)

func series100File(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "series100.txt")
	if err := os.WriteFile(path, []byte(formattest.GenerateSeries(100, 800)), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkCheckCommand runs `check` on a generated 100-episode series in
// process (rules and model already loaded after the first run): parsing,
// both readers and the output.
func BenchmarkCheckCommand(b *testing.B) {
	path := series100File(b)
	for b.Loop() {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), lang: "zh"}
		if code := run([]string{"check", "--fail-on", "blocker", path}, e); code > 1 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}

// BenchmarkCheckProcess is the whole `duanju-cli check` process on the
// 100-episode series: start-up (package init, loading and compiling the
// rules, decoding the model) plus the check. The binary is built once.
func BenchmarkCheckProcess(b *testing.B) {
	path := series100File(b)
	bin := filepath.Join(b.TempDir(), "duanju-cli")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "check", "--fail-on", "blocker", path)
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
				b.Fatal(err)
			}
		}
	}
}
