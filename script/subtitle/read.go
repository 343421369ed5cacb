package subtitle

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/asticode/go-astisub"
)

// Formats the package reads and writes.
const (
	FormatSRT  = "srt"
	FormatVTT  = "vtt"
	FormatASS  = "ass"
	FormatSSA  = "ssa"
	FormatTTML = "ttml"
	FormatSTL  = "stl"
)

// FormatFromName maps a file name's extension to a format ("" if unknown).
func FormatFromName(name string) string {
	switch strings.ToLower(strings.TrimPrefix(filepath.Ext(name), ".")) {
	case "srt":
		return FormatSRT
	case "vtt", "webvtt":
		return FormatVTT
	case "ass":
		return FormatASS
	case "ssa":
		return FormatSSA
	case "ttml", "dfxp", "xml":
		return FormatTTML
	case "stl":
		return FormatSTL
	}
	return ""
}

// ParseError is an unreadable subtitle file, with the line where reading
// stopped when it is known.
type ParseError struct {
	Format string
	Line   int
	Msg    string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", strings.ToUpper(e.Format), e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", strings.ToUpper(e.Format), e.Msg)
}

// ReadResult is an imported file.
type ReadResult struct {
	Track    *Track
	Format   string
	Encoding string
	Warnings []string
}

// isSTL recognises an EBU-STL file by its GSI block (code page + "STLxx.01").
func isSTL(data []byte) bool {
	return len(data) >= 1024 && bytes.HasPrefix(data[3:], []byte("STL")) && bytes.Equal(data[8:11], []byte(".01"))
}

// sniff picks the format from the content, falling back to the extension.
func sniff(name, text string) string {
	head := strings.TrimSpace(text)
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case strings.HasPrefix(head, "WEBVTT"):
		return FormatVTT
	case strings.Contains(head, "[Script Info]") || strings.Contains(head, "[Events]") || strings.Contains(head, "[V4+ Styles]"):
		if FormatFromName(name) == FormatSSA {
			return FormatSSA
		}
		return FormatASS
	case strings.HasPrefix(head, "<?xml") || strings.HasPrefix(head, "<tt"):
		return FormatTTML
	case strings.Contains(head, "-->"):
		return FormatSRT
	}
	return FormatFromName(name)
}

var (
	lineNumRe   = regexp.MustCompile(`line (\d+)`)
	goInternals = regexp.MustCompile(`map\[|strconv\.|%!|&\{|0xc0[0-9a-f]{6}|invalid syntax|building new|failed:`)
)

// parseErr wraps an astisub error as a ParseError, keeping its line number.
func parseErr(format string, err error) error {
	msg := strings.ReplaceAll(err.Error(), "astisub: ", "")
	if goInternals.MatchString(msg) {
		// The library's words (Go values, strconv) mean nothing to a user.
		n := ""
		if m := lineNumRe.FindStringSubmatch(msg); m != nil {
			n = m[0]
		}
		msg = "the file is malformed and cannot be read; check it in a subtitle editor"
		if n != "" {
			msg = n + ": " + msg
		}
	}
	pe := &ParseError{Format: format, Msg: msg}
	if m := lineNumRe.FindStringSubmatch(msg); m != nil {
		pe.Line, _ = strconv.Atoi(m[1])
		pe.Msg = strings.TrimSpace(strings.TrimLeft(lineNumRe.ReplaceAllString(msg, ""), ": "))
	}
	return pe
}

// Read imports a subtitle file of any supported format and encoding. The
// name is used only for its extension when the content is ambiguous.
func Read(name string, data []byte) (res *ReadResult, err error) {
	// astisub panics on some malformed input (a TTML <p> without times);
	// that is a bad file, not a crash.
	defer func() {
		if r := recover(); r != nil {
			f := sniffName(name)
			if res != nil && res.Format != "" {
				f = res.Format
			}
			res, err = nil, &ParseError{Format: f, Msg: fmt.Sprintf("the file is malformed and cannot be read (%v); check it in a subtitle editor", r)}
		}
	}()
	return read(name, data)
}

func sniffName(name string) string {
	if f := FormatFromName(name); f != "" {
		return f
	}
	return "subtitle"
}

func read(name string, data []byte) (*ReadResult, error) {
	res := &ReadResult{}
	var subs *astisub.Subtitles
	var err error
	if isSTL(data) || (FormatFromName(name) == FormatSTL && len(data) >= 1024) {
		res.Format, res.Encoding = FormatSTL, "EBU-STL"
		subs, err = astisub.ReadFromSTL(bytes.NewReader(data), astisub.STLOptions{IgnoreTimecodeStartOfProgramme: true})
		if err != nil {
			return nil, parseErr(FormatSTL, err)
		}
		return finishRead(res, subs, "")
	}
	text, enc, warns, err := decodeText(data)
	if err != nil {
		return nil, &ParseError{Format: strings.TrimPrefix(filepath.Ext(name), "."), Msg: err.Error()}
	}
	res.Encoding, res.Warnings = enc, warns
	res.Format = sniff(name, text)
	if strings.TrimSpace(text) == "" {
		return nil, &ParseError{Format: res.Format, Msg: "the file is empty"}
	}
	switch res.Format {
	case FormatSRT:
		if err := precheckSRT(text); err != nil {
			return nil, err
		}
		subs, err = astisub.ReadFromSRT(strings.NewReader(joinSRTBlankLines(text)))
	case FormatVTT:
		subs, err = astisub.ReadFromWebVTT(strings.NewReader(text))
	case FormatASS, FormatSSA:
		fixed, warns, perr := normaliseASS(text)
		if perr != nil {
			return nil, perr
		}
		res.Warnings = append(res.Warnings, warns...)
		subs, err = astisub.ReadFromSSAWithOptions(strings.NewReader(fixed), astisub.SSAOptions{
			OnUnknownSectionName: func(string) {},
			OnInvalidLine: func(l string) {
				res.Warnings = append(res.Warnings, "skipped line: "+l)
			},
		})
	case FormatTTML:
		text = fixTTMLTimes(text)
		// Our reading first: it refuses absurd nesting before astisub
		// spends seconds on it.
		texts, terr := ttmlTexts(text)
		if terr != nil {
			return nil, terr
		}
		subs, err = astisub.ReadFromTTML(strings.NewReader(text))
		if err == nil {
			res, err := finishRead(res, subs, text)
			if err != nil {
				return nil, err
			}
			// Text astisub lost (spans inside spans) or glued together
			// (word-timed spans) comes from our reading.
			if len(texts) == len(res.Track.Cues) {
				for i := range res.Track.Cues {
					if c := &res.Track.Cues[i]; visible(texts[i]) >= visible(c.Lines) {
						c.Lines = texts[i]
					}
				}
			}
			return res, nil
		}
	default:
		return nil, &ParseError{Format: "subtitle", Msg: "unknown format: expected SRT, WebVTT, ASS/SSA, TTML or EBU-STL"}
	}
	if err != nil {
		return nil, parseErr(res.Format, err)
	}
	return finishRead(res, subs, text)
}

var xmlLangRe = regexp.MustCompile(`<tt[^>]*\sxml:lang="([^"]*)"`)

func finishRead(res *ReadResult, subs *astisub.Subtitles, text string) (*ReadResult, error) {
	tr := &Track{}
	if res.Format == FormatTTML {
		if m := xmlLangRe.FindStringSubmatch(text); m != nil {
			tr.Lang = m[1]
		}
	}
	for _, it := range subs.Items {
		c := Cue{Start: it.StartAt, End: it.EndAt, Status: StatusTimed}
		for _, l := range it.Lines {
			// Styled pieces are joined as they were: astisub's own
			// writers put spaces between them.
			var s string
			if len(l.Items) == 1 {
				s = l.Items[0].Text
			} else {
				var b strings.Builder
				for _, li := range l.Items {
					b.WriteString(li.Text)
				}
				s = b.String()
			}
			for _, li := range l.Items {
				if c.Position == 0 && li.InlineStyle != nil && li.InlineStyle.SSAEffect != "" {
					c.Position = positionFromSSA(li.InlineStyle.SSAEffect)
				}
			}
			if strings.Contains(s, `\h`) {
				s = strings.ReplaceAll(s, `\h`, " ")
			}
			c.Lines = append(c.Lines, splitLines(s)...)
			if c.Speaker == "" {
				c.Speaker = strings.TrimSpace(l.VoiceName)
			}
		}
		if c.Position == 0 && it.Style != nil && it.Style.InlineStyle != nil && it.Style.InlineStyle.SSAAlignment != nil {
			if a := *it.Style.InlineStyle.SSAAlignment; a != 2 {
				c.Position = a
			}
		}
		if c.Position == 0 && it.InlineStyle != nil && it.InlineStyle.WebVTTLine != "" {
			c.Position = positionFromVTTLine(it.InlineStyle.WebVTTLine)
		}
		if it.InlineStyle != nil && it.InlineStyle.SRTPosition != 0 {
			c.Position = int(it.InlineStyle.SRTPosition)
		}
		tr.Cues = append(tr.Cues, c)
	}
	if len(tr.Cues) == 0 {
		line := firstContentLine(text)
		return nil, &ParseError{Format: res.Format, Line: line, Msg: "no subtitles found: this line is not a cue the format allows"}
	}
	tr.Renumber()
	res.Track = tr
	return res, nil
}

var anRe = regexp.MustCompile(`\\an([1-9])`)

func positionFromSSA(effect string) int {
	if m := anRe.FindStringSubmatch(effect); m != nil {
		return int(m[1][0] - '0')
	}
	return 0
}

// positionFromVTTLine maps a WebVTT "line:" setting to top (8), middle
// (5) or bottom (0 = default).
func positionFromVTTLine(line string) int {
	v, _, _ := strings.Cut(line, ",")
	if pct, ok := strings.CutSuffix(v, "%"); ok {
		f, err := strconv.ParseFloat(pct, 64)
		switch {
		case err != nil:
		case f < 34:
			return 8
		case f < 67:
			return 5
		}
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 3 {
		return 8 // a small positive line number counts from the top
	}
	return 0
}

func firstContentLine(text string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			return i + 1
		}
	}
	return 0
}

var srtTimeRe = regexp.MustCompile(`^\s*\d{1,3}:\d{1,2}:\d{1,2}(?:[,.:]\d{1,3})?\s*-->\s*\d{1,3}:\d{1,2}:\d{1,2}(?:[,.:]\d{1,3})?`)

// precheckSRT finds the first malformed time line, or text before the
// first cue, and names its line: astisub would skip or misread it.
func precheckSRT(text string) error {
	seenTime := false
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
		switch {
		case strings.Contains(t, "-->"):
			if !srtTimeRe.MatchString(t) {
				return &ParseError{Format: FormatSRT, Line: i + 1, Msg: fmt.Sprintf("bad time range %q: expected 00:00:01,000 --> 00:00:02,500", t)}
			}
			seenTime = true
		case !seenTime && t != "":
			if _, err := strconv.Atoi(t); err != nil {
				return &ParseError{Format: FormatSRT, Line: i + 1, Msg: fmt.Sprintf("expected a cue number or a time range, found %q", clip(t, 40))}
			}
		}
	}
	return nil
}

// precheckASS checks Dialogue lines against the [Events] Format line, with
// line numbers (astisub's errors have none).

var assTimeRe = regexp.MustCompile(`^\d+:\d{1,2}:\d{1,2}(?:\.\d{1,3})?$`)

func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// joinSRTBlankLines removes blank lines inside cue text: astisub drops every
// line after such a blank line. A blank line ends a cue only when a cue
// number and time range, or a time range, follows.
func joinSRTBlankLines(text string) string {
	if !strings.Contains(text, "\n\n") {
		return text
	}
	lines := strings.Split(text, "\n")
	isTime := func(i int) bool { return i < len(lines) && strings.Contains(lines[i], "-->") }
	out := make([]string, 0, len(lines))
	inText, changed := false, false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.Contains(t, "-->"):
			inText = true
		case t == "" && inText:
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j >= len(lines) || isTime(j) || (isNumber(lines[j]) && isTime(j+1)) {
				inText = false
				break
			}
			changed = true
			continue // blank line inside the text
		}
		out = append(out, l)
	}
	if !changed {
		return text
	}
	return strings.Join(out, "\n")
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil
}
