package format

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Typed errors of reading a script file. Parse wraps them with the file name
// and what to do; callers tell them apart with errors.Is (the CLI maps them
// all to exit code 2 and can localise the message).
var (
	ErrNotText     = errors.New("not a text file")
	ErrEncoding    = errors.New("unknown text encoding")
	ErrEmpty       = errors.New("the file is empty")
	ErrCorrupt     = errors.New("the file is damaged")
	ErrUnsupported = errors.New("unsupported file type")
)

// Encoding names returned by DecodeText.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 BOM"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
	EncBig5    = "Big5"
)

// DecodeText turns the bytes of a text file into a UTF-8 string with LF
// newlines and no BOM. It recognises UTF-8 (with or without BOM), UTF-16 LE
// and BE (with a BOM, or without one by the pattern of NUL bytes), and
// GB18030/GBK or Big5, choosing between the last two by which reading gives
// more common Chinese characters. Binary data gives ErrNotText; legacy bytes
// that read as neither GB18030 nor Big5 give ErrEncoding.
func DecodeText(data []byte) (text string, enc string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		if !utf8.Valid(data[3:]) {
			return "", EncUTF8BOM, errEncoding("the file starts with a UTF-8 mark but is not valid UTF-8")
		}
		return finishText(string(data[3:]), EncUTF8BOM)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false, EncUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true, EncUTF16BE)
	}
	if len(data) == 0 {
		return "", EncUTF8, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		if be, ok := utf16ByNULs(data); ok {
			enc := EncUTF16LE
			if be {
				enc = EncUTF16BE
			}
			if s, enc, err := decodeUTF16(data, be, enc); err == nil {
				return s, enc, nil
			}
		}
		return "", "", ErrNotText
	}
	if utf8.Valid(data) {
		return finishText(string(data), EncUTF8)
	}
	if n := cutRune(data); n > 0 && utf8.Valid(data[:len(data)-n]) {
		// UTF-8 cut off in the middle of the last character.
		return finishText(string(data[:len(data)-n]), EncUTF8)
	}
	if controlShare(data) > 0.01 {
		return "", "", ErrNotText
	}
	// Score a sample (the start of a long file says enough), then decode all.
	sample := data
	if len(sample) > scoreSample {
		sample = sample[:scoreSample]
	}
	gbScore := legacyScore(simplifiedchinese.GB18030, sample)
	b5Score := legacyScore(traditionalchinese.Big5, sample)
	var e encoding.Encoding
	var name string
	switch {
	case gbScore >= b5Score && gbScore > 0:
		e, name = simplifiedchinese.GB18030, EncGB18030
	case b5Score > gbScore && b5Score > 0:
		e, name = traditionalchinese.Big5, EncBig5
	default:
		return "", "", errEncoding("the text is not UTF-8, UTF-16, GB18030/GBK or Big5")
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", name, errEncoding("the text could not be read as " + name)
	}
	return finishText(string(out), name)
}

func errEncoding(why string) error {
	return &wrapped{msg: why, err: ErrEncoding}
}

// wrapped is an error with its own message that still matches a sentinel.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// finishText normalises newlines and refuses text full of control bytes.
func finishText(s, enc string) (string, string, error) {
	if controlShare([]byte(s)) > 0.01 || strings.IndexByte(s, 0) >= 0 {
		return "", enc, ErrNotText
	}
	return normaliseNewlines(s), enc, nil
}

// controlShare is the share of C0 control bytes other than tab, newlines,
// form feed and the DOS end-of-file mark: text has next to none.
func controlShare(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A || c == 0x7F {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// utf16ByNULs recognises BOM-less UTF-16: ASCII characters (at least the
// newlines) put NULs at odd offsets in LE and even offsets in BE, while
// binary data has NULs everywhere. The decoded text must still pass the
// control-byte test in finishText.
func utf16ByNULs(data []byte) (bigEndian, ok bool) {
	if len(data) < 2 {
		return false, false
	}
	var even, odd int
	for i, c := range data {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// CJK characters whose low (LE) or high (BE) byte is zero, such as 一
	// U+4E00, put a few NULs at the other parity.
	switch {
	case odd > 0 && even*10 <= odd && len(data)%2 == 0:
		return false, true
	case even > 0 && odd*10 <= even && len(data)%2 == 0:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16 strictly: an odd length or an unpaired
// surrogate means the file is damaged or not UTF-16 at all.
func decodeUTF16(b []byte, bigEndian bool, enc string) (string, string, error) {
	if len(b)%2 != 0 {
		return "", enc, errEncoding("the file looks like " + enc + " but has an odd number of bytes (cut off?)")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c >= 0xD800 && c < 0xDC00:
			if i+1 >= len(u) || u[i+1] < 0xDC00 || u[i+1] > 0xDFFF {
				return "", enc, errEncoding("the file looks like " + enc + " but is not valid UTF-16")
			}
			i++
		case c >= 0xDC00 && c <= 0xDFFF:
			return "", enc, errEncoding("the file looks like " + enc + " but is not valid UTF-16")
		}
	}
	s := string(utf16.Decode(u))
	s = strings.TrimPrefix(s, "\ufeff")
	return finishText(s, enc)
}

// scoreSample is how much of a legacy-encoded file is scored.
const scoreSample = 64 << 10

// legacyScore decodes data with a legacy Chinese encoding and scores how
// much the result reads like Chinese: common characters count for it,
// replacement characters, private-use code points and rare characters
// against it. A score of 0 or less means "not this encoding".
func legacyScore(e encoding.Encoding, data []byte) float64 {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return -1
	}
	s := string(out)
	var han, common, bad, other int
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			bad++
		case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000:
			bad++
		case unicode.Is(unicode.Han, r):
			han++
			if commonHan[r] {
				common++
			}
		case r >= 0x80 && !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r):
			other++ // Hangul, kana, odd letters: not what Chinese text is made of
		}
	}
	if han == 0 {
		return -1
	}
	score := float64(common)/float64(han) - 3*float64(bad)/float64(han) - float64(other)/float64(han)
	// Real Chinese has a large share of its 500 commonest characters; text
	// decoded with the wrong table has almost none.
	if float64(common) < 0.2*float64(han) {
		return -1
	}
	return score
}

// cutRune returns how many bytes at the end of b start a multi-byte UTF-8
// character that the data cuts off (0 if none).
func cutRune(b []byte) int {
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 { // a lead byte: does it need more than n bytes?
			need := 2
			if c >= 0xE0 {
				need = 3
			}
			if c >= 0xF0 {
				need = 4
			}
			if need > n {
				return n
			}
			return 0
		}
	}
	return 0
}
