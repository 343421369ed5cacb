package format

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// Final Draft paragraph types (the Type attribute of <Paragraph>), shared by
// ReadFDX and the FDX writer in script/export.
const (
	FDXScene      = "Scene Heading"
	FDXAction     = "Action"
	FDXCharacter  = "Character"
	FDXParen      = "Parenthetical"
	FDXDialogue   = "Dialogue"
	FDXTransition = "Transition"
	FDXGeneral    = "General"
	FDXNewAct     = "New Act"
	FDXShot       = "Shot"
	FDXLyrics     = "Lyrics"
	FDXCastList   = "Cast List"
	fdxNote       = "\x00note" // a ScriptNote's paragraph (no Type in the file)
)

// fdxPara is one paragraph as read: its attributes and its text runs.
type fdxPara struct {
	Type, Number, Alignment, NewPage string
	Texts                            []string
	Dual                             bool // inside <DualDialogue>
}

// ReadFDX reads a Final Draft document: scripts written by FDX above and
// scripts from Final Draft itself (dual dialogue, styled text runs, acts).
// Chinese scripts come back through the Chinese parser, others through the
// Fountain parser, so the project is parsed exactly like a typed script.
func ReadFDX(r io.Reader) (*script.Project, error) {
	p, _, err := readFDX(r)
	return p, err
}

func readFDX(r io.Reader) (*script.Project, []Warning, error) {
	paras, title, notes, err := readFDXParas(r)
	if err != nil {
		return nil, nil, err
	}
	if len(paras) == 0 {
		return nil, nil, fmt.Errorf("FDX: the document has no script paragraphs (is it a Final Draft .fdx file?)")
	}
	var warns []Warning
	if len(notes) > 0 {
		// Final Draft anchors its notes by character offsets that do not
		// survive the conversion: keep them, at the end, and say so.
		paras = append(paras, notes...)
		warns = append(warns, Warning{
			En: fmt.Sprintf("%d Final Draft script notes were kept as notes at the end of the script", len(notes)),
			Zh: fmt.Sprintf("Final Draft 的 %d 条剧本备注已作为备注放在剧本末尾", len(notes))})
	}
	var p *script.Project
	if fdxIsChinese(paras) {
		p, err = ParseChinese(fdxToChinese(paras, title))
	} else {
		p, err = ParseFountain(fdxToFountain(paras, title))
	}
	return p, warns, err
}

// readFDXParas streams the paragraphs of Content and TitlePage; nested
// paragraphs (DualDialogue) come out in document order.
func readFDXParas(r io.Reader) (content, title, notes []fdxPara, err error) {
	dec := xml.NewDecoder(r)
	var stack []*fdxPara
	inTitle, seenRoot := false, false
	dual, inNote := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("FDX: not valid XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "FinalDraft":
				seenRoot = true
			case "TitlePage":
				inTitle = true
			case "DualDialogue":
				dual++
			case "ScriptNote":
				inNote++
			case "Paragraph":
				p := &fdxPara{Dual: dual > 0}
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
				if inNote > 0 {
					p.Type = fdxNote
				}
				stack = append(stack, p)
			case "Text":
				if len(stack) > 0 {
					var s string
					if err := dec.DecodeElement(&s, &t); err != nil {
						return nil, nil, nil, fmt.Errorf("FDX: %w", err)
					}
					top := stack[len(stack)-1]
					top.Texts = append(top.Texts, s)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TitlePage":
				inTitle = false
			case "DualDialogue":
				dual = max(dual-1, 0)
			case "ScriptNote":
				inNote = max(inNote-1, 0)
			case "Paragraph":
				if len(stack) == 0 {
					continue
				}
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				switch {
				case inTitle:
					title = append(title, *p)
				case p.Type == fdxNote:
					if p.text() != "" {
						notes = append(notes, *p)
					}
				case p.Type != "":
					content = append(content, *p)
				}
			}
		}
	}
	if !seenRoot {
		return nil, nil, nil, fmt.Errorf("FDX: no <FinalDraft> element (is it a Final Draft .fdx file?)")
	}
	return content, title, notes, nil
}

func (p fdxPara) text() string {
	var b strings.Builder
	for _, t := range p.Texts {
		b.WriteString(t)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\r", ""))
}

func fdxIsChinese(paras []fdxPara) bool {
	// Episode acts say it best: "第1集" (ours, Chinese) or "EPISODE 1".
	for _, p := range paras {
		if p.Type == FDXNewAct {
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
		if p.Type == FDXCharacter || p.Type == FDXScene || p.Type == FDXAction {
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
func fdxSpeaker(s string) (name, voice string) {
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
		ours = ours || (p.Type == FDXNewAct && reEpisodeZ.MatchString(p.text()))
	}
	for i, p := range paras {
		t := strings.TrimSpace(strings.ReplaceAll(p.text(), "\n", " "))
		if t == "" && p.Type != FDXAction && p.Type != FDXDialogue {
			continue
		}
		if t == "" && p.Type == FDXDialogue && i+1 < len(paras) && (paras[i+1].Type == FDXDialogue || paras[i+1].Type == FDXParen) {
			continue // an empty paragraph inside a speech: the speaker goes on
		}
		switch p.Type {
		case FDXNewAct:
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
		case FDXScene:
			if p.Number != "" && !strings.HasPrefix(t, p.Number) {
				t = p.Number + " " + t
			}
			b.WriteString(t + "\n")
		case FDXCharacter:
			speaker, voice = fdxSpeaker(t)
			paren = ""
		case FDXParen:
			paren = strings.Trim(t, "()（） ")
		case FDXDialogue:
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
		case FDXAction, FDXShot:
			if p.Alignment == "Center" {
				b.WriteString("【居中】" + t + "\n")
			} else if !ours && (strings.HasPrefix(t, "△") || strings.HasPrefix(t, "▲")) {
				b.WriteString(t + "\n") // typed in Final Draft with the mark
			} else {
				b.WriteString("△" + t + "\n")
			}
		case FDXLyrics:
			b.WriteString("【歌词】" + t + "\n")
		case fdxNote:
			b.WriteString("[[" + t + "]]\n")
		default: // General, Transition, Cast List: already in script notation
			if p.Type == FDXCastList && !strings.HasPrefix(t, "人物") {
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
		case FDXNewAct:
			if m := reEpisodeE.FindStringSubmatch(t); m != nil {
				h := "# Episode " + m[2]
				if m[3] != "" {
					h += ": " + m[3]
				}
				block(h)
			}
		case FDXScene:
			h := "." + strings.TrimPrefix(t, ".")
			if p.Number != "" {
				h += " #" + p.Number + "#"
			}
			block(h)
		case FDXCharacter:
			var sb strings.Builder
			sb.WriteString("@" + t)
			// The second speaker of a dual-dialogue pair carries Fountain's ^.
			if p.Dual && i > 0 && paras[i-1].Dual && dualSpoke(paras[:i]) {
				sb.WriteString(" ^")
			}
			for i+1 < len(paras) && (paras[i+1].Type == FDXParen || paras[i+1].Type == FDXDialogue) {
				i++
				// An empty paragraph must not end the speech (a blank line
				// would make the rest action).
				if d := paras[i].text(); d != "" {
					sb.WriteString("\n" + d)
				}
			}
			block(sb.String())
		case fdxNote:
			if t != "" {
				block("[[" + t + "]]")
			}
		case FDXTransition:
			block("> " + t)
		case FDXAction, FDXShot, FDXGeneral:
			if t == "" {
				continue
			}
			if p.Type == FDXGeneral && (strings.HasPrefix(t, "[[") || strings.HasPrefix(t, "##") || strings.HasPrefix(t, "= ")) {
				block(t)
				continue
			}
			if p.Alignment == "Center" {
				// Each line of centred text is centred: "> a\nb <" would
				// make the first line a transition.
				var lines []string
				for _, l := range strings.Split(t, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						lines = append(lines, "> "+l+" <")
					}
				}
				block(strings.Join(lines, "\n"))
			} else {
				block("!" + t)
			}
		case FDXLyrics:
			block("~" + t)
		}
	}
	return b.String()
}

// dualSpoke reports whether the dual-dialogue block that ends before
// paras' end already has a speaker.
func dualSpoke(paras []fdxPara) bool {
	for i := len(paras) - 1; i >= 0 && paras[i].Dual; i-- {
		if paras[i].Type == FDXCharacter {
			return true
		}
	}
	return false
}
