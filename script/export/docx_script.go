package export

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// DOCX writes the script as an editable Word/WPS document with a named
// paragraph style per element (see ScriptStyleIDs).
func DOCX(ctx context.Context, p *script.Project, w io.Writer, o Options) error {
	en := isEnglish(p)
	d := newDocx(p, o, en)
	label := o.labelAI(p)
	m := p.Meta
	eps := o.episodes(p)

	// Title page.
	title := m.Title
	if title == "" {
		title = "未命名剧本"
	}
	d.para(StyleTitle, docxRun{text: title})
	if m.Tagline != "" {
		d.para(StyleTitleInfo, docxRun{text: m.Tagline, color: "666666"})
	}
	if en {
		if len(m.Writers) > 0 {
			d.para(StyleTitleInfo, docxRun{text: "Written by"})
			d.para(StyleTitleInfo, docxRun{text: strings.Join(m.Writers, "\n")})
		}
	} else {
		n := m.TargetEpisodes
		if n == 0 || len(eps) < len(p.Episodes) {
			n = len(eps)
		}
		info := [][2]string{{"集数", "共 " + strconv.Itoa(n) + " 集"}, {"编剧", strings.Join(m.Writers, "、")},
			{"制作机构", m.Producer}, {"许可证号/备案号", m.Licence}, {"版本", firstNonEmpty(m.Draft, o.now().Format("2006-01-02"))}}
		for _, kv := range info {
			d.para(StyleTitleInfo, docxRun{text: kv[0] + "：", color: "666666"}, docxRun{text: orBlank(kv[1])})
		}
	}
	if m.Licence != "" && en {
		d.para(StyleTitleInfo, docxRun{text: m.Licence})
	}
	if label {
		d.para(StyleAILabel, docxRun{text: aiLabel(en)})
	}
	if !en && (m.Synopsis != "" || len(p.Characters) > 0) {
		d.pageBreak()
		if m.Logline != "" {
			d.para(StyleSection, docxRun{text: "一句话故事"})
			d.para(StyleBody, docxRun{text: m.Logline})
		}
		if m.Synopsis != "" {
			d.para(StyleSection, docxRun{text: "剧情简介"})
			for _, para := range strings.Split(strings.TrimSpace(m.Synopsis), "\n") {
				d.para(StyleBody, docxRun{text: strings.TrimSpace(para)})
			}
		}
		if len(p.Characters) > 0 {
			d.para(StyleSection, docxRun{text: "人物小传"})
			for _, c := range p.Characters {
				d.para(StyleBody, docxRun{text: characterTitle(c) + "：", bold: true}, docxRun{text: c.Bio})
			}
		}
	}

	for i, e := range eps {
		if err := o.step(ctx, i, len(eps)); err != nil {
			return err
		}
		if en {
			h := "EPISODE " + strconv.Itoa(e.Number)
			if e.Title != "" {
				h += ": " + e.Title
			}
			d.para(StyleEpisode, docxRun{text: h})
		} else {
			d.para(StyleEpisode, docxRun{text: format.EpisodeHeading(e)})
		}
		for _, sc := range e.Scenes {
			docxScene(d, sc, en)
		}
	}
	if err := o.step(ctx, len(eps), len(eps)); err != nil {
		return err
	}
	return d.write(w)
}

func newDocx(p *script.Project, o Options, en bool) *docxDoc {
	m := p.Meta
	d := &docxDoc{english: en, titlePage: true, title: m.Title, author: strings.Join(m.Writers, ", "),
		subject: m.Logline, created: o.now(), version: o.version(), headerWM: o.watermark(p),
		custom: map[string]string{"Generator": "Duanju Studio " + o.version()}}
	if HasAIText(p) {
		// Implicit label (隐式标识): content attribute and provider.
		d.custom["AIGC"] = "true"
		d.custom["AIGC.Provider"] = "Duanju Studio"
		d.custom["AIGC.ContentID"] = m.Title
		d.keywords = "AIGC"
	}
	if m.Licence != "" {
		d.custom["Licence"] = m.Licence
	}
	d.header = []docxRun{{text: m.Title}, {tab: true, field: `STYLEREF "DJ Episode Heading"`, text: ""}}
	pageWord := "第 "
	if en {
		d.footer = []docxRun{{field: "PAGE", text: "1"}, {text: "."}}
	} else {
		d.footer = []docxRun{{text: pageWord}, {field: "PAGE", text: "1"}, {text: " 页 / 共 "}, {field: "NUMPAGES", text: "1"}, {text: " 页"}}
	}
	if o.labelAI(p) {
		d.footer = append(d.footer, docxRun{text: "　　" + aiLabel(en)})
	}
	return d
}

func aiLabel(en bool) string {
	if en {
		return AILabelTextEN
	}
	return AILabelText
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// characterTitle is "林秋禾（女，26岁，女主）".
func characterTitle(c script.Character) string {
	var attrs []string
	if c.Gender != "" {
		attrs = append(attrs, c.Gender)
	}
	if c.Age > 0 {
		attrs = append(attrs, strconv.Itoa(c.Age)+"岁")
	}
	if c.Role != "" {
		attrs = append(attrs, c.Role)
	}
	if len(attrs) == 0 {
		return c.Name
	}
	return c.Name + "（" + strings.Join(attrs, "，") + "）"
}

func docxScene(d *docxDoc, sc script.Scene, en bool) {
	if en {
		if h := screenHeading(sc); h != "" {
			if sc.Number != "" {
				h = sc.Number + "  " + h
			}
			d.para(StyleSceneHeading, docxRun{text: h})
		}
	} else if h := format.SceneHeading(sc); h != "" {
		d.para(StyleSceneHeading, docxRun{text: h})
	}
	if len(sc.Cast) > 0 && !en {
		d.para(StyleCast, docxRun{text: "人物：" + strings.Join(sc.Cast, "、")})
	}
	for _, l := range sc.Lines {
		docxLine(d, l, en)
	}
}

func docxLine(d *docxDoc, l script.Line, en bool) {
	t := strings.TrimSpace(l.Text)
	switch l.Kind {
	case script.LineAction:
		if en {
			d.para(StyleAction, docxRun{text: t})
		} else {
			d.para(StyleAction, docxRun{text: "△" + t})
		}
	case script.LineDialogue:
		if en {
			name := l.Speaker
			switch l.Voice {
			case script.VoiceVO:
				name += " (V.O.)"
			case script.VoiceOS:
				name += " (O.S.)"
			}
			d.para(StyleCharacter, docxRun{text: name})
			if l.Paren != "" {
				d.para(StyleParenthetical, docxRun{text: "(" + strings.Trim(l.Paren, "()（）") + ")"})
			}
			d.para(StyleDialogue, docxRun{text: t})
			return
		}
		runs := []docxRun{{text: speakerLabel(l) + "：", style: StyleCharacterChar}}
		first := docxRun{tab: true}
		if l.Paren != "" {
			first.text, first.style = "（"+l.Paren+"）", StyleParenChar
			runs = append(runs, first, docxRun{text: t})
		} else {
			first.text = t
			runs = append(runs, first)
		}
		d.para(StyleDialogue, runs...)
	case script.LineMarker:
		d.para(StyleMarker, docxRun{text: "【" + string(l.Marker) + "】", style: StyleMarkerChar}, docxRun{text: t, tab: true})
	case script.LineCue:
		s := "【" + l.Cue + "】" + t
		if t != "" && l.Level != 1 {
			s = "【" + l.Cue + "：" + t + "】"
		}
		if en {
			s = strings.ToUpper(l.Cue)
			if t != "" {
				s += ": " + t
			}
		}
		d.para(StyleCue, docxRun{text: s})
	case script.LineTransition:
		d.para(StyleTransition, docxRun{text: t})
	case script.LineCentered:
		d.paraJC(StyleAction, "center", docxRun{text: t})
	case script.LinePageBreak:
		d.pageBreak()
	case script.LineBoneyard:
	case script.LineLyric:
		d.para(StyleDialogue, docxRun{text: "♪ " + t})
	default:
		if en {
			return
		}
		d.para(StyleNote, docxRun{text: "（注：" + t + "）"})
	}
}
