package subtitle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/asticode/go-astisub"

	"github.com/duanju-studio/duanju/assets"
)

// FontName is the font family written into ASS styles: the bundled CJK font,
// so a burn-in with the app's font renders as previewed.
var FontName = assets.FontFamily

// WriteOptions say how a track is written.
type WriteOptions struct {
	Format    string   // srt, vtt, ass, ssa, ttml, stl
	Profile   *Profile // frame, margins and fonts for ASS; language for TTML
	Bilingual bool     // add each cue's Translation as a second line/style
	Speakers  bool     // WebVTT <v Name> voice tags
	CRLF      bool     // SRT/VTT/ASS line ends (Windows tools)
	BOM       bool     // UTF-8 BOM for SRT/VTT/ASS (some Windows players need it)
	Title     string
	Created   time.Time // EBU-STL creation/revision date (default: now)
}

// Write writes the track in the chosen format.
func Write(w io.Writer, tr *Track, opt WriteOptions) error {
	cues, err := writableCues(tr)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch opt.Format {
	case FormatSRT:
		err = toAstisub(cues, opt, false).WriteToSRT(&buf)
	case FormatVTT:
		err = toAstisub(cues, opt, true).WriteToWebVTT(&buf)
	case FormatASS, FormatSSA:
		writeASS(&buf, tr, cues, opt)
	case FormatTTML:
		err = writeTTML(&buf, tr, cues, opt)
	case FormatSTL:
		err = writeSTL(&buf, tr, cues, opt)
	default:
		return fmt.Errorf("unknown subtitle format %q: use srt, vtt, ass, ttml or stl", opt.Format)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", opt.Format, err)
	}
	out := buf.Bytes()
	if opt.Format == FormatSRT || opt.Format == FormatVTT || opt.Format == FormatASS || opt.Format == FormatSSA {
		out = bytes.TrimPrefix(out, astisub.BytesBOM) // astisub always writes one
		if !bytes.HasSuffix(out, []byte("\n")) {
			out = append(out, '\n')
		}
		if opt.CRLF {
			out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
		}
		if opt.BOM {
			out = append(append([]byte{}, astisub.BytesBOM...), out...)
		}
	}
	_, err = w.Write(out)
	return err
}

// WriteFile writes the track to path through a temporary file renamed into
// place, so a failed write never leaves an empty or half file (astisub's
// Write creates the file before it checks the extension).
func WriteFile(path string, tr *Track, opt WriteOptions) error {
	if opt.Format == "" {
		opt.Format = FormatFromName(path)
	}
	var buf bytes.Buffer
	if err := Write(&buf, tr, opt); err != nil {
		return err
	}
	return writeAtomic(path, buf.Bytes())
}

func writeAtomic(path string, data []byte) error {
	if err := writeAtomicTmp(path, data); err != nil {
		return userPathError(path, err)
	}
	return nil
}

// userPathError puts the user's file name in place of our temporary
// file's in an error from writing through one.
func userPathError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &os.PathError{Op: pe.Op, Path: path, Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &os.PathError{Op: "write", Path: path, Err: le.Err}
	}
	return err
}

func writeAtomicTmp(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return werr
	}
	return nil
}

// writableCues drops empty cues (astisub would write a broken block),
// cleans lines of newlines (a blank line inside SRT text ends the cue) and
// refuses impossible timing.
func writableCues(tr *Track) ([]Cue, error) {
	out := make([]Cue, 0, len(tr.Cues))
	for i, c := range tr.Cues {
		var lines []string
		for _, l := range c.Lines {
			lines = append(lines, splitLines(l)...)
		}
		if len(lines) == 0 {
			continue
		}
		if c.End <= c.Start || c.Start < 0 {
			return nil, fmt.Errorf("cue %d (%s): end time is not after start time; fix the timing first (subs fix)", i+1, c.ID)
		}
		c.Lines = lines
		var tl []string
		for _, l := range c.Translation {
			tl = append(tl, splitLines(l)...)
		}
		c.Translation = tl
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the track has no cue with text: nothing to write")
	}
	return out, nil
}

// displayLines are the visual lines written for a cue: bilingual cues
// become two lines, the original and the translation.
func displayLines(c Cue, bilingual bool) []string {
	if !bilingual || len(c.Translation) == 0 {
		return c.Lines
	}
	return []string{JoinLines(c.Lines), JoinLines(c.Translation)}
}

var vttLine = map[int][2]string{7: {"10%", "left"}, 8: {"10%", ""}, 9: {"10%", "right"}, 4: {"50%", "left"}, 5: {"50%", ""}, 6: {"50%", "right"}}

// toAstisub builds astisub items with one plain LineItem per visual line
// (several items per line would be joined with spaces by its writers).
func toAstisub(cues []Cue, opt WriteOptions, vtt bool) *astisub.Subtitles {
	s := astisub.NewSubtitles()
	for _, c := range cues {
		it := &astisub.Item{StartAt: c.Start, EndAt: c.End}
		for _, l := range displayLines(c, opt.Bilingual) {
			line := astisub.Line{Items: []astisub.LineItem{{Text: l}}}
			if vtt && opt.Speakers {
				line.VoiceName = c.Speaker
			}
			it.Lines = append(it.Lines, line)
		}
		if c.Position > 0 && c.Position != 2 {
			sa := &astisub.StyleAttributes{SRTPosition: byte(c.Position)}
			if v, ok := vttLine[c.Position]; ok {
				sa.WebVTTLine, sa.WebVTTAlign = v[0], v[1]
			}
			it.InlineStyle = sa
		}
		s.Items = append(s.Items, it)
	}
	return s
}

// TTML: astisub only writes xml:lang for five languages; we set the BCP 47
// tag ourselves and write through WriteToTTML (never Write(".xml"), which
// leaves an empty file behind on error).
var ttLangRe = regexp.MustCompile(`<tt\b([^>]*?)\s+xml:lang="[^"]*"`)

func writeTTML(w *bytes.Buffer, tr *Track, cues []Cue, opt WriteOptions) error {
	s := toAstisub(cues, opt, false)
	for _, it := range s.Items {
		it.InlineStyle = nil
	}
	if opt.Title != "" || tr.Title != "" {
		s.Metadata = &astisub.Metadata{Title: firstNonEmpty(opt.Title, tr.Title)}
	}
	var b bytes.Buffer
	// No indentation: whitespace between spans would show as spaces.
	if err := s.WriteToTTML(&b, astisub.WriteToTTMLWithIndentOption("")); err != nil {
		return err
	}
	lang := tr.Lang
	if lang == "" && opt.Profile != nil {
		lang = opt.Profile.Lang
	}
	out := b.String()
	out = ttLangRe.ReplaceAllString(out, "<tt$1")
	if lang != "" {
		out = strings.Replace(out, "<tt ", `<tt xml:lang="`+xmlEscape(lang)+`" `, 1)
	}
	if !strings.HasPrefix(out, "<?xml") {
		w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	w.WriteString(out)
	if !strings.HasSuffix(out, "\n") {
		w.WriteString("\n")
	}
	return nil
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xmlEscapeText(&b, s)
	return b.String()
}

func xmlEscapeText(b *bytes.Buffer, s string) error {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
	return nil
}

// writeSTL refuses scripts EBU-STL cannot carry: astisub turns Chinese into
// garbage silently (only Latin, Cyrillic, Arabic, Greek, Hebrew tables).
func writeSTL(w *bytes.Buffer, tr *Track, cues []Cue, opt WriteOptions) error {
	for i, c := range cues {
		for _, l := range displayLines(c, opt.Bilingual) {
			for _, r := range l {
				if r >= 0x2E80 && IsCJK(r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r) {
					return fmt.Errorf("cue %d: EBU-STL cannot carry %q (Chinese, Japanese, Korean and Thai are not in its character tables): use SRT, WebVTT, ASS or TTML", i+1, string(r))
				}
			}
		}
	}
	s := toAstisub(cues, opt, false)
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	s.Metadata = &astisub.Metadata{
		Title:           firstNonEmpty(opt.Title, tr.Title),
		STLCreationDate: &created,
		STLRevisionDate: &created,
		Framerate:       25,
	}
	// astisub knows only a few STL language codes and writes French's
	// otherwise; map the ones it has.
	switch base, _, _ := strings.Cut(strings.ToLower(tr.Lang), "-"); base {
	case "en":
		s.Metadata.Language = astisub.LanguageEnglish
	case "fr":
		s.Metadata.Language = astisub.LanguageFrench
	case "no", "nb", "nn":
		s.Metadata.Language = astisub.LanguageNorwegian
	}
	return s.WriteToSTL(w)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ---- ASS, written by hand: astisub writes "\n" instead of "\N", joins
// styled pieces with spaces, drops ScaledBorderAndShadow and truncates
// times. libass does not wrap CJK, so every break is an explicit \N.

func appendASSTime(b []byte, d time.Duration) []byte {
	cs := int64((d + 5*time.Millisecond) / (10 * time.Millisecond))
	two := func(b []byte, v int64) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	b = strconv.AppendInt(b, cs/360000, 10)
	b = append(b, ':')
	b = two(b, cs/6000%60)
	b = append(b, ':')
	b = two(b, cs/100%60)
	b = append(b, '.')
	return two(b, cs%100)
}

var assEscaper = strings.NewReplacer(`\`, `＼`, "{", "｛", "}", "｝")

func assText(lines []string) string {
	for i, l := range lines {
		if strings.ContainsAny(l, `\{}`) {
			lines[i] = assEscaper.Replace(l)
		}
	}
	return strings.Join(lines, `\N`)
}

const assStyleFormat = "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding"

func assStyle(name string, size, align, ml, mr, mv, outline, shadow int) string {
	return fmt.Sprintf("Style: %s,%s,%d,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,-1,0,0,0,100,100,0,0,1,%d,%d,%d,%d,%d,%d,1",
		name, FontName, size, outline, shadow, align, ml, mr, mv)
}

func writeASS(w *bytes.Buffer, tr *Track, cues []Cue, opt WriteOptions) {
	p := opt.Profile
	if p == nil {
		p, _ = Resolve(tr.Lang, "")
		if p == nil {
			p, _ = Resolve("zh-Hans", "")
		}
	}
	v := p.VideoOrDefault()
	second := v.SecondFontSize
	if second == 0 {
		second = v.FontSize * 3 / 4
	}
	topMargin := 60
	if v.Vertical() {
		topMargin = 300 // below the top safe band (≈288 px at 1920)
	}
	title := firstNonEmpty(opt.Title, tr.Title, "Duanju Studio")
	fmt.Fprintf(w, "[Script Info]\n; Written by Duanju Studio\nTitle: %s\nScriptType: v4.00+\nWrapStyle: 0\nScaledBorderAndShadow: yes\nYCbCr Matrix: TV.709\nPlayResX: %d\nPlayResY: %d\n\n",
		cleanLine(title), v.Width, v.Height)
	w.WriteString("[V4+ Styles]\n" + assStyleFormat + "\n")
	w.WriteString(assStyle("Default", v.FontSize, 2, v.MarginL, v.MarginR, v.MarginV, v.Outline, v.Shadow) + "\n")
	w.WriteString(assStyle("Caption", v.FontSize, 8, v.MarginL, v.MarginR, topMargin, v.Outline, v.Shadow) + "\n")
	if opt.Bilingual {
		w.WriteString(assStyle("Secondary", second, 2, v.MarginL, v.MarginR, v.MarginV, v.Outline, v.Shadow) + "\n")
	}
	w.WriteString("\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")
	var line []byte
	for _, c := range cues {
		style, prefix := "Default", ""
		switch {
		case c.Position == 8:
			style = "Caption"
		case c.Position > 0 && c.Position != 2:
			prefix = fmt.Sprintf(`{\an%d}`, c.Position)
		}
		text := prefix + assText(append([]string(nil), c.Lines...))
		if opt.Bilingual && len(c.Translation) > 0 {
			text = prefix + assText([]string{JoinLines(c.Lines)}) + `\N{\rSecondary}` + assText([]string{JoinLines(c.Translation)})
		}
		name := strings.ReplaceAll(c.Speaker, ",", "，") // a comma would shift the Text field
		line = append(line[:0], "Dialogue: 0,"...)
		line = appendASSTime(line, c.Start)
		line = append(line, ',')
		line = appendASSTime(line, c.End)
		line = append(line, ',')
		line = append(line, style...)
		line = append(line, ',')
		line = append(line, name...)
		line = append(line, ",0,0,0,,"...)
		line = append(line, text...)
		line = append(line, '\n')
		w.Write(line)
	}
}
