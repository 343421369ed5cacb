package subtitle

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TTML as Apple and others write it has times astisub refuses: bare
// seconds (begin="19.764") and clocks without hours ("3:58.640").
// fixTTMLTimes rewrites those attribute values to offset times ("19.764s")
// and full clocks, leaving everything else (and the line count) as it was.
var (
	ttmlTimeAttrRe = regexp.MustCompile(`(\s(?:begin|end|dur)\s*=\s*)(["'])([^"']*)(["'])`)
	ttmlBareSecRe  = regexp.MustCompile(`^\s*(\d+(?:\.\d+)?)\s*$`)
	ttmlMinSecRe   = regexp.MustCompile(`^\s*(\d+):(\d{1,2}(?:\.\d+)?)\s*$`)
)

func fixTTMLTimes(text string) string {
	return ttmlTimeAttrRe.ReplaceAllStringFunc(text, func(m string) string {
		sub := ttmlTimeAttrRe.FindStringSubmatch(m)
		v := sub[3]
		switch {
		case ttmlBareSecRe.MatchString(v):
			v = strings.TrimSpace(v) + "s"
		case ttmlMinSecRe.MatchString(v):
			mm := ttmlMinSecRe.FindStringSubmatch(v)
			min, _ := strconv.Atoi(mm[1])
			sec, _ := strconv.ParseFloat(mm[2], 64)
			v = strconv.FormatFloat(float64(min)*60+sec, 'f', -1, 64) + "s"
		default:
			return m
		}
		return sub[1] + sub[2] + v + sub[4]
	})
}

// maxTTMLDepth bounds element nesting: real files nest a few levels; a
// file nested deeper is refused with a clear error rather than read wrong.
const maxTTMLDepth = 10000

// ttmlTexts reads the text of every <p> in document order the way TTML
// defines it: all the text of its spans at any depth, <br/> a new line,
// runs of white space one space. astisub reads one level of spans only and
// drops the text of deeper ones; read uses these texts instead when they
// have more to say.
func ttmlTexts(text string) ([][]string, error) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false
	var out [][]string
	var cur *strings.Builder
	var lines []string
	depth, pDepth := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break // astisub has already judged the XML; keep what we have
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxTTMLDepth {
				line, _ := dec.InputPos()
				return nil, &ParseError{Format: FormatTTML, Line: line, Msg: fmt.Sprintf("elements nested more than %d deep: this is not a subtitle file a player can show; re-export it from your subtitle tool", maxTTMLDepth)}
			}
			switch {
			case t.Name.Local == "p" && cur == nil:
				cur, lines, pDepth = &strings.Builder{}, nil, depth
			case t.Name.Local == "br" && cur != nil:
				lines = append(lines, collapseSpace(cur.String()))
				cur.Reset()
			}
		case xml.EndElement:
			if cur != nil && depth == pDepth && t.Name.Local == "p" {
				lines = append(lines, collapseSpace(cur.String()))
				var keep []string
				for _, l := range lines {
					if l != "" {
						keep = append(keep, l)
					}
				}
				out = append(out, keep)
				cur = nil
			}
			depth--
		case xml.CharData:
			if cur != nil {
				cur.Write(t)
			}
		}
	}
	return out, nil
}

// collapseSpace makes runs of white space one space, as TTML's default
// xml:space does, except between two CJK characters, where a line feed in
// the file is no space in the text.
func collapseSpace(s string) string {
	f := strings.Fields(s)
	var b strings.Builder
	for i, w := range f {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(f[i-1])
			next, _ := utf8.DecodeRuneInString(w)
			if !(IsCJK(prev) && IsCJK(next)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// visible counts the characters of lines other than spaces.
func visible(lines []string) int {
	n := 0
	for _, l := range lines {
		for _, r := range l {
			if r != ' ' {
				n++
			}
		}
	}
	return n
}
