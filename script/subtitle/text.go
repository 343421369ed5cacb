package subtitle

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Punctuation classes used by breaking, lint and fix.
const (
	// closingPunct may not start a line (Chinese/Japanese line-breaking rules).
	closingPunct = "，。！？、；：”’）》」』】〕〉…—,.!?;:)]}%·～"
	// openingPunct may not end a line.
	openingPunct = "“‘（《「『【〔〈([{"
	// sentenceEnd ends a sentence: the best place to break or split.
	sentenceEnd = "。！？!?…"
	// clauseEnd ends a clause: the next best place.
	clauseEnd = "，、；：,;:—"
)

func isClosing(r rune) bool  { return strings.ContainsRune(closingPunct, r) }
func isOpening(r rune) bool  { return strings.ContainsRune(openingPunct, r) }
func isSentence(r rune) bool { return strings.ContainsRune(sentenceEnd, r) }
func isClause(r rune) bool   { return strings.ContainsRune(clauseEnd, r) }

// IsCJK reports whether r is a Han, Kana, Hangul or full-width CJK
// punctuation rune: text made of these is written without spaces.
func IsCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return r == '…' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’'
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	case unicode.Is(unicode.Hangul, r):
		return false // Korean uses spaces between words
	}
	return false
}

// isHan reports a Chinese character (spoken syllable).
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// JoinLines joins visual lines into one text: CJK on either side of a join
// gets no space (never insert ASCII spaces in CJK), other scripts get one.
func JoinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !IsCJK(last) && !IsCJK(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// Width is the length of s as a profile counts it: one per character,
// halfWidth for half-width (ASCII and half-width forms) characters when the
// profile says so (Japanese counts them as 0.5), nothing for combining marks
// (Thai and Arabic vowel marks) and zero-width characters.
func Width(s string, halfWidth float64) float64 {
	if halfWidth <= 0 {
		halfWidth = 1
	}
	var w float64
	for _, r := range s {
		w += runeWidth(r, halfWidth)
	}
	return w
}

// runeWidth is one character's share of Width.
func runeWidth(r rune, halfWidth float64) float64 {
	switch {
	case r < 0x7f:
		return halfWidth
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3040 && r <= 0x3098, r >= 0xAC00 && r <= 0xD7A3:
		return 1 // Han, kana, Hangul syllables: the common case, no table lookup
	case r >= 0xFF61 && r <= 0xFFDC:
		return halfWidth
	case r == '\u200b', r == '\u200d', r == '\ufeff', unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
		return 0
	}
	return 1
}

// spokenCount counts what takes time to read or say: characters other than
// spaces and punctuation.
func spokenCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// wordsOnly strips everything but letters and digits: what "never changes
// the words" compares.
func wordsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanLine removes characters that would corrupt a subtitle file: newlines
// (a blank line inside SRT text ends the cue), tabs and control characters.
func cleanLine(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\r' || r == '\n':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// splitLines turns text with newlines into clean, non-empty visual lines.
func splitLines(text string) []string {
	if !strings.ContainsAny(text, "\r\n") {
		if l := cleanLine(text); l != "" {
			return []string{l}
		}
		return nil
	}
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = cleanLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// SplitText turns text with newlines into visual lines (exported for the UI).
func SplitText(text string) []string { return splitLines(text) }
