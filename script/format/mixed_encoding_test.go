package format

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// mixedSeries is a 12-episode script whose first half was saved as UTF-8
// and whose second half was pasted in from a GBK file.
func mixedSeries(t testing.TB) (data []byte, gbkFrom int) {
	var utf, gbk bytes.Buffer
	line := 1
	for ep := 1; ep <= 12; ep++ {
		s := fmt.Sprintf("第%d集：回家\n%d-1 日 内 林家客厅\n人物：林晚、林母\n△林晚推门进来，屋里一片安静。\n林母：你怎么现在才回来？\n林晚：对不起，路上堵车了。\n\n", ep, ep)
		if ep <= 6 {
			utf.WriteString(s)
			line += strings.Count(s, "\n")
			continue
		}
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		gbk.Write(b)
	}
	return append(utf.Bytes(), gbk.Bytes()...), line
}

// A script mixing UTF-8 and GBK keeps every episode and warns with the line
// numbers of the lines that were not UTF-8.
func TestParseMixedEncodingKeepsEveryEpisode(t *testing.T) {
	data, from := mixedSeries(t)
	p, warns, err := Import("混合.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Episodes) != 12 {
		t.Fatalf("%d episodes, want 12", len(p.Episodes))
	}
	for _, ep := range p.Episodes {
		if strings.ContainsRune(ep.Body, '\uFFFD') || !strings.Contains(ep.Body, "对不起，路上堵车了") {
			t.Fatalf("episode %d body lost text: %q", ep.Number, ep.Body)
		}
	}
	if len(warns) == 0 {
		t.Fatal("no warning for a file that mixes encodings")
	}
	w := warns[0]
	if w.Line != from || !strings.Contains(w.Error(), "GB18030") || !strings.Contains(w.Error(), fmt.Sprint(from)) {
		t.Errorf("warning %+v (%q); want one from line %d naming GB18030", w, w.Error(), from)
	}
}

// Bytes that are no encoding at all stay visible (\xNN) and are reported.
func TestDecodeLinesKeepsBadBytesVisible(t *testing.T) {
	data := []byte("第1集\n林晚：你好。\n林母：\xff\xfe好\n")
	text, _, warns, err := DecodeTextLines(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `\xFF`) || !strings.Contains(text, "林晚：你好。") {
		t.Errorf("text %q", text)
	}
	if len(warns) == 0 || warns[len(warns)-1].Line != 3 {
		t.Errorf("warnings %+v; want one on line 3", warns)
	}
}

// A UTF-8 mark on a file with junk bytes used to refuse the whole file;
// now the junk is kept visibly and reported with its line.
func TestImportBOMThenJunkWarns(t *testing.T) {
	p, warns, err := Import("bom.txt", []byte("\xef\xbb\xbf第1集\n△雨。\n\xff\xfe\xfd\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Episodes) != 1 || !strings.Contains(p.Episodes[0].Body, `\xFF\xFE\xFD`) {
		t.Errorf("episodes %+v", p.Episodes)
	}
	if len(warns) != 1 || warns[0].Line != 3 || !strings.Contains(warns[0].Message(true), "第 3 行") {
		t.Errorf("warnings %+v", warns)
	}
}

func BenchmarkDecodeMixed10MB(b *testing.B) {
	one, _ := mixedSeries(b)
	var data []byte
	for len(data) < 10<<20 {
		data = append(data, one...)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, _, err := DecodeTextLines(data); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecodeTextLines: any bytes decode to valid UTF-8 without inventing
// replacement characters, and valid UTF-8 lines come through unchanged.
func FuzzDecodeTextLines(f *testing.F) {
	data, _ := mixedSeries(f)
	f.Add(data)
	f.Add([]byte("第1集\n\xff\xfe\n"))
	f.Add([]byte("\xef\xbb\xbf第1集\n\xb5\xda\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, _, _, err := DecodeTextLines(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 out of %q", b)
		}
		if strings.ContainsRune(text, utf8.RuneError) && !bytes.Contains(b, []byte("\uFFFD")) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(b, []byte{0xFE, 0xFF}) && bytes.IndexByte(b, 0) < 0 {
			t.Fatalf("U+FFFD invented from %q: %q", b, text)
		}
	})
}
