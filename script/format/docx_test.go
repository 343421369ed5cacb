package format

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/duanju-studio/duanju/script"
)

// docxFile builds a .docx (a zip) with the given members.
func docxFile(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/document2.xml"} {
		body, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wordDoc wraps body XML in a WordprocessingML document.
func wordDoc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

func para(runs ...string) string {
	return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>" + strings.Join(runs, "") + "</w:p>"
}

func run(text string) string {
	return `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func simpleDOCX(t testing.TB, lines ...string) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(para(run(l)))
	}
	return docxFile(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": wordDoc(b.String())})
}

func TestDOCXText(t *testing.T) {
	body := para(run("第1集："), run("替嫁")) +
		para(run("1-1 日 内 客厅")) +
		para(run("林母：（冷笑）"), `<w:del w:id="1"><w:r><w:delText>删掉的字</w:delText></w:r></w:del>`, `<w:ins w:id="2"><w:r><w:t>你也配？</w:t></w:r></w:ins>`) +
		para(run("一"), `<w:r><w:br/></w:r>`, run("二"), `<w:r><w:tab/></w:r>`, run("三")) +
		para(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>`, run("页")) +
		para(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>`+para(run("文本框"))+`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>`+para(run("文本框"))+`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		para(run("  前后空格  ")) +
		"<w:tbl><w:tr><w:tc>" + para(run("表格里")) + "</w:tc></w:tr></w:tbl>" +
		para(run("&lt;尖括号&gt; &amp; 实体")) +
		para(`<w:moveFrom><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>新位置</w:t></w:r></w:moveTo>`) +
		para(`<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>bāng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>梆</w:t></w:r></w:rubyBase></w:ruby></w:r>`)
	data := docxFile(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": wordDoc(body)})
	got, err := DOCXText(data)
	if err != nil {
		t.Fatal(err)
	}
	want := "第1集：替嫁\n1-1 日 内 客厅\n林母：（冷笑）你也配？\n一\n二\t三\n页\n文本框\n\n  前后空格  \n表格里\n<尖括号> & 实体\n新位置\n梆\n"
	if got != want {
		t.Errorf("DOCXText\n got %q\nwant %q", got, want)
	}
	p, err := ParseDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Episodes) != 1 || p.Episodes[0].Title != "替嫁" || len(p.Episodes[0].Scenes) != 1 {
		t.Fatalf("parsed: %+v", p.Episodes)
	}
	l := p.Episodes[0].Scenes[0].Lines[0]
	if l.Kind != script.LineDialogue || l.Speaker != "林母" || l.Paren != "冷笑" || l.Text != "你也配？" {
		t.Errorf("dialogue from revisions: %+v", l)
	}
}

func TestDOCXMainPartFromRels(t *testing.T) {
	data := docxFile(t, map[string]string{
		"_rels/.rels":        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>`,
		"word/document2.xml": wordDoc(para(run("第1集")) + para(run("△雨。"))),
	})
	p, err := ParseDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Episodes) != 1 || len(p.Episodes[0].Scenes) != 1 {
		t.Errorf("got %+v", p.Episodes)
	}
}

func TestDOCXFountain(t *testing.T) {
	p, err := ParseDOCX(simpleDOCX(t, "INT. HOUSE - DAY", "", "BOB", "Hi."))
	if err != nil {
		t.Fatal(err)
	}
	if p.SourceStyle != script.StyleFountain || p.Episodes[0].Scenes[0].Lines[0].Speaker != "BOB" {
		t.Errorf("fountain docx: %+v", p.Episodes[0].Scenes)
	}
}

// zipBomb is a .docx whose document.xml inflates to size bytes; with lie
// set, the zip header claims it is small.
func zipBomb(t testing.TB, size int, lie bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	hdr := &zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate}
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("林"), 1<<16)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if lie {
		// Patch the uncompressed size in the central directory to 1 KB.
		i := bytes.LastIndex(b, []byte("PK\x01\x02"))
		b[i+24], b[i+25], b[i+26], b[i+27] = 0, 4, 0, 0
	}
	return b
}

func TestDOCXErrors(t *testing.T) {
	good := simpleDOCX(t, "第1集", "△雨。")
	crc := bytes.Clone(good)
	if i := bytes.Index(crc, []byte("word/document.xml")); i > 0 {
		crc[i+len("word/document.xml")+5] ^= 0xFF // flip a byte of the compressed data
	}
	deep := "<w:document xmlns:w=\"x\"><w:body>" + strings.Repeat("<w:p>", 100000) + "</w:body></w:document>"
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated", good[:len(good)/2], ErrCorrupt},
		{"not a zip", []byte("第1集\n△雨。\n"), ErrCorrupt},
		{"no document.xml", docxFile(t, map[string]string{"[Content_Types].xml": "<Types/>"}), ErrCorrupt},
		{"zip bomb", zipBomb(t, MaxDOCXText+(1<<20), false), ErrTooLarge},
		// archive/zip itself stops a member that inflates past its stated size.
		{"zip bomb with lying header", zipBomb(t, MaxDOCXText+(1<<20), true), ErrCorrupt},
		{"deep nesting", docxFile(t, map[string]string{"word/document.xml": deep}), ErrCorrupt},
		{"bad xml", docxFile(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p><w:t>abc</w:t></w:p"}), ErrCorrupt},
		{"crc", crc, ErrCorrupt},
		{"empty document", docxFile(t, map[string]string{"word/document.xml": wordDoc("")}), ErrEmpty},
	}
	for _, tt := range tests {
		_, err := ParseDOCX(tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestDOCXNonUTF8XML(t *testing.T) {
	xmlText := `<?xml version="1.0" encoding="GBK"?>` + wordDoc(para(run("第1集")) + para(run("△雨。")))[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):]
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(xmlText)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DOCXText(docxFile(t, map[string]string{"word/document.xml": gbk}))
	if err != nil || got != "第1集\n△雨。\n" {
		t.Errorf("GBK document.xml: %q, %v", got, err)
	}
}
