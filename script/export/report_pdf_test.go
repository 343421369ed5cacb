package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/format"
)

func TestReportPDFReadsBack(t *testing.T) {
	text := strings.Replace(assets.DemoScript(), "推荐语：一声梆子，唱响黄河岸边的老戏班", "推荐语：霸总的落跑甜妻竟是千亿富豪的掌上明珠全网最宠", 1)
	p, err := format.ParseChinese(text)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := check.Default()
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Check(p, check.Options{Lang: "zh"})
	var buf bytes.Buffer
	if err := ReportPDF(&buf, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{"梆子声声", res.Tier.Name} {
		if !strings.Contains(got, want) {
			t.Errorf("report PDF lacks %q", want)
		}
	}
	if len(res.Findings) > 0 && !strings.Contains(got, res.Findings[0].Rule) {
		t.Errorf("report PDF lacks the first finding's rule %s", res.Findings[0].Rule)
	}
}
