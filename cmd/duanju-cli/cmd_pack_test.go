package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
)

func TestPackIncompleteThenForced(t *testing.T) {
	// Without a budget the review tier is unknown: the package is incomplete.
	demo := filepath.Join(t.TempDir(), "nobudget.txt")
	text := strings.Replace(assets.DemoScript(), "制作成本：45万元\n", "", 1)
	if err := os.WriteFile(demo, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pkg.zip")
	code, _, errs := runCLI(t, "pack", demo, "-o", out)
	if code != exitFindings || !strings.Contains(errs, "✗") {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("incomplete package written")
	}
	code, stdout, errs := runCLI(t, "pack", "--force", "--json", demo, "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Written  bool `json:"written"`
		Manifest struct {
			Files []struct{ Path string } `json:"files"`
		} `json:"manifest"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || !res.Written || len(res.Manifest.Files) < 8 {
		t.Fatalf("json: %v %s", err, stdout)
	}
	code, _, errs = runCLI(t, "pack", "--verify", out)
	if code != exitOK {
		t.Fatalf("verify: exit %d: %s", code, errs)
	}
}

func TestExportDocumentFormats(t *testing.T) {
	demo := writeDemo(t)
	dir := t.TempDir()
	for _, f := range []string{"pdf", "docx", "fdx", "csv", "episodes"} {
		out := filepath.Join(dir, "script."+f)
		code, _, errs := runCLI(t, "export", demo, "--format", f, "-o", out, "--episodes", "1-2")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", f, code, errs)
		}
		data, err := os.ReadFile(out)
		if err != nil || len(data) == 0 {
			t.Fatalf("%s: %v", f, err)
		}
		switch f {
		case "pdf":
			if !strings.HasPrefix(string(data), "%PDF-") {
				t.Errorf("not a PDF")
			}
		case "docx":
			if _, err := zip.OpenReader(out); err != nil {
				t.Errorf("docx: %v", err)
			}
		case "fdx":
			if !strings.Contains(string(data), "<FinalDraft") {
				t.Errorf("not FDX")
			}
		case "csv", "episodes":
			if n := strings.Count(string(data), "\r\n"); n != 3 {
				t.Errorf("csv has %d rows, want header + 2", n)
			}
		}
	}
}
