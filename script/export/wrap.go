package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line-breaking rules (kinsoku shori, 禁则): a line never starts with
// closing punctuation and never ends with opening punctuation.
const (
	noLineStart = "，。！？、；：”’）》」』】〉〕］｝…—·～‥,.!?;:)]}>%％〗・ー々"
	noLineEnd   = "“‘（《「『【〈〔［｛([{<〖"
)

func noStart(r rune) bool { return strings.ContainsRune(noLineStart, r) }
func noEnd(r rune) bool   { return strings.ContainsRune(noLineEnd, r) }

func startsNoStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return noStart(r)
}

// isWide reports whether r is a CJK character that may break on either side.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '△' || r == '▲' || r == '…' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’'
}

// tokens splits text into unbreakable units: each CJK character alone, runs
// of Latin letters/digits (a word) with their trailing spaces.
func tokens(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWide(r) || unicode.IsSpace(r) {
			out = append(out, s[i:i+n])
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isWide(r2) || unicode.IsSpace(r2) {
				break
			}
			j += n2
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// Wrap breaks text into lines no wider than width, measured by measure, with
// the line-breaking rules above: a closing mark that would start a line is
// pulled up onto the previous line (hanging punctuation, which may overhang
// the width by one mark); if that is not possible the last character moves
// down with it. Explicit newlines are kept. Spaces at line ends are dropped.
func Wrap(text string, width float64, measure func(string) float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrapPara(para, width, measure)...)
	}
	return out
}

func wrapPara(text string, width float64, measure func(string) float64) []string {
	toks := splitLong(tokens(text), width, measure)
	if len(toks) == 0 {
		return []string{""}
	}
	var lines []string
	var cur []string
	curW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(strings.Join(cur, ""), " \t"))
		cur, curW = nil, 0
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := measure(t)
		if len(cur) == 0 && strings.TrimSpace(t) == "" {
			continue // no leading spaces on a continued line
		}
		if curW+w <= width || len(cur) == 0 {
			cur = append(cur, t)
			curW += w
			continue
		}
		// t does not fit.
		first, _ := utf8.DecodeRuneInString(t)
		switch {
		case strings.TrimSpace(t) == "":
			flush()
			continue
		case noStart(first) && curW+w <= width+measure("，")*1.01:
			// Hang the closing mark in the margin.
			cur = append(cur, t)
			for i+1 < len(toks) && startsNoStart(toks[i+1]) {
				i++
				cur = append(cur, toks[i])
			}
			flush()
			continue
		case noStart(first) && len(cur) > 1:
			// Move the last token down with the closing mark.
			last := cur[len(cur)-1]
			cur = cur[:len(cur)-1]
			flush()
			cur = []string{last}
			curW = measure(last)
		default:
			flush()
		}
		// Never end a line with an opening mark: carry trailing openers down.
		if n := len(lines); n > 0 {
			var carry []string
			l := lines[n-1]
			for l != "" {
				r, size := utf8.DecodeLastRuneInString(l)
				if !noEnd(r) || size == len(l) {
					break
				}
				carry = append([]string{l[len(l)-size:]}, carry...)
				l = l[:len(l)-size]
			}
			if len(carry) > 0 {
				lines[n-1] = l
				cur = append(carry, cur...)
				curW = measure(strings.Join(cur, ""))
			}
		}
		cur = append(cur, t)
		curW += w
	}
	if len(cur) > 0 {
		flush()
	}
	return lines
}

// splitLong breaks tokens wider than a line (URLs, long Latin words) into
// pieces that fit, so nothing runs off the page.
func splitLong(toks []string, width float64, measure func(string) float64) []string {
	var out []string
	for _, t := range toks {
		if utf8.RuneCountInString(t) < 2 || measure(t) <= width {
			out = append(out, t)
			continue
		}
		start := 0
		for i, r := range t {
			if i > start && measure(t[start:i+utf8.RuneLen(r)]) > width {
				out = append(out, t[start:i])
				start = i
			}
		}
		out = append(out, t[start:])
	}
	return out
}
