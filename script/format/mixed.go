package format

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Warning is something about an imported file that the user should check:
// what could not be read as it was, where, and what was done instead. The
// text is never dropped; a warning says how it was kept.
type Warning struct {
	Line, EndLine int // 1-based and inclusive; 0 when it concerns the whole file
	En, Zh        string
}

// Error is the English message with its line numbers.
func (w Warning) Error() string { return w.where(false) + w.En }

// Message is the message in Chinese (zh) or English, with line numbers.
func (w Warning) Message(zh bool) string {
	if zh {
		return w.where(true) + w.Zh
	}
	return w.Error()
}

func (w Warning) where(zh bool) string {
	switch {
	case w.Line == 0:
		return ""
	case w.EndLine > w.Line && zh:
		return fmt.Sprintf("第 %d–%d 行：", w.Line, w.EndLine)
	case w.EndLine > w.Line:
		return fmt.Sprintf("lines %d–%d: ", w.Line, w.EndLine)
	case zh:
		return fmt.Sprintf("第 %d 行：", w.Line)
	}
	return fmt.Sprintf("line %d: ", w.Line)
}

// maxByteWarnings caps the per-line warnings about unreadable bytes.
const maxByteWarnings = 20

// DecodeTextLines is DecodeText for files that are not one encoding
// throughout, such as a UTF-8 script with a GBK file pasted into it. Each
// line is read as UTF-8 when it is valid UTF-8 and otherwise in the legacy
// encoding (GB18030 or Big5) that the other lines read best in; bytes that
// are neither are kept visibly as \xNN. Warnings give the line numbers of
// lines that were not UTF-8 in a file that is mostly UTF-8, and of every
// line with unreadable bytes. A file in one encoding decodes exactly as
// DecodeText does, with no warnings.
func DecodeTextLines(data []byte) (text, enc string, warns []Warning, err error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) && !utf8.Valid(data[3:]) {
		data = data[3:] // a UTF-8 mark on a file that is not all UTF-8
	} else if !needsLines(data) {
		text, enc, err = DecodeText(data)
		return text, enc, nil, err
	}
	if controlShare(data) > 0.01 {
		return "", "", nil, ErrNotText
	}
	lines := bytes.Split(data, []byte("\n"))
	if n := cutRune(lines[len(lines)-1]); n > 0 && utf8.Valid(lines[len(lines)-1][:len(lines[len(lines)-1])-n]) {
		lines[len(lines)-1] = lines[len(lines)-1][:len(lines[len(lines)-1])-n] // cut off mid-character
	}
	var sample []byte
	utfLines, badLines := 0, 0
	for _, l := range lines {
		switch {
		case isASCII(l):
		case utf8.Valid(l):
			utfLines++
		default:
			badLines++
			if len(sample) < scoreSample {
				sample = append(append(sample, l...), '\n')
			}
		}
	}
	var legacy encoding.Encoding
	legacyName := ""
	gb, b5 := legacyScore(simplifiedchinese.GB18030, sample), legacyScore(traditionalchinese.Big5, sample)
	switch {
	case gb >= b5 && gb > 0:
		legacy, legacyName = simplifiedchinese.GB18030, EncGB18030
	case b5 > gb:
		legacy, legacyName = traditionalchinese.Big5, EncBig5
	case utfLines == 0:
		return "", "", nil, errEncoding("the text is not UTF-8, UTF-16, GB18030/GBK or Big5")
	}
	var out strings.Builder
	out.Grow(len(data) + len(data)/2)
	runStart, runEnd := 0, 0 // the current range of legacy lines, 1-based
	var ranges [][2]int
	byteWarns := 0
	for i, l := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		if isASCII(l) || utf8.Valid(l) {
			out.Write(l)
			if !isASCII(l) && runStart > 0 {
				ranges = append(ranges, [2]int{runStart, runEnd})
				runStart = 0
			}
			continue
		}
		s, clean := decodeLine(legacy, l)
		out.WriteString(s)
		if clean {
			if runStart == 0 {
				runStart = i + 1
			}
			runEnd = i + 1
			continue
		}
		if byteWarns++; byteWarns <= maxByteWarnings {
			warns = append(warns, Warning{Line: i + 1,
				En: `bytes that are no known text encoding were kept as \xNN: check and retype them`,
				Zh: `有无法识别编码的字节，已原样保留为 \xNN，请检查并重新输入`})
		}
	}
	if runStart > 0 {
		ranges = append(ranges, [2]int{runStart, runEnd})
	}
	if byteWarns > maxByteWarnings {
		warns = append(warns, Warning{
			En: fmt.Sprintf("%d more lines have unreadable bytes", byteWarns-maxByteWarnings),
			Zh: fmt.Sprintf("另有 %d 行有无法识别的字节", byteWarns-maxByteWarnings)})
	}
	enc = legacyName
	if utfLines > 0 {
		enc = EncUTF8
		if len(ranges) > 0 {
			enc = EncUTF8 + " + " + legacyName
			// The legacy parts of a UTF-8 file come first: they are why the
			// user should look.
			var mixed []Warning
			for _, r := range ranges {
				mixed = append(mixed, Warning{Line: r[0], EndLine: r[1],
					En: fmt.Sprintf("not UTF-8; read as %s (the file mixes encodings: check these lines, then save the file as UTF-8)", legacyName),
					Zh: fmt.Sprintf("不是 UTF-8，已按 %s 读取（文件混用了编码：请检查这些行，并把文件另存为 UTF-8）", legacyName)})
			}
			warns = append(mixed, warns...)
		}
	}
	text, enc, err = finishText(out.String(), enc)
	return text, enc, warns, err
}

// needsLines reports whether data needs the line-by-line reading: it is not
// UTF-16 or valid UTF-8 (give or take a character cut off at the end).
func needsLines(data []byte) bool {
	if len(data) == 0 || bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) ||
		bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) ||
		bytes.IndexByte(data, 0) >= 0 || utf8.Valid(data) {
		return false
	}
	if n := cutRune(data); n > 0 && utf8.Valid(data[:len(data)-n]) {
		return false
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeLine decodes one line in e; clean is false when some bytes could
// not be decoded, which are then kept as \xNN rather than lost.
func decodeLine(e encoding.Encoding, l []byte) (string, bool) {
	if e != nil {
		if out, err := e.NewDecoder().Bytes(l); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			return string(out), true
		}
	}
	// Slow path: character by character.
	var b strings.Builder
	dec := (*encoding.Decoder)(nil)
	if e != nil {
		dec = e.NewDecoder()
	}
	for i := 0; i < len(l); {
		c := l[i]
		if c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		if r, n := utf8.DecodeRune(l[i:]); r != utf8.RuneError {
			b.WriteString(string(l[i : i+n]))
			i += n
			continue
		}
		ok := false
		if dec != nil {
			for _, n := range []int{2, 4} {
				if i+n > len(l) {
					break
				}
				out, err := dec.Bytes(l[i : i+n])
				if err == nil && utf8.RuneCount(out) == 1 && !bytes.ContainsRune(out, utf8.RuneError) {
					b.Write(out)
					i += n
					ok = true
					break
				}
			}
		}
		if !ok {
			fmt.Fprintf(&b, `\x%02X`, c)
			i++
		}
	}
	return b.String(), false
}
