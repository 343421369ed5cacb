package export

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script/format"
)

var fuzzSeeds = []string{
	"第1集：替嫁\n1-1 日 内 林家别墅客厅\n人物：林晚、林母、管家\n△林晚攥紧拳头，指甲掐进掌心，嘴角却勾起笑。\n林母：（冷笑）你也配站在这里？\n林晚（OS）：三年了，我回来了。\n【字幕：三年后】\n【卡点】门外传来一声：“顾总到——”\n",
	"第2集\n2-1 夜 外 江边\n△风。\n旁白（VO）：那一夜……\n【闪回】\n△雨。\n【闪回结束】\n切至：\n",
	"剧名：测试\n编剧：甲\n\n第1集\n1-1 日 内 A\nB：“引号”（括号）【方括号】\n",
}

// FuzzFDXRoundTrip: any script the Chinese parser reads survives FDX export
// and import unchanged.
func FuzzFDXRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 || !xmlSafe(text) {
			return // XML cannot carry invalid UTF-8 or control characters
		}
		p, err := format.ParseChinese(text)
		if err != nil || len(p.Episodes) == 0 {
			return
		}
		var buf bytes.Buffer
		if err := FDX(p, &buf, Options{}); err != nil {
			t.Fatal(err)
		}
		back, err := format.ReadFDX(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("cannot read our own FDX: %v\n%s", err, buf.String())
		}
		want, got := episodeKeys(p), episodeKeys(back)
		if strings.Join(flat(got), "\n") != strings.Join(flat(want), "\n") {
			t.Fatalf("round trip changed the script\ninput %q\n got %q\nwant %q", text, got, want)
		}
	})
}

func flat(k [][]string) []string {
	var out []string
	for _, e := range k {
		out = append(out, e...)
	}
	return out
}

// FuzzDocuments: PDF and DOCX of any parsed script are written without
// panics or errors.
func FuzzDocuments(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2000 {
			return
		}
		p, err := format.ParseChinese(text)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := PDF(context.Background(), p, &buf, Options{Watermark: "送审稿"}); err != nil {
			t.Fatalf("PDF: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
		buf.Reset()
		if err := DOCX(context.Background(), p, &buf, Options{}); err != nil {
			t.Fatalf("DOCX: %v", err)
		}
		readDocx(t, buf.Bytes())
	})
}

func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
	}
	return true
}
