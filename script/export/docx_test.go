package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// readDocx unzips a DOCX, parses every XML part and returns the parts.
func readDocx(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: invalid XML: %v", f.Name, err)
			}
		}
		parts[f.Name] = string(b)
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if _, ok := parts[need]; !ok {
			t.Fatalf("missing part %s", need)
		}
	}
	return parts
}

// docText returns the text of document.xml's paragraphs with their styles.
func docParagraphs(t *testing.T, doc string) (styles, texts []string) {
	t.Helper()
	type run struct {
		T []string `xml:"t"`
	}
	type para struct {
		Style struct {
			Val string `xml:"val,attr"`
		} `xml:"pPr>pStyle"`
		Runs []run `xml:"r"`
	}
	var d struct {
		Paras []para `xml:"body>p"`
	}
	if err := xml.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Paras {
		var b strings.Builder
		for _, r := range p.Runs {
			b.WriteString(strings.Join(r.T, ""))
		}
		styles = append(styles, p.Style.Val)
		texts = append(texts, b.String())
	}
	return
}

func TestDOCXStylesAndText(t *testing.T) {
	p := demo(t)
	p.Meta.AIMade = true
	p.Settings.LabelAIContent = true
	var buf bytes.Buffer
	if err := DOCX(context.Background(), p, &buf, Options{Now: fixedTime}); err != nil {
		t.Fatal(err)
	}
	keepFile(t, "demo.docx", buf.Bytes())
	parts := readDocx(t, buf.Bytes())
	for _, id := range append(ScriptStyleIDs, StyleCharacterChar, StyleParenChar) {
		if !strings.Contains(parts["word/styles.xml"], `w:styleId="`+id+`"`) {
			t.Errorf("style %s not defined", id)
		}
	}
	if !strings.Contains(parts["word/styles.xml"], `w:eastAsia="宋体"`) {
		t.Error("no East Asian font declared")
	}
	if !strings.Contains(parts["docProps/custom.xml"], `name="AIGC"`) {
		t.Error("AI metadata missing")
	}
	styles, texts := docParagraphs(t, parts["word/document.xml"])
	used := map[string]bool{}
	for _, s := range styles {
		used[s] = true
	}
	for _, s := range []string{StyleTitle, StyleEpisode, StyleSceneHeading, StyleAction, StyleDialogue, StyleMarker, StyleAILabel} {
		if !used[s] {
			t.Errorf("no paragraph uses %s", s)
		}
	}
	all := strings.Join(texts, "\n")
	for _, w := range []string{"梆子声声", AILabelText, "第1集：直播间里的青衣", "1-1 夜 内 郑州直播间", "场控：（压低声音）秋禾，镜头！在线人数掉了一半！", "【卡点】"} {
		if !strings.Contains(all, w) {
			t.Errorf("%q not in the document", w)
		}
	}
	// Every dialogue line of the project is in the document.
	n := 0
	for _, e := range p.Episodes {
		for _, sc := range e.Scenes {
			for _, l := range sc.Lines {
				if l.Kind == script.LineDialogue {
					n++
					if !strings.Contains(all, l.Text) {
						t.Errorf("dialogue %q lost", l.Text)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("demo has no dialogue")
	}
}

func TestDOCXScreenplayStyles(t *testing.T) {
	p, err := format.ParseFountain(assets.DemoFountain())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := DOCX(context.Background(), p, &buf, Options{Now: fixedTime}); err != nil {
		t.Fatal(err)
	}
	parts := readDocx(t, buf.Bytes())
	if !strings.Contains(parts["word/styles.xml"], "Courier New") || !strings.Contains(parts["word/document.xml"], `w:w="12240"`) {
		t.Error("screenplay DOCX should use Courier New on Letter paper")
	}
	styles, texts := docParagraphs(t, parts["word/document.xml"])
	var seq []string
	for i, s := range styles {
		if strings.Contains(texts[i], "under her breath") || strings.Contains(texts[i], "Grandpa said") || texts[i] == "QIUHE" {
			seq = append(seq, s+":"+texts[i][:min(len(texts[i]), 12)])
		}
	}
	want := []string{StyleCharacter + ":QIUHE", StyleParenthetical + ":(under her b", StyleDialogue + ":Grandpa said"}
	if strings.Join(seq[:3], "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", seq, want)
	}
}

// TestDOCXOpensInLibreOffice converts the DOCX with LibreOffice, when it is
// installed, and reads the text back: the document opens in a real word
// processor with the script in order.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice not installed")
	}
	needTool(t, "pdftotext")
	p := demo(t)
	p.Settings.Watermark = "送审稿"
	var buf bytes.Buffer
	if err := DOCX(context.Background(), p, &buf, Options{Now: fixedTime}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "demo.docx")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", filepath.Join(dir, "demo.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// LibreOffice spaces Latin digits from Han ("第 1 集"): compare without spaces.
	text := strings.Join(strings.Fields(string(out)), "")
	at := 0
	for _, w := range []string{"梆子声声", "人物小传", "第1集：直播间里的青衣", "1-1夜内郑州直播间", "秋禾，镜头！", "第2集：欠租的戏台", "第12集"} {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q missing or out of order in LibreOffice's rendering", w)
		}
		at += i + len(w)
	}
}
