package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every malformed input gets a clear message and exit 2 (or, where the text
// is acceptable, a project), and import never leaves a half-written project.
func TestMalformedInputs(t *testing.T) {
	files, _ := filepath.Glob("../../script/format/testdata/malformed/*")
	big := filepath.Join(t.TempDir(), "huge.txt")
	line := strings.Repeat("△林秋禾推门进来，看了一眼空荡荡的戏台。\n", 1)
	var b bytes.Buffer
	for b.Len() < 50<<20 {
		b.WriteString(line)
	}
	if err := os.WriteFile(big, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, big, filepath.Join(t.TempDir(), "does-not-exist.txt"), t.TempDir())
	if len(files) < 18 {
		t.Fatalf("expected at least 15 malformed fixtures, found %d", len(files)-3)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "p.duanju")
			code, _, errs := runCLI(t, "import", f, "-o", out)
			switch code {
			case exitUsage:
				msg := strings.TrimSpace(errs)
				if msg == "" || strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") {
					t.Fatalf("exit 2 without a clear message: %q", msg)
				}
				if _, err := os.Stat(out); err == nil {
					t.Fatal("a failed import left a project file")
				}
			case exitOK:
				// Acceptable text (e.g. only headings): the project must open.
				if c, _, e := runCLI(t, "stats", out); c != exitOK {
					t.Fatalf("imported project does not open: %s", e)
				}
			default:
				t.Fatalf("exit %d", code)
			}
			left, _ := os.ReadDir(dir)
			for _, l := range left {
				if l.Name() != "p.duanju" {
					t.Errorf("left behind %s", l.Name())
				}
			}
		})
	}
}
