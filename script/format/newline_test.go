package format

import (
	"strings"
	"testing"
)

// txt and Fountain exports end with a newline (POSIX text files; diff and
// cat otherwise glue the next prompt or file to the last line).
func TestWritersEndWithNewline(t *testing.T) {
	for name, src := range map[string]string{
		"chinese":  "第1集\n1-1 日 内 客厅\n林晚：你好。",
		"fountain": "Title: Rain\n\nINT. KITCHEN - NIGHT\n\nMARA\nNever.",
		"fdx":      fdxDoc(`<Paragraph><DualDialogue><Paragraph Type="Character"><Text>JON</Text></Paragraph><Paragraph Type="Dialogue"><Text>Always.</Text></Paragraph><Paragraph Type="Character"><Text>MARA</Text></Paragraph><Paragraph Type="Dialogue"><Text>Never.</Text></Paragraph></DualDialogue></Paragraph>`),
	} {
		ext := ".txt"
		if name == "fdx" {
			ext = ".fdx"
		}
		p, err := Parse(name+ext, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for w, out := range map[string]string{"WriteChinese": WriteChinese(p), "WriteFountain": WriteFountain(p)} {
			if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n\n") {
				t.Errorf("%s of %s ends %q", w, name, out[max(0, len(out)-12):])
			}
		}
	}
}
