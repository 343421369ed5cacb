package format

import (
	"errors"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

const zhSample = "第1集：替嫁\n1-1 日 内 林家别墅客厅\n人物：林晚、林母、管家\n△林晚攥紧拳头，指甲掐进掌心，嘴角却勾起笑。\n林母：（冷笑）你也配站在这里？\n林晚（OS）：三年了，我回来了。\n【字幕：三年后】\n【卡点】门外传来一声：顾总到——\n"

const zhTraditional = "第1集：替嫁\n1-1 日 內 林家別墅客廳\n人物：林晚、林母、管家\n△林晚攥緊拳頭，指甲掐進掌心，嘴角卻勾起笑。\n林母：（冷笑）你也配站在這裡？\n林晚（OS）：三年了，我回來了。\n【字幕：三年後】\n【卡點】門外傳來一聲：顧總到——\n"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

func mustEncode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	crlf := "第1集\r\n1-1 日 内 客厅\r\n林晚：你好。\r\n"
	tests := []struct {
		name string
		data []byte
		want string
		enc  string
	}{
		{"utf-8", []byte(zhSample), zhSample, EncUTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, zhSample...), zhSample, EncUTF8BOM},
		{"utf-16le bom", utf16Bytes(zhSample, false, true), zhSample, EncUTF16LE},
		{"utf-16be bom", utf16Bytes(zhSample, true, true), zhSample, EncUTF16BE},
		{"utf-16le", utf16Bytes(zhSample, false, false), zhSample, EncUTF16LE},
		{"utf-16be", utf16Bytes(zhSample, true, false), zhSample, EncUTF16BE},
		{"gb18030", mustEncode(t, simplifiedchinese.GB18030, zhSample), zhSample, EncGB18030},
		{"gbk", mustEncode(t, simplifiedchinese.GBK, zhSample), zhSample, EncGB18030},
		{"gbk traditional", mustEncode(t, simplifiedchinese.GBK, zhTraditional), zhTraditional, EncGB18030},
		{"big5", mustEncode(t, traditionalchinese.Big5, zhTraditional), zhTraditional, EncBig5},
		{"crlf", []byte(crlf), "第1集\n1-1 日 内 客厅\n林晚：你好。\n", EncUTF8},
		{"gbk crlf", mustEncode(t, simplifiedchinese.GBK, crlf), "第1集\n1-1 日 内 客厅\n林晚：你好。\n", EncGB18030},
		{"empty", nil, "", EncUTF8},
		{"utf-8 cut mid-character", []byte(zhSample + "林晚")[:len(zhSample)+4], zhSample + "林", EncUTF8},
		{"ascii", []byte("INT. HOUSE - DAY\n"), "INT. HOUSE - DAY\n", EncUTF8},
	}
	for _, tt := range tests {
		got, enc, err := DecodeText(tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got != tt.want || enc != tt.enc {
			t.Errorf("%s: got %q (%s), want %q (%s)", tt.name, got, enc, tt.want, tt.enc)
		}
	}
}

func TestDecodeTextErrors(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("こんにちは、これは日本語のテキストです。ありがとうございました。"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"binary", []byte{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0}, ErrNotText},
		{"control bytes", []byte("abc\x01\x02\x03\x04\x05\x06\x07\x08def"), ErrNotText},
		{"NULs in utf-8", []byte("林晚\x00\x00：你好\x00"), ErrNotText},
		{"odd utf-16", append(utf16Bytes("你好", false, true), 'x'), ErrEncoding},
		{"lone surrogate", append(utf16Bytes("你好", false, true), 0x00, 0xD8, 0x41, 0x00), ErrEncoding},
		{"bad utf-8 after bom", []byte{0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0xFD}, ErrEncoding},
		{"shift-jis", sjis, ErrEncoding},
		{"latin-1 bytes", []byte{0xE9, 0xE8, 0xE0, 0x20, 0xE7, 0xE0}, ErrEncoding},
	}
	for _, tt := range tests {
		_, _, err := DecodeText(tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}
