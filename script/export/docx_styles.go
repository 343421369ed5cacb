package export

import (
	"sort"
	"strings"
)

// docxStyle is one style definition.
type docxStyle struct {
	id, name, kind string // kind: paragraph or character
	ppr, rpr       string
	link           string
	outline        int // 0 = none, else outline level + 1
}

// stylesXML returns styles.xml: fonts declared for Latin and East Asian
// text (宋体/黑体 are on every Chinese Windows and in WPS), one paragraph
// style per script element, linked character styles for inline parts.
func stylesXML(english bool) string {
	latin, body := "Times New Roman", "24"
	if english {
		latin = "Courier New"
	}
	hei := `<w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="黑体" w:cs="` + latin + `"/>`
	var st []docxStyle
	if english {
		st = []docxStyle{
			{id: StyleSceneHeading, name: "DJ Scene Heading", ppr: `<w:keepNext/><w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="1"/>`, rpr: `<w:b/><w:caps/>`},
			{id: StyleAction, name: "DJ Action", ppr: `<w:spacing w:after="240"/>`},
			{id: StyleCharacter, name: "DJ Character", link: StyleCharacterChar, ppr: `<w:keepNext/><w:ind w:left="3168"/>`, rpr: `<w:caps/>`},
			{id: StyleParenthetical, name: "DJ Parenthetical", link: StyleParenChar, ppr: `<w:keepNext/><w:ind w:left="2304" w:right="3024"/>`},
			{id: StyleDialogue, name: "DJ Dialogue", ppr: `<w:spacing w:after="240"/><w:ind w:left="1440" w:right="2160"/>`},
			{id: StyleTransition, name: "DJ Transition", ppr: `<w:spacing w:after="240"/><w:jc w:val="right"/>`, rpr: `<w:caps/>`},
			{id: StyleEpisode, name: "DJ Episode Heading", ppr: `<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="480"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`, rpr: `<w:b/><w:caps/><w:u w:val="single"/>`},
		}
	} else {
		st = []docxStyle{
			{id: StyleSceneHeading, name: "DJ Scene Heading", ppr: `<w:keepNext/><w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/>`, rpr: hei + `<w:b/><w:bCs/>`},
			{id: StyleAction, name: "DJ Action", ppr: `<w:spacing w:after="60"/><w:ind w:left="240" w:hanging="240"/>`},
			{id: StyleCharacter, name: "DJ Character", link: StyleCharacterChar, ppr: `<w:keepNext/><w:spacing w:after="0"/>`, rpr: `<w:b/><w:bCs/>`},
			{id: StyleParenthetical, name: "DJ Parenthetical", link: StyleParenChar, ppr: `<w:spacing w:after="0"/><w:ind w:left="1440"/>`, rpr: `<w:color w:val="666666"/>`},
			{id: StyleDialogue, name: "DJ Dialogue", ppr: `<w:tabs><w:tab w:val="left" w:pos="1440"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="1440" w:hanging="1440"/>`},
			{id: StyleTransition, name: "DJ Transition", ppr: `<w:spacing w:after="60"/><w:jc w:val="right"/>`, rpr: `<w:b/>`},
			{id: StyleEpisode, name: "DJ Episode Heading", ppr: `<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`, rpr: hei + `<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>`},
		}
	}
	st = append(st,
		docxStyle{id: StyleTitle, name: "DJ Title", ppr: `<w:spacing w:before="2400" w:after="360"/><w:jc w:val="center"/>`, rpr: hei + `<w:b/><w:sz w:val="52"/><w:szCs w:val="52"/>`},
		docxStyle{id: StyleTitleInfo, name: "DJ Title Info", ppr: `<w:spacing w:after="120"/><w:jc w:val="center"/>`},
		docxStyle{id: StyleCast, name: "DJ Cast", ppr: `<w:keepNext/><w:spacing w:after="60"/>`, rpr: `<w:color w:val="666666"/><w:sz w:val="21"/><w:szCs w:val="21"/>`},
		docxStyle{id: StyleMarker, name: "DJ Marker", link: StyleMarkerChar, ppr: `<w:tabs><w:tab w:val="left" w:pos="1200"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="1200" w:hanging="1200"/>`, rpr: `<w:b/><w:color w:val="C0392B"/>`},
		docxStyle{id: StyleCue, name: "DJ Cue", ppr: `<w:spacing w:after="60"/>`, rpr: `<w:color w:val="1E468C"/>`},
		docxStyle{id: StyleNote, name: "DJ Note", ppr: `<w:spacing w:after="60"/>`, rpr: `<w:color w:val="808080"/><w:sz w:val="20"/><w:szCs w:val="20"/>`},
		docxStyle{id: StyleAILabel, name: "DJ AI Label", ppr: `<w:pBdr><w:top w:val="single" w:sz="6" w:space="2" w:color="965A00"/><w:left w:val="single" w:sz="6" w:space="2" w:color="965A00"/><w:bottom w:val="single" w:sz="6" w:space="2" w:color="965A00"/><w:right w:val="single" w:sz="6" w:space="2" w:color="965A00"/></w:pBdr><w:spacing w:before="480"/><w:jc w:val="center"/>`, rpr: `<w:b/><w:color w:val="965A00"/>`},
		docxStyle{id: StyleSection, name: "DJ Section Heading", ppr: `<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>`, rpr: hei + `<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>`},
		docxStyle{id: StyleBody, name: "DJ Body", ppr: `<w:spacing w:after="120"/>`},
		docxStyle{id: StyleFormLabel, name: "DJ Form Label", ppr: `<w:keepNext/><w:spacing w:before="120" w:after="60"/>`, rpr: `<w:b/>`},
		docxStyle{id: StyleTemplateNote, name: "DJ Template Note", ppr: `<w:pBdr><w:left w:val="single" w:sz="18" w:space="4" w:color="C00000"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/><w:spacing w:after="240"/>`, rpr: `<w:color w:val="C00000"/><w:sz w:val="21"/><w:szCs w:val="21"/>`},
		docxStyle{id: StyleCharacterChar, name: "DJ Character Char", kind: "character", link: StyleCharacter, rpr: `<w:b/><w:bCs/>`},
		docxStyle{id: StyleParenChar, name: "DJ Parenthetical Char", kind: "character", link: StyleParenthetical, rpr: `<w:color w:val="666666"/>`},
		docxStyle{id: StyleMarkerChar, name: "DJ Marker Char", kind: "character", link: StyleMarker, rpr: `<w:b/><w:color w:val="C0392B"/>`},
		docxStyle{id: "Header", name: "header", rpr: `<w:color w:val="808080"/><w:sz w:val="18"/><w:szCs w:val="18"/>`, ppr: `<w:tabs><w:tab w:val="right" w:pos="9350"/></w:tabs>`},
		docxStyle{id: "Footer", name: "footer", rpr: `<w:color w:val="808080"/><w:sz w:val="18"/><w:szCs w:val="18"/>`},
	)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="宋体" w:cs="` + latin + `"/>`)
	b.WriteString(`<w:kern w:val="2"/><w:sz w:val="` + body + `"/><w:szCs w:val="` + body + `"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:kinsoku/><w:overflowPunct/><w:spacing w:after="0" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	for _, s := range st {
		kind := s.kind
		if kind == "" {
			kind = "paragraph"
		}
		b.WriteString(`<w:style w:type="` + kind + `" w:customStyle="1" w:styleId="` + s.id + `"><w:name w:val="` + s.name + `"/>`)
		if kind == "paragraph" {
			b.WriteString(`<w:basedOn w:val="Normal"/><w:next w:val="` + nextStyle(s.id) + `"/>`)
		} else {
			b.WriteString(`<w:basedOn w:val="DefaultParagraphFont"/>`)
		}
		if s.link != "" {
			b.WriteString(`<w:link w:val="` + s.link + `"/>`)
		}
		b.WriteString(`<w:qFormat/>`)
		if s.ppr != "" && kind == "paragraph" {
			b.WriteString(`<w:pPr>` + s.ppr + `</w:pPr>`)
		}
		if s.rpr != "" {
			b.WriteString(`<w:rPr>` + s.rpr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	b.WriteString(`</w:styles>`)
	return b.String()
}

// nextStyle is the style Word gives the paragraph after pressing Enter.
func nextStyle(id string) string {
	switch id {
	case StyleSceneHeading:
		return StyleCast
	case StyleCast, StyleEpisode:
		return StyleAction
	case StyleCharacter:
		return StyleDialogue
	case StyleParenthetical:
		return StyleDialogue
	case StyleDialogue:
		return StyleDialogue
	case StyleTitle:
		return StyleTitleInfo
	}
	if id == StyleBody || id == StyleFormLabel || id == StyleTemplateNote || id == StyleSection {
		return StyleBody
	}
	return StyleAction
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
