package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// Final Draft paragraph types used here.
const (
	fdxScene      = "Scene Heading"
	fdxAction     = "Action"
	fdxCharacter  = "Character"
	fdxParen      = "Parenthetical"
	fdxDialogue   = "Dialogue"
	fdxTransition = "Transition"
	fdxGeneral    = "General"
	fdxNewAct     = "New Act"
	fdxShot       = "Shot"
	fdxLyrics     = "Lyrics"
	fdxCastList   = "Cast List"
)

type fdxText struct {
	Style string `xml:"Style,attr,omitempty"`
	Text  string `xml:",chardata"`
}

type fdxPara struct {
	XMLName   xml.Name  `xml:"Paragraph"`
	Type      string    `xml:"Type,attr,omitempty"`
	Number    string    `xml:"Number,attr,omitempty"`
	Alignment string    `xml:"Alignment,attr,omitempty"`
	NewPage   string    `xml:"StartsNewPage,attr,omitempty"`
	Texts     []fdxText `xml:"Text"`
}

// pageBreak is a placeholder for a forced page break; FDX marks the next
// paragraph with StartsNewPage instead.
const pageBreak = "\x00pagebreak"

type fdxDoc struct {
	XMLName      xml.Name  `xml:"FinalDraft"`
	DocumentType string    `xml:"DocumentType,attr"`
	Template     string    `xml:"Template,attr"`
	Version      string    `xml:"Version,attr"`
	Content      []fdxPara `xml:"Content>Paragraph"`
	TitlePage    []fdxPara `xml:"TitlePage>Content>Paragraph"`
}

func para(typ, text string) fdxPara {
	return fdxPara{Type: typ, Texts: []fdxText{{Text: text}}}
}

// FDX writes the project as Final Draft XML. Episodes start with a "New Act"
// paragraph ("第1集：标题" / "EPISODE 1: TITLE"); the Chinese cast line,
// markers and 【】 cues are General paragraphs in their script notation, so
// that ReadFDX gets the same project back.
func FDX(p *script.Project, w io.Writer, o Options) error {
	en := isEnglish(p)
	doc := fdxDoc{DocumentType: "Script", Template: "No", Version: "5"}
	m := p.Meta
	doc.TitlePage = append(doc.TitlePage, fdxPara{Type: fdxGeneral, Alignment: "Center", Texts: []fdxText{{Text: m.Title}}})
	tp := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			doc.TitlePage = append(doc.TitlePage, fdxPara{Type: fdxGeneral, Alignment: "Center", Texts: []fdxText{{Text: k + v}}})
		}
	}
	if en {
		if len(m.Writers) > 0 {
			tp("Written by ", strings.Join(m.Writers, ", "))
		}
		tp("Draft: ", m.Draft)
		tp("Contact: ", m.Contact)
	} else {
		tp("编剧：", strings.Join(m.Writers, "、"))
		tp("制作机构：", m.Producer)
		tp("备案号：", m.Licence)
		tp("推荐语：", m.Tagline)
	}
	if o.labelAI(p) {
		tp("", aiLabel(en))
	}
	for _, e := range o.episodes(p) {
		if en {
			h := "EPISODE " + strconv.Itoa(e.Number)
			if e.Title != "" {
				h += ": " + e.Title
			}
			doc.Content = append(doc.Content, para(fdxNewAct, h))
		} else {
			doc.Content = append(doc.Content, para(fdxNewAct, format.EpisodeHeading(e)))
		}
		for _, sc := range e.Scenes {
			doc.Content = append(doc.Content, fdxScene1(sc, en)...)
		}
	}
	doc.Content = applyPageBreaks(doc.Content)
	if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>`+"\n"); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("FDX: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func fdxScene1(sc script.Scene, en bool) []fdxPara {
	var out []fdxPara
	if en {
		if h := screenHeading(sc); h != "" {
			out = append(out, fdxPara{Type: fdxScene, Number: sc.Number, Texts: []fdxText{{Text: h}}})
		}
	} else if h := format.SceneHeading(sc); h != "" {
		out = append(out, fdxPara{Type: fdxScene, Number: sc.Number, Texts: []fdxText{{Text: h}}})
	}
	if len(sc.Cast) > 0 && !en {
		out = append(out, para(fdxGeneral, "人物："+strings.Join(sc.Cast, "、")))
	}
	for _, l := range sc.Lines {
		t := strings.TrimSpace(l.Text)
		switch l.Kind {
		case script.LineAction:
			out = append(out, para(fdxAction, t))
		case script.LineDialogue:
			name := l.Speaker
			switch l.Voice {
			case script.VoiceOS:
				name += " (O.S.)"
			case script.VoiceVO:
				name += " (V.O.)"
			}
			out = append(out, para(fdxCharacter, name))
			if l.Paren != "" {
				out = append(out, para(fdxParen, "("+strings.Trim(l.Paren, "()（）")+")"))
			}
			out = append(out, para(fdxDialogue, t))
		case script.LineTransition:
			out = append(out, para(fdxTransition, t))
		case script.LineCentered:
			out = append(out, fdxPara{Type: fdxAction, Alignment: "Center", Texts: []fdxText{{Text: t}}})
		case script.LineLyric:
			out = append(out, para(fdxLyrics, t))
		case script.LinePageBreak:
			out = append(out, fdxPara{Type: pageBreak})
		case script.LineBoneyard:
		default:
			if en {
				out = append(out, para(fdxGeneral, fountainNotation(l)))
				continue
			}
			out = append(out, para(fdxGeneral, format.LineText(l)))
		}
	}
	return out
}

// applyPageBreaks turns page-break placeholders into StartsNewPage on the
// paragraph that follows.
func applyPageBreaks(in []fdxPara) []fdxPara {
	out := in[:0]
	pending := false
	for _, p := range in {
		if p.Type == pageBreak {
			pending = true
			continue
		}
		if pending {
			p.NewPage = "Yes"
			pending = false
		}
		out = append(out, p)
	}
	return out
}

// fountainNotation writes notes, sections and synopses of English scripts
// as Fountain marks in General paragraphs, which ReadFDX keeps verbatim.
func fountainNotation(l script.Line) string {
	t := strings.TrimSpace(l.Text)
	switch l.Kind {
	case script.LineSection:
		return strings.Repeat("#", max(l.Level, 2)) + " " + t
	case script.LineSynopsis:
		return "= " + t
	case script.LineNote:
		return "[[" + t + "]]"
	}
	return t
}

// ReadFDX reads a Final Draft document: scripts written by FDX above and
// scripts from Final Draft itself (dual dialogue, styled text runs, acts).
// Chinese scripts come back through the Chinese parser, others through the
// Fountain parser, so the project is parsed exactly like a typed script.
func ReadFDX(r io.Reader) (*script.Project, error) {
	paras, title, err := readFDXParas(r)
	if err != nil {
		return nil, err
	}
	if len(paras) == 0 {
		return nil, fmt.Errorf("FDX: the document has no script paragraphs (is it a Final Draft .fdx file?)")
	}
	if fdxIsChinese(paras) {
		return format.ParseChinese(fdxToChinese(paras, title))
	}
	return format.ParseFountain(fdxToFountain(paras, title))
}

// readFDXParas streams the paragraphs of Content and TitlePage; nested
// paragraphs (DualDialogue) come out in document order.
func readFDXParas(r io.Reader) (content, title []fdxPara, err error) {
	dec := xml.NewDecoder(r)
	var stack []*fdxPara
	inTitle, seenRoot := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("FDX: not valid XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "FinalDraft":
				seenRoot = true
			case "TitlePage":
				inTitle = true
			case "Paragraph":
				p := &fdxPara{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "Type":
						p.Type = a.Value
					case "Number":
						p.Number = a.Value
					case "Alignment":
						p.Alignment = a.Value
					case "StartsNewPage":
						p.NewPage = a.Value
					}
				}
				stack = append(stack, p)
			case "Text":
				if len(stack) > 0 {
					var s string
					if err := dec.DecodeElement(&s, &t); err != nil {
						return nil, nil, fmt.Errorf("FDX: %w", err)
					}
					top := stack[len(stack)-1]
					top.Texts = append(top.Texts, fdxText{Text: s})
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TitlePage":
				inTitle = false
			case "Paragraph":
				if len(stack) == 0 {
					continue
				}
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if inTitle {
					title = append(title, *p)
				} else if p.Type != "" {
					content = append(content, *p)
				}
			}
		}
	}
	if !seenRoot {
		return nil, nil, fmt.Errorf("FDX: no <FinalDraft> element (is it a Final Draft .fdx file?)")
	}
	return content, title, nil
}

func (p fdxPara) text() string {
	var b strings.Builder
	for _, t := range p.Texts {
		b.WriteString(t.Text)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\r", ""))
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func fdxIsChinese(paras []fdxPara) bool {
	// Episode acts say it best: "第1集" (ours, Chinese) or "EPISODE 1".
	for _, p := range paras {
		if p.Type == fdxNewAct {
			t := p.text()
			if reEpisodeZ.MatchString(t) {
				return true
			}
			if reEpisodeE.MatchString(t) {
				return false
			}
		}
	}
	han, all := 0, 0
	for _, p := range paras {
		if p.Type == fdxCharacter || p.Type == fdxScene || p.Type == fdxAction {
			all++
			if hasHan(p.text()) {
				han++
			}
		}
	}
	if all == 0 { // no script elements: decide by any text at all
		for _, p := range paras {
			if hasHan(p.text()) {
				return true
			}
		}
		return false
	}
	return han*2 >= all
}

var (
	reCharExt  = regexp.MustCompile(`\s*\(([^()]*)\)\s*$`)
	reEpisodeZ = regexp.MustCompile(`^第\s*[0-9０-９一二三四五六七八九十百零〇两]+\s*集`)
	reEpisodeE = regexp.MustCompile(`(?i)^(episode|ep\.?)\s*(\d+)\s*[:：.\-–—]?\s*(.*)$`)
)

// character splits "NAME (V.O.) (CONT'D)" into the name and the voice.
func character(s string) (name, voice string) {
	name = strings.TrimSpace(s)
	for {
		m := reCharExt.FindStringSubmatchIndex(name)
		if m == nil {
			break
		}
		ext := strings.ToUpper(strings.ReplaceAll(name[m[2]:m[3]], ".", ""))
		switch ext {
		case "OS", "OC", "OFF":
			voice = script.VoiceOS
		case "VO":
			voice = script.VoiceVO
		}
		name = strings.TrimSpace(name[:m[0]])
	}
	return name, voice
}

func titleMeta(title []fdxPara) (string, map[string]string) {
	kv := map[string]string{}
	name := ""
	for _, p := range title {
		t := p.text()
		if t == "" {
			continue
		}
		if k, v, ok := strings.Cut(t, "："); ok && len([]rune(k)) <= 6 {
			kv[k] = v
			continue
		}
		if name == "" {
			name = t
			continue
		}
		if strings.HasPrefix(t, "Written by ") {
			kv["Author"] = strings.TrimPrefix(t, "Written by ")
		} else if k, v, ok := strings.Cut(t, ": "); ok && len(k) <= 12 {
			kv[k] = v
		}
	}
	return name, kv
}

// fdxToChinese renders the paragraphs as a Chinese-format script.
func fdxToChinese(paras []fdxPara, title []fdxPara) string {
	var b strings.Builder
	name, kv := titleMeta(title)
	if name != "" {
		b.WriteString("剧名：" + name + "\n")
	}
	for _, k := range []string{"编剧", "制作机构", "备案号", "推荐语"} {
		if v := kv[k]; v != "" {
			b.WriteString(k + "：" + v + "\n")
		}
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	speaker, voice, paren := "", "", ""
	started := false
	ours := false // written by FDX above: episodes are "第N集" acts
	for _, p := range paras {
		ours = ours || (p.Type == fdxNewAct && reEpisodeZ.MatchString(p.text()))
	}
	for _, p := range paras {
		t := strings.TrimSpace(strings.ReplaceAll(p.text(), "\n", " "))
		if t == "" && p.Type != fdxDialogue && p.Type != fdxAction {
			continue
		}
		switch p.Type {
		case fdxNewAct:
			if reEpisodeZ.MatchString(t) {
				b.WriteString("\n" + t + "\n")
				started = true
			}
			continue
		}
		if !started {
			b.WriteString("第1集\n")
			started = true
		}
		switch p.Type {
		case fdxScene:
			if p.Number != "" && !strings.HasPrefix(t, p.Number) {
				t = p.Number + " " + t
			}
			b.WriteString(t + "\n")
		case fdxCharacter:
			speaker, voice = character(t)
			paren = ""
		case fdxParen:
			paren = strings.Trim(t, "()（） ")
		case fdxDialogue:
			s := speaker
			if voice != "" {
				s += "（" + voice + "）"
			}
			s += "："
			if paren != "" {
				s += "（" + paren + "）"
			}
			b.WriteString(s + t + "\n")
			paren = ""
		case fdxAction, fdxShot:
			if p.Alignment == "Center" {
				b.WriteString("【居中】" + t + "\n")
			} else if !ours && (strings.HasPrefix(t, "△") || strings.HasPrefix(t, "▲")) {
				b.WriteString(t + "\n") // typed in Final Draft with the mark
			} else {
				b.WriteString("△" + t + "\n")
			}
		case fdxLyrics:
			b.WriteString("【歌词】" + t + "\n")
		default: // General, Transition, Cast List: already in script notation
			if p.Type == fdxCastList && !strings.HasPrefix(t, "人物") {
				t = "人物：" + t
			}
			b.WriteString(t + "\n")
		}
	}
	return b.String()
}

// fdxToFountain renders the paragraphs as Fountain.
func fdxToFountain(paras []fdxPara, title []fdxPara) string {
	var b strings.Builder
	name, kv := titleMeta(title)
	if name != "" {
		b.WriteString("Title: " + name + "\n")
		for _, k := range []string{"Author", "Draft", "Contact"} {
			if v := kv[k]; v != "" {
				b.WriteString(k + ": " + v + "\n")
			}
		}
		b.WriteString("\n")
	}
	block := func(s string) { b.WriteString(s + "\n\n") }
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		t := p.text()
		if p.NewPage == "Yes" {
			block("===")
		}
		switch p.Type {
		case fdxNewAct:
			if m := reEpisodeE.FindStringSubmatch(t); m != nil {
				h := "# Episode " + m[2]
				if m[3] != "" {
					h += ": " + m[3]
				}
				block(h)
			}
		case fdxScene:
			h := "." + strings.TrimPrefix(t, ".")
			if p.Number != "" {
				h += " #" + p.Number + "#"
			}
			block(h)
		case fdxCharacter:
			var sb strings.Builder
			sb.WriteString("@" + t)
			for i+1 < len(paras) && (paras[i+1].Type == fdxParen || paras[i+1].Type == fdxDialogue) {
				i++
				sb.WriteString("\n" + paras[i].text())
			}
			block(sb.String())
		case fdxTransition:
			block("> " + t)
		case fdxAction, fdxShot, fdxGeneral:
			if t == "" {
				continue
			}
			if p.Type == fdxGeneral && (strings.HasPrefix(t, "[[") || strings.HasPrefix(t, "##") || strings.HasPrefix(t, "= ")) {
				block(t)
				continue
			}
			if p.Alignment == "Center" {
				block("> " + t + " <")
			} else {
				block("!" + t)
			}
		case fdxLyrics:
			block("~" + t)
		}
	}
	return b.String()
}
