package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A script whose second half is GBK imports every episode, with a warning
// naming the file and the first GBK line; --strict makes it exit 2.
func TestImportMixedEncodingWarns(t *testing.T) {
	dir := t.TempDir()
	var data []byte
	for ep := 1; ep <= 12; ep++ {
		s := fmt.Sprintf("第%d集\n%d-1 日 内 客厅\n林晚：对不起，我来晚了。\n\n", ep, ep)
		b := []byte(s)
		if ep > 6 {
			b, _ = simplifiedchinese.GBK.NewEncoder().Bytes(b)
		}
		data = append(data, b...)
	}
	in := filepath.Join(dir, "混合.txt")
	os.WriteFile(in, data, 0o644)
	out := filepath.Join(dir, "out.duanju")
	code, _, errs := runCLI(t, "import", in, "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, in+":25: warning: lines 25–47: not UTF-8; read as GB18030") {
		t.Errorf("stderr %q", errs)
	}
	if !strings.Contains(errs, "imported 12 episodes") {
		t.Errorf("not every episode imported: %q", errs)
	}
	code, _, errs = runCLI(t, "import", in, "-o", filepath.Join(dir, "strict.duanju"), "--strict")
	if code != exitUsage || !strings.Contains(errs, "--strict") {
		t.Errorf("--strict: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "strict.duanju")); err == nil {
		t.Error("--strict still wrote the project")
	}
}

// Errors name the user's files, never our temporary files.
func TestExportErrorNamesUserFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("第1集\n1-1 日 内 客厅\n林晚：你好。\n"), 0o644)
	out := filepath.Join(dir, "missing", "out.fountain")
	code, _, errs := runCLI(t, "export", in, "--format", "fountain", "-o", out)
	if code == exitOK || strings.Contains(errs, ".tmp") || !strings.Contains(errs, "out.fountain") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
