package export

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

var keep = flag.String("keep", "", "write the exported files into this folder to look at them")

var fixedTime = time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)

func demo(t testing.TB) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func keepFile(t testing.TB, name string, data []byte) string {
	dir := *keep
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// requireTools makes missing poppler-utils a failure, not a skip (ci tag).
var requireTools = false

func needTool(t *testing.T, name string) {
	if _, err := exec.LookPath(name); err != nil {
		if requireTools || os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (install poppler-utils)", name)
		}
		t.Skipf("%s not installed (poppler-utils)", name)
	}
}

func TestPDFChineseReadBack(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	p := demo(t)
	p.Meta.Licence = "网微剧备字（2026）第00123号"
	p.Settings.Watermark = "送审稿"
	p.Settings.LabelAIContent = true
	// The AI wrote the first scene of episode 2: its lines get the margin tag.
	sc := p.Episodes[1].Scenes[0]
	p.Provenance = []script.Provenance{{Episode: 2, Start: sc.Span.Start, End: sc.Span.End, Model: "test", Time: fixedTime}}
	var buf bytes.Buffer
	if err := PDF(context.Background(), p, &buf, Options{Now: fixedTime}); err != nil {
		t.Fatal(err)
	}
	path := keepFile(t, "demo.pdf", buf.Bytes())
	fonts, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	embedded := 0
	for _, ln := range strings.Split(string(fonts), "\n") {
		f := strings.Fields(ln)
		if len(f) > 4 && strings.HasPrefix(f[0], "utf8sans") {
			if f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", ln)
			}
			embedded++
		}
	}
	if embedded == 0 {
		t.Fatalf("no CJK font in the PDF:\n%s", fonts)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	// In order: title page, then episode 1 before episode 2, dialogue intact.
	want := []string{"梆子声声", "网微剧备字（2026）第00123号", AILabelText, "人物小传", "第1集：直播间里的青衣",
		"1-1 夜 内 郑州直播间", "场控：", "秋禾，镜头！", "第2集：欠租的戏台", "AI", "第3集"}
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q missing or out of order in the PDF text", w)
		}
		at += i + len(w)
	}
	for _, ln := range strings.Split(text, "\n") {
		s := strings.TrimSpace(ln)
		for _, r := range "，。！？" {
			if strings.HasPrefix(s, string(r)) {
				t.Errorf("a line starts with %q: %q", r, s)
			}
		}
	}
}

func TestPDFCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := PDF(ctx, demo(t), &buf, Options{}); err == nil {
		t.Fatal("a cancelled export must fail")
	}
}

func TestPDFScreenplayReadBack(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	p, err := format.ParseFountain(assets.DemoFountain())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PDF(context.Background(), p, &buf, Options{Now: fixedTime}); err != nil {
		t.Fatal(err)
	}
	path := keepFile(t, "sample-screenplay.pdf", buf.Bytes())
	fonts, _ := exec.Command("pdffonts", path).CombinedOutput()
	if !strings.Contains(string(fonts), "utf8mono") {
		t.Fatalf("no monospace face:\n%s", fonts)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	at := 0
	for _, w := range []string{"THE LAST CLAPPER", "EPISODE 1", "EXT. YELLOW RIVER EMBANKMENT - NIGHT", "QIUHE", "(under her breath)", "Grandpa said", "ZHOU (V.O.)", "CUT TO:", "EPISODE 2"} {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q missing or out of order:\n%s", w, text)
		}
		at += i + len(w)
	}
	if strings.Contains(text, "Paywall candidate") {
		t.Error("Fountain notes must not be printed")
	}
}
