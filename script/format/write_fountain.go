package format

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

var (
	reNumDash   = regexp.MustCompile(`^[0-9]+-[0-9]+$`)
	reNumFormat = regexp.MustCompile(`^[0-9A-Za-z.+\-]+$`)
)

// WriteFountain writes the project as canonical Fountain: a title page,
// then every episode as a "# 第N集：标题" section (or "# Episode N" for an
// English script) with its scenes, one element per paragraph.
func WriteFountain(p *script.Project) string {
	var b strings.Builder
	writeTitlePage(&b, p)
	english := strings.HasPrefix(p.Meta.Language, "en")
	for _, e := range p.Episodes {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("# " + fountainEpisodeHeading(e, english) + "\n\n")
		b.WriteString(WriteFountainBody(e))
	}
	return b.String()
}

func fountainEpisodeHeading(e *script.Episode, english bool) string {
	if !english {
		return EpisodeHeading(e)
	}
	h := "Episode " + strconv.Itoa(e.Number)
	if e.Title != "" {
		h += ": " + oneLine(e.Title)
	}
	return h
}

func writeTitlePage(b *strings.Builder, p *script.Project) {
	m := p.Meta
	type kv struct {
		k, v string
		keep bool // written even when empty (kept verbatim from the source)
	}
	kvs := []kv{{"Title", m.Title, true}}
	sep := ", "
	if hasHan(strings.Join(m.Writers, "")) {
		sep = "、"
	}
	for _, t := range p.TitlePage {
		if strings.EqualFold(t.Key, "credit") {
			kvs = append(kvs, kv{t.Key, t.Value, true})
		}
	}
	if len(m.Writers) > 0 {
		kvs = append(kvs, kv{"Author", strings.Join(m.Writers, sep), false})
	}
	kvs = append(kvs, kv{"Draft date", m.Draft, false}, kv{"Contact", m.Contact, false}, kv{"Copyright", m.Copyright, false}, kv{"Notes", m.Notes, false})
	has := m.Title != ""
	for _, t := range p.TitlePage {
		if !strings.EqualFold(t.Key, "credit") && reTitleKey.MatchString(t.Key+":") && !metaTitleKey(t.Key) {
			kvs = append(kvs, kv{t.Key, t.Value, true})
		}
	}
	for _, x := range kvs[1:] {
		has = has || x.keep || strings.TrimSpace(x.v) != ""
	}
	if !has {
		return
	}
	for _, x := range kvs {
		if strings.TrimSpace(x.v) == "" && !x.keep {
			continue
		}
		vals := strings.Split(strings.TrimSpace(x.v), "\n")
		b.WriteString(strings.TrimSpace(x.k+": "+strings.TrimSpace(vals[0])) + "\n")
		for _, v := range vals[1:] {
			if v = strings.TrimSpace(v); v != "" {
				b.WriteString("    " + v + "\n")
			}
		}
	}
}

// WriteFountainBody writes an episode's scenes as Fountain.
func WriteFountainBody(e *script.Episode) string {
	var b strings.Builder
	para := func(s string) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s + "\n")
	}
	for _, sc := range e.Scenes {
		if h := FountainHeading(sc); h != "" {
			para(h)
		}
		if len(sc.Cast) > 0 {
			para("人物：" + strings.Join(sc.Cast, "、"))
		}
		for _, l := range sc.Lines {
			para(FountainLine(l))
		}
	}
	return b.String()
}

// fountainIntExt are the English heading prefixes.
var fountainIntExt = map[string]string{"INT": "INT.", "EXT": "EXT.", "EST": "EST.", "INT/EXT": "INT./EXT.", "I/E": "I/E."}

// FountainHeading is "INT. HOUSE - DAY #1#" for an English heading and
// ".1-1 日 内 客厅" (forced) for a Chinese one. Of the forms that could
// express the scene it returns the first that reads back the same.
func FountainHeading(sc script.Scene) string {
	var parts []string
	for _, f := range []string{sc.Time, sc.IntExt, sc.Location} {
		if f = oneLine(f); f != "" {
			parts = append(parts, f)
		}
	}
	fields := strings.Join(parts, " ")
	if sc.Number == "" && fields == "" {
		return ""
	}
	cands := headingForms(sc, fields)
	for _, h := range cands {
		if got, ok := fountainHeading(h); ok && got.Number == sc.Number && got.Time == oneLine(sc.Time) && got.IntExt == oneLine(sc.IntExt) && got.Location == oneLine(sc.Location) {
			return h
		}
	}
	return cands[0]
}

// headingForms lists the ways to write a heading, preferred first.
func headingForms(sc script.Scene, fields string) []string {
	num := ""
	if sc.Number != "" && reNumFormat.MatchString(sc.Number) {
		num = " #" + sc.Number + "#"
	}
	forced := func(h string) string {
		h = strings.TrimSpace(h)
		if strings.HasPrefix(h, ".") {
			return ". " + h // ".." would not force a heading
		}
		return "." + h
	}
	var out []string
	if pre, ok := fountainIntExt[sc.IntExt]; ok {
		h := pre
		if sc.Location != "" {
			h += " " + oneLine(sc.Location)
		}
		if sc.Time != "" {
			h += " - " + oneLine(sc.Time)
		}
		out = append(out, h+num)
	}
	if reNumDash.MatchString(sc.Number) && (sc.Time != "" || sc.IntExt != "") {
		out = append(out, "."+SceneHeading(sc)) // .1-1 日 内 客厅
	}
	out = append(out, forced(fields+num))
	if sc.Number != "" && reNumFormat.MatchString(sc.Number) {
		out = append(out, forced("第"+sc.Number+"场 "+fields), forced("场景："+fields+num))
	}
	return out
}

// FountainLine is the canonical Fountain text of one line (a paragraph).
func FountainLine(l script.Line) string {
	t := strings.TrimSpace(l.Text)
	switch l.Kind {
	case script.LineAction:
		t = oneLine(t)
		if !readsAs(t, script.LineAction, t) {
			return "!" + t
		}
		return t
	case script.LineDialogue:
		return fountainDialogue(l)
	case script.LineMarker, script.LineCue:
		return LineText(l)
	case script.LineTransition:
		t = oneLine(t)
		if isUpperTransition(t) {
			return t
		}
		return "> " + t
	case script.LineNote:
		if strings.Contains(t, "]]") {
			return "（注：" + oneLine(t) + "）"
		}
		return "[[" + t + "]]"
	case script.LineCentered:
		return "> " + oneLine(t) + " <"
	case script.LineLyric:
		return "~" + oneLine(t)
	case script.LineSection:
		lv := l.Level
		if lv < 1 {
			lv = 1
		}
		return strings.Repeat("#", lv) + " " + oneLine(t)
	case script.LineSynopsis:
		return "= " + oneLine(t)
	case script.LinePageBreak:
		return "==="
	case script.LineBoneyard:
		return "/* " + strings.ReplaceAll(t, "*/", "* /") + " */"
	}
	return "!" + oneLine(t)
}

// readsAs reports whether text alone in a paragraph parses as one line of
// the given kind and text; the writer forces the element when it does not.
func readsAs(text string, kind script.LineKind, want string) bool {
	if kind == script.LineAction && plainAction(text) {
		return true
	}
	sc := parseFountainScenes(text+"\n", nil)
	return len(sc) == 1 && sc[0].Heading == "" && len(sc[0].Cast) == 0 && len(sc[0].Lines) == 1 &&
		sc[0].Lines[0].Kind == kind && sc[0].Lines[0].Text == want
}

func fountainDialogue(l script.Line) string {
	name := oneLine(l.Speaker)
	cue := name
	if !plainCue(name) {
		cue = "@" + name
	}
	switch {
	case l.Voice != "" && hasHan(name):
		cue += "（" + l.Voice + "）"
	case l.Voice == script.VoiceVO:
		cue += " (V.O.)"
	case l.Voice == script.VoiceOS:
		cue += " (O.S.)"
	}
	if l.Dual {
		cue += " ^"
	}
	if !strings.HasPrefix(cue, "@") {
		if _, heading := fountainHeading(cue); heading || isUpperTransition(cue) {
			cue = "@" + cue
		}
	}
	var b strings.Builder
	b.WriteString(cue + "\n")
	if l.Paren != "" {
		if hasHan(l.Paren) {
			b.WriteString("（" + oneLine(l.Paren) + "）\n")
		} else {
			b.WriteString("(" + oneLine(l.Paren) + ")\n")
		}
	}
	text := strings.Split(l.Text, "\n")
	if l.Text == "" {
		if l.Paren == "" {
			b.WriteString("  \n")
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	for _, s := range text {
		if s = strings.TrimSpace(s); s == "" {
			b.WriteString("  \n")
		} else {
			b.WriteString(s + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// plainCue reports whether a speaker name can stand as an unforced cue.
func plainCue(name string) bool {
	if !isAllCaps(name) || !startsWithLetter(name) || isUpperTransition(name) {
		return false
	}
	if _, ok := fountainHeading(name); ok {
		return false
	}
	n, _, _, _, ok := characterCue(name, nil)
	return ok && n == name
}

// metaTitleKey reports whether a title-page key is kept in Meta.
func metaTitleKey(k string) bool {
	switch strings.ToLower(k) {
	case "title", "author", "authors", "draft date", "draft", "contact", "copyright", "notes":
		return true
	}
	return false
}

// plainAction is a cheap sufficient test that text reads as action: it
// starts like no other element, has no colon (dialogue, notes) and no cased
// letters (cues, transitions, INT./EXT.).
func plainAction(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if t == "" || strings.ContainsRune(".!@#~=>[/【△▲（(注备切转淡叠黑闪第场人出角", r) || r >= '0' && r <= '9' || r >= '０' && r <= '９' || unicode.IsSpace(r) {
		return false
	}
	if strings.ContainsAny(t, "：:") {
		return false
	}
	for _, c := range t {
		if unicode.IsUpper(c) || unicode.IsLower(c) {
			return false
		}
	}
	return true
}
