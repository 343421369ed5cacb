package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// Importing a script that mixes UTF-8 and GBK keeps both halves and shows
// the encoding warnings, with line numbers, in a dialog.
func TestImportMixedEncodingShowsWarnings(t *testing.T) {
	i18n.SetLang(i18n.En)
	dir := t.TempDir()
	path := filepath.Join(dir, "mixed.txt")
	gbk := []byte("\xb5\xda2\xbc\xaf\n2-1 \xc8\xd5 \xc4\xda \xbf\xcd\xcc\xfc\n\xc1\xd6\xcd\xed\xa3\xba\xb6\xd4\xb2\xbb\xc6\xf0\xa1\xa3\n") // 第2集 / 2-1 日 内 客厅 / 林晚：对不起。
	data := append([]byte("第1集\n1-1 日 内 客厅\n林晚：你好。\n\n"), gbk...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t))
	defer u.Close()
	if !u.OpenPath(path) {
		t.Fatal("import failed")
	}
	if n := len(u.proj.Episodes); n != 2 {
		t.Fatalf("%d episodes, want 2", n)
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog for a file that mixes encodings")
	}
	if text := overlayText(t, top); !strings.Contains(text, "lines 5–7: not UTF-8; read as GB18030") {
		t.Errorf("dialog says:\n%s", text)
	}
}

func overlayText(t *testing.T, o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, w)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// The app imports Final Draft files through the same reader as the CLI,
// notes included.
func TestImportFDXInApp(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	defer i18n.SetLang(i18n.En)
	dir := t.TempDir()
	path := filepath.Join(dir, "雨夜.fdx")
	fdx := `<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Version="5"><Content>
<Paragraph Type="New Act"><Text>第1集</Text></Paragraph>
<Paragraph Type="Scene Heading" Number="1-1"><Text>1-1 夜 内 客厅</Text></Paragraph>
<Paragraph Type="Character"><Text>林晚</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>你怎么才来？</Text></Paragraph>
</Content><ScriptNotes><ScriptNote ID="1"><Paragraph><Text>这里要下雨。</Text></Paragraph></ScriptNote></ScriptNotes></FinalDraft>`
	if err := os.WriteFile(path, []byte(fdx), 0o644); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t))
	defer u.Close()
	if !u.OpenPath(path) {
		t.Fatal("FDX import failed")
	}
	if u.proj.Meta.Title != "雨夜" || len(u.proj.Episodes) != 1 || !strings.Contains(u.proj.Episodes[0].Body, "这里要下雨") {
		t.Fatalf("imported %+v", u.proj.Episodes)
	}
	if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(overlayText(t, top), "备注") {
		t.Error("no dialog about where the Final Draft notes went")
	}
}
