package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
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
	doc.TitlePage = append(doc.TitlePage, fdxPara{Type: format.FDXGeneral, Alignment: "Center", Texts: []fdxText{{Text: m.Title}}})
	tp := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			doc.TitlePage = append(doc.TitlePage, fdxPara{Type: format.FDXGeneral, Alignment: "Center", Texts: []fdxText{{Text: k + v}}})
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
			doc.Content = append(doc.Content, para(format.FDXNewAct, h))
		} else {
			doc.Content = append(doc.Content, para(format.FDXNewAct, format.EpisodeHeading(e)))
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
			out = append(out, fdxPara{Type: format.FDXScene, Number: sc.Number, Texts: []fdxText{{Text: h}}})
		}
	} else if h := format.SceneHeading(sc); h != "" {
		out = append(out, fdxPara{Type: format.FDXScene, Number: sc.Number, Texts: []fdxText{{Text: h}}})
	}
	if len(sc.Cast) > 0 && !en {
		out = append(out, para(format.FDXGeneral, "人物："+strings.Join(sc.Cast, "、")))
	}
	for _, l := range sc.Lines {
		t := strings.TrimSpace(l.Text)
		switch l.Kind {
		case script.LineAction:
			out = append(out, para(format.FDXAction, t))
		case script.LineDialogue:
			name := l.Speaker
			switch l.Voice {
			case script.VoiceOS:
				name += " (O.S.)"
			case script.VoiceVO:
				name += " (V.O.)"
			}
			out = append(out, para(format.FDXCharacter, name))
			if l.Paren != "" {
				out = append(out, para(format.FDXParen, "("+strings.Trim(l.Paren, "()（）")+")"))
			}
			out = append(out, para(format.FDXDialogue, t))
		case script.LineTransition:
			out = append(out, para(format.FDXTransition, t))
		case script.LineCentered:
			out = append(out, fdxPara{Type: format.FDXAction, Alignment: "Center", Texts: []fdxText{{Text: t}}})
		case script.LineLyric:
			out = append(out, para(format.FDXLyrics, t))
		case script.LinePageBreak:
			out = append(out, fdxPara{Type: pageBreak})
		case script.LineBoneyard:
		default:
			if en {
				out = append(out, para(format.FDXGeneral, fountainNotation(l)))
				continue
			}
			out = append(out, para(format.FDXGeneral, format.LineText(l)))
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
