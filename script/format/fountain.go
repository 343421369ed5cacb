package format

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// Fountain 1.1 (https://fountain.io/syntax) with the "Fountain-zh" dialect
// of the Fountain mapping of the Chinese format: episodes are level-1 sections
// "# 第N集" or "# Episode N", headings may be Chinese (".1-1 日 内 客厅"),
// speakers may be "@林晚（OS）" cues or one-line "林晚：台词", and 【】 cues
// and markers work as in the Chinese format.

var (
	reFountainHeading = regexp.MustCompile(`(?i)^(INT\.?/EXT|INT/EXT|I\.?/E|EXT|INT|EST)[\. ]\s*(.*)$`)
	reSceneNumber     = regexp.MustCompile(`\s*#([0-9A-Za-z.+\-]+)#\s*$`)
	reTitleKey        = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9 _\-]*):\s*(.*)$`)
	rePageBreak       = regexp.MustCompile(`^={3,}\s*$`)
	reExtension       = regexp.MustCompile(`\s*[（(]([^()（）]*)[)）]\s*$`)
)

// ParseFountain parses a Fountain (or Fountain-zh) screenplay into a
// project. The title page fills Meta; level-1 sections that name an episode
// start episodes, whose Body is their Fountain text. A script without
// episode sections becomes episode 1.
func ParseFountain(text string) (*script.Project, error) {
	text = normaliseNewlines(text)
	p := &script.Project{SourceStyle: script.StyleFountain}
	lines := strings.Split(text, "\n")
	i := parseTitlePage(p, lines)
	var (
		cur  *script.Episode
		body []string
		pre  []string
	)
	flush := func() {
		if cur != nil {
			cur.Body = trimBody(strings.Join(body, "\n"))
			p.Episodes = append(p.Episodes, cur)
		}
		body = body[:0]
	}
	inBoneyard := false
	for _, raw := range lines[i:] {
		if !inBoneyard {
			if n, title, ok := fountainEpisode(raw); ok {
				flush()
				cur = &script.Episode{Number: n, Title: title, Status: script.StatusDraft}
				continue
			}
		}
		inBoneyard = boneyardState(raw, inBoneyard)
		if cur == nil {
			pre = append(pre, raw)
		} else {
			body = append(body, raw)
		}
	}
	flush()
	if rest := trimBody(strings.Join(pre, "\n")); rest != "" {
		if len(p.Episodes) == 0 {
			p.Episodes = append(p.Episodes, &script.Episode{Number: 1, Status: script.StatusDraft})
		}
		first := p.Episodes[0]
		first.Body = trimBody(rest + "\n" + first.Body)
	}
	fixNumbers(p)
	cast := p.CastNames()
	for _, e := range p.Episodes {
		ParseFountainBody(e, cast)
	}
	if p.Meta.Language == "" {
		p.Meta.Language = guessLanguage(text)
	}
	return p, nil
}

// boneyardState tracks whether the next line is inside /* */.
func boneyardState(line string, in bool) bool {
	for {
		if in {
			j := strings.Index(line, "*/")
			if j < 0 {
				return true
			}
			line, in = line[j+2:], false
			continue
		}
		j := strings.Index(line, "/*")
		if j < 0 {
			return false
		}
		line, in = line[j+2:], true
	}
}

func guessLanguage(text string) string {
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			return "zh-Hans"
		}
	}
	return "en"
}

// fountainEpisode recognises "# 第N集：标题", "# Episode 3: Title", "# EP03".
func fountainEpisode(line string) (int, string, bool) {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "#") || strings.HasPrefix(t, "##") {
		return 0, "", false
	}
	t = strings.TrimSpace(t[1:])
	return episodeMarker(cleanLine(t))
}

// titleKeys maps title-page keys (lower case) to Meta fields.
func setTitleKey(p *script.Project, key, val string) {
	switch strings.ToLower(key) {
	case "title":
		p.Meta.Title = val
	case "credit":
		// "Written by" is the credit line, the names follow in Author.
		p.TitlePage = append(p.TitlePage, script.KeyValue{Key: key, Value: val})
	case "author", "authors":
		p.Meta.Writers = append(p.Meta.Writers, splitAuthors(val)...)
	case "draft date", "draft":
		p.Meta.Draft = val
	case "contact":
		p.Meta.Contact = val
	case "copyright":
		p.Meta.Copyright = val
	case "notes":
		p.Meta.Notes = val
	default:
		p.TitlePage = append(p.TitlePage, script.KeyValue{Key: key, Value: val})
	}
}

func splitAuthors(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, a := range strings.FieldsFunc(line, func(r rune) bool { return r == '、' || r == '，' || r == ',' || r == '&' }) {
			if a = strings.TrimSpace(a); a != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// parseTitlePage reads the "Key: value" block at the top and returns the
// index of the first line after it (0 when there is none).
func parseTitlePage(p *script.Project, lines []string) int {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i >= len(lines) {
		return 0
	}
	m := reTitleKey.FindStringSubmatch(strings.TrimRight(lines[i], " \t"))
	if m == nil || !knownTitleKey(m[1]) {
		return 0
	}
	key, vals := "", []string(nil)
	end := func() {
		if key != "" {
			setTitleKey(p, key, strings.Join(vals, "\n"))
		}
		key, vals = "", nil
	}
	for ; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		if strings.TrimSpace(line) == "" {
			end()
			return i + 1
		}
		if m := reTitleKey.FindStringSubmatch(line); m != nil && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
			end()
			key = m[1]
			if v := strings.TrimSpace(m[2]); v != "" {
				vals = append(vals, v)
			}
			continue
		}
		if key == "" {
			break // not a title page after all
		}
		vals = append(vals, strings.TrimSpace(line))
	}
	end()
	return i
}

func knownTitleKey(k string) bool {
	switch strings.ToLower(k) {
	case "title", "credit", "author", "authors", "source", "draft date", "draft", "contact", "copyright", "notes", "revision":
		return true
	}
	return false
}

// ParseFountainBody parses a Fountain episode body into ep.Scenes.
func ParseFountainBody(ep *script.Episode, cast []string) {
	ep.Scenes = parseFountainScenes(ep.Body, castSet(cast))
}

// ParseEpisode fills ep.Scenes from ep.Body by the project's source style;
// the app and the store call it after loading or editing an episode.
func ParseEpisode(p *script.Project, ep *script.Episode) {
	ParseBodyStyle(ep, p.CastNames(), p.SourceStyle)
}

// ParseBodyStyle parses ep.Body in the given style (Chinese when empty).
func ParseBodyStyle(ep *script.Episode, cast []string, style script.Style) {
	if style == script.StyleFountain {
		ParseFountainBody(ep, cast)
		return
	}
	ParseBody(ep, cast)
}

// fline is one physical line of a body with its position.
type fline struct {
	raw   string // without the newline
	text  string // trimmed
	start int    // byte offset of raw
	lead  int    // bytes of leading white space
	no    int    // 1-based line number
}

func (l fline) span() script.Span {
	return script.Span{Line: l.no, Start: l.start + l.lead, End: l.start + l.lead + len(l.text)}
}

func splitLines(body string) []fline {
	var out []fline
	off := 0
	for no := 1; off < len(body); no++ {
		nl := strings.IndexByte(body[off:], '\n')
		raw := body[off:]
		if nl >= 0 {
			raw = body[off : off+nl]
		}
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		text := strings.TrimRightFunc(raw[lead:], unicode.IsSpace)
		out = append(out, fline{raw: raw, text: text, start: off, lead: lead, no: no})
		off += len(raw) + 1
	}
	return out
}

func parseFountainScenes(body string, cast map[string]bool) []script.Scene {
	lines := splitLines(body)
	var scenes []script.Scene
	sceneCast := map[string]bool{}
	cur := func(at script.Span) *script.Scene {
		if len(scenes) == 0 {
			scenes = append(scenes, script.Scene{Span: script.Span{Line: at.Line, Start: at.Start, End: at.Start}})
		}
		return &scenes[len(scenes)-1]
	}
	add := func(l script.Line) {
		sc := cur(l.Span)
		sc.Lines = append(sc.Lines, l)
		sc.Span.End = l.Span.End
	}
	blank := func(i int) bool { return i < 0 || i >= len(lines) || lines[i].text == "" }
	// A boneyard is not there for the lines around it: the line after one
	// is preceded by a blank line when the boneyard was (a heading right
	// after "*/" is a heading).
	afterBoneyard, boneyardBlank := -1, false
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		t := ln.text
		if t == "" {
			continue
		}
		sp := ln.span()
		prevBlank := blank(i - 1)
		if i == afterBoneyard {
			prevBlank = boneyardBlank
		}
		// Boneyard /* … */, possibly over several lines.
		if strings.HasPrefix(t, "/*") {
			if j, text, end, ok := collectUntil(lines, i, "/*", "*/"); ok {
				add(script.Line{Kind: script.LineBoneyard, Text: text, Span: script.Span{Line: sp.Line, Start: sp.Start, End: end}})
				afterBoneyard, boneyardBlank = j+1, prevBlank
				i = j
				continue
			}
		}
		if strings.HasPrefix(t, "[[") {
			if j, text, end, ok := collectUntil(lines, i, "[[", "]]"); ok {
				add(script.Line{Kind: script.LineNote, Text: text, Span: script.Span{Line: sp.Line, Start: sp.Start, End: end}})
				i = j
				continue
			}
		}
		if rePageBreak.MatchString(t) {
			add(script.Line{Kind: script.LinePageBreak, Span: sp})
			continue
		}
		if strings.HasPrefix(t, "#") {
			lv := len(t) - len(strings.TrimLeft(t, "#"))
			add(script.Line{Kind: script.LineSection, Level: lv, Text: strings.TrimSpace(t[lv:]), Span: sp})
			continue
		}
		if strings.HasPrefix(t, "=") {
			add(script.Line{Kind: script.LineSynopsis, Text: strings.TrimSpace(t[1:]), Span: sp})
			continue
		}
		if prevBlank {
			if h, ok := fountainHeading(t); ok {
				h.Span = sp
				scenes = append(scenes, h)
				sceneCast = map[string]bool{}
				continue
			}
		}
		if strings.HasPrefix(t, ">") && strings.HasSuffix(t, "<") && len(t) >= 2 {
			add(script.Line{Kind: script.LineCentered, Text: strings.TrimSpace(t[1 : len(t)-1]), Span: sp})
			continue
		}
		if strings.HasPrefix(t, ">") {
			add(script.Line{Kind: script.LineTransition, Text: strings.TrimSpace(t[1:]), Span: sp})
			continue
		}
		if strings.HasPrefix(t, "~") {
			add(script.Line{Kind: script.LineLyric, Text: strings.TrimSpace(t[1:]), Span: sp})
			continue
		}
		if strings.HasPrefix(t, "!") {
			text := strings.TrimSpace(t[1:])
			text = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(text, "△"), "▲"))
			add(script.Line{Kind: script.LineAction, Text: text, Span: sp})
			continue
		}
		if prevBlank && blank(i+1) && isUpperTransition(t) {
			add(script.Line{Kind: script.LineTransition, Text: t, Span: sp})
			continue
		}
		if prevBlank && (!blank(i+1) || i+1 < len(lines) && strings.HasPrefix(lines[i+1].raw, "  ")) {
			if name, voice, ext, dual, ok := characterCue(t, cast); ok {
				j := dialogueBlock(lines, i+1, name, voice, ext, dual, add)
				sceneCast[name] = true
				i = j
				continue
			}
		}
		// Cast lines under a heading, as in the Chinese format.
		if m := matchCast(t); m != nil && (len(scenes) == 0 || len(scenes[len(scenes)-1].Lines) == 0) {
			sc := cur(sp)
			names := splitList(m[1])
			sc.Cast = append(sc.Cast, names...)
			for _, n := range names {
				sceneCast[n] = true
			}
			sc.Span.End = sp.End
			continue
		}
		l := classify(t, sp, cast, sceneCast)
		if l.Kind == script.LineDialogue && !hasHan(l.Speaker) && !cast[l.Speaker] && !sceneCast[l.Speaker] {
			// "Note: she leaves" in English action is not a speaker.
			l = script.Line{Kind: script.LineAction, Text: t, Span: sp}
		}
		add(l)
	}
	if len(scenes) == 1 && scenes[0].Heading == "" && len(scenes[0].Lines) == 0 {
		return nil
	}
	return scenes
}

// collectUntil gathers text from line i (after open) up to the line holding
// close; it returns the last line used, the inner text and the end offset.
// ok is false when close is followed by more text on its line ("[[a]] b"
// is action with an inline note). An unclosed block runs to the end.
func collectUntil(lines []fline, i int, open, close string) (int, string, int, bool) {
	var parts []string
	for j := i; j < len(lines); j++ {
		t := lines[j].text
		if j == i {
			t = t[len(open):]
		}
		if k := strings.Index(t, close); k >= 0 {
			if k+len(close) != len(t) {
				return 0, "", 0, false
			}
			parts = append(parts, t[:k])
			end := lines[j].start + lines[j].lead + len(lines[j].text)
			return j, strings.TrimSpace(strings.Join(parts, "\n")), end, true
		}
		parts = append(parts, t)
	}
	j := len(lines) - 1
	return j, strings.TrimSpace(strings.Join(parts, "\n")), lines[j].start + lines[j].lead + len(lines[j].text), true
}

// fountainHeading recognises INT./EXT. headings, forced ".heading" and the
// Chinese heading variants.
func fountainHeading(t string) (script.Scene, bool) {
	sc := script.Scene{Heading: t}
	forced := strings.HasPrefix(t, ".") && !strings.HasPrefix(t, "..")
	rest := t
	if forced {
		rest = strings.TrimSpace(t[1:])
	}
	if m := reSceneNumber.FindStringSubmatchIndex(rest); m != nil {
		sc.Number = rest[m[2]:m[3]]
		rest = strings.TrimSpace(rest[:m[0]])
	}
	if m := reFountainHeading.FindStringSubmatch(rest); m != nil {
		sc.IntExt = normIntExt(m[1])
		loc := strings.TrimLeft(strings.TrimSpace(m[2]), "-–— ") // "INT - HOUSE - DAY"
		if k := strings.LastIndex(loc, " - "); k >= 0 {
			sc.Time = strings.TrimSpace(loc[k+3:])
			loc = strings.TrimSpace(loc[:k])
		}
		sc.Location = loc
		return sc, true
	}
	if h, ok := parseHeading(rest); ok {
		if sc.Number != "" && h.Number == "" {
			h.Number = sc.Number
		}
		h.Heading = t
		return h, true
	}
	if forced && rest == "" && sc.Number != "" {
		return sc, true // ". #12#"
	}
	if !forced || rest == "" {
		return sc, false
	}
	sc.Time, sc.IntExt, sc.Location = headingFields(rest)
	if sc.Time == "" && sc.IntExt == "" && sc.Location == "" {
		sc.Location = rest // only separators: keep them as the place
	}
	return sc, true
}

func normIntExt(s string) string {
	s = strings.ToUpper(strings.TrimSuffix(s, "."))
	switch s {
	case "INT./EXT", "INT/EXT", "I/E", "I./E":
		return "INT/EXT"
	}
	return s
}

// isUpperTransition is "CUT TO:" and the like: upper case, ending in TO:.
func isUpperTransition(t string) bool {
	return strings.HasSuffix(t, "TO:") && isAllCaps(t)
}

// isAllCaps requires at least one cased letter: strings.ToUpper(x) == x is
// true for every Chinese line, which must never make it a character cue.
func isAllCaps(t string) bool {
	cased := false
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			cased = true
		}
	}
	return cased
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// characterCue reads "NAME", "NAME (V.O.)", "@林晚（OS）", "BOB ^".
func characterCue(t string, cast map[string]bool) (name, voice, ext string, dual, ok bool) {
	forced := strings.HasPrefix(t, "@")
	s := t
	if forced {
		s = strings.TrimSpace(t[1:])
	}
	if strings.HasSuffix(s, "^") {
		dual = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "^"))
	}
	var exts []string
	for {
		m := reExtension.FindStringSubmatchIndex(s)
		if m == nil || m[0] == 0 {
			break
		}
		exts = append([]string{strings.TrimSpace(s[m[2]:m[3]])}, exts...)
		s = strings.TrimSpace(s[:m[0]])
	}
	if s == "" || strings.ContainsAny(s, "：:()（）【】") {
		return "", "", "", false, false
	}
	// Only the name must be in capitals: extensions may be lowercase
	// ("HANS (on the radio)", "EVE (cont'd)", Fountain 1.1).
	if !forced && (!isAllCaps(s) || !startsWithLetter(s)) {
		return "", "", "", false, false
	}
	if utf8.RuneCountInString(s) > 40 {
		return "", "", "", false, false
	}
	var rest []string
	for _, e := range exts {
		switch strings.ToUpper(strings.ReplaceAll(e, " ", "")) {
		case "V.O.", "VO", "V.O", "画外音", "旁白":
			voice = script.VoiceVO
		case "O.S.", "OS", "O.S", "O.C.", "OC", "OFF", "内心", "心声":
			voice = script.VoiceOS
		case "CONT'D", "CONT’D", "CONTD", "CONT.", "MORE", "续":
		default:
			rest = append(rest, e)
		}
	}
	return s, voice, strings.Join(rest, "，"), dual, true
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// dialogueBlock reads parentheticals and speech after a character cue up to
// the next blank line; every speech chunk becomes one dialogue line. It
// returns the index of the last line used.
func dialogueBlock(lines []fline, i int, name, voice, ext string, dual bool, add func(script.Line)) int {
	mk := func(sp script.Span) script.Line {
		return script.Line{Kind: script.LineDialogue, Speaker: name, Voice: voice, Dual: dual, Span: sp}
	}
	paren := ext
	var cur *script.Line
	var text []string
	emit := func() {
		if cur != nil {
			cur.Text = strings.Join(text, "\n")
			add(*cur)
		}
		cur, text = nil, nil
	}
	j := i
	for ; j < len(lines); j++ {
		ln := lines[j]
		if ln.text == "" {
			if !strings.HasPrefix(ln.raw, "  ") {
				break
			}
			// "Two spaces" keeps a blank line in dialogue.
			if cur == nil {
				l := mk(lines[j-1].span())
				l.Paren = paren
				cur = &l
			}
			text = append(text, "")
			paren = ""
			continue
		}
		sp := ln.span()
		if isParenthetical(ln.text) {
			if cur != nil && len(text) > 0 {
				emit()
			}
			inner := strings.TrimSpace(ln.text[len(firstRune(ln.text)) : len(ln.text)-len(lastRune(ln.text))])
			if cur == nil {
				l := mk(sp)
				cur = &l
			}
			if paren != "" && inner != "" {
				paren += "，" + inner
			} else if inner != "" {
				paren = inner
			}
			cur.Paren = paren
			cur.Span.End = sp.End
			continue
		}
		if cur == nil {
			l := mk(sp)
			l.Paren = paren
			cur = &l
		}
		text = append(text, ln.text)
		cur.Span.End = sp.End
		paren = ""
	}
	emit()
	return j - 1
}

func firstRune(s string) string {
	_, w := utf8.DecodeRuneInString(s)
	return s[:w]
}

func lastRune(s string) string {
	_, w := utf8.DecodeLastRuneInString(s)
	return s[len(s)-w:]
}

func isParenthetical(t string) bool {
	return (strings.HasPrefix(t, "(") || strings.HasPrefix(t, "（")) && (strings.HasSuffix(t, ")") || strings.HasSuffix(t, "）")) && len(t) >= 2
}
