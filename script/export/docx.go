package export

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// DOCX style ids. Each script element has its own paragraph style so that a
// studio can restyle the document in Word or WPS; inline parts of Chinese
// dialogue lines (speaker, parenthetical) use linked character styles.
const (
	StyleTitle         = "DJTitle"
	StyleTitleInfo     = "DJTitleInfo"
	StyleEpisode       = "DJEpisodeHeading"
	StyleSceneHeading  = "DJSceneHeading"
	StyleCast          = "DJCast"
	StyleAction        = "DJAction"
	StyleCharacter     = "DJCharacter"
	StyleDialogue      = "DJDialogue"
	StyleParenthetical = "DJParenthetical"
	StyleMarker        = "DJMarker"
	StyleCue           = "DJCue"
	StyleTransition    = "DJTransition"
	StyleNote          = "DJNote"
	StyleAILabel       = "DJAILabel"
	StyleSection       = "DJSectionHeading"
	StyleBody          = "DJBody"
	StyleFormLabel     = "DJFormLabel"
	StyleTemplateNote  = "DJTemplateNote"
	StyleCharacterChar = "DJCharacterChar"
	StyleParenChar     = "DJParentheticalChar"
	StyleMarkerChar    = "DJMarkerChar"
)

// ScriptStyleIDs are the paragraph styles every script DOCX defines.
var ScriptStyleIDs = []string{StyleTitle, StyleTitleInfo, StyleEpisode, StyleSceneHeading, StyleCast,
	StyleAction, StyleCharacter, StyleDialogue, StyleParenthetical, StyleMarker, StyleCue,
	StyleTransition, StyleNote, StyleAILabel, StyleSection, StyleBody}

// docxRun is a run of text, optionally in a character style or bold.
type docxRun struct {
	text  string
	style string // character style id
	bold  bool
	field string // a field code (PAGE, NUMPAGES, STYLEREF …) instead of text
	tab   bool   // a tab before the text
	color string // hex, e.g. "C0392B"
}

// docxDoc builds a WordprocessingML document.
type docxDoc struct {
	body          strings.Builder
	header        []docxRun // running header (not on the first page)
	footer        []docxRun
	headerWM      string // faint watermark text in the header
	english       bool   // screenplay fonts and Letter page
	titlePage     bool   // first page has no header/footer
	custom        map[string]string
	title, author string
	subject       string
	keywords      string
	created       time.Time
	version       string
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (r docxRun) xml() string {
	var b strings.Builder
	rpr := ""
	if r.style != "" {
		rpr += `<w:rStyle w:val="` + r.style + `"/>`
	}
	if r.bold {
		rpr += `<w:b/><w:bCs/>`
	}
	if r.color != "" {
		rpr += `<w:color w:val="` + r.color + `"/>`
	}
	if rpr != "" {
		rpr = "<w:rPr>" + rpr + "</w:rPr>"
	}
	if r.field != "" {
		if r.tab {
			b.WriteString(`<w:r>` + rpr + `<w:tab/></w:r>`)
		}
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:instrText xml:space="preserve"> ` + xmlText(r.field) + ` </w:instrText></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:t>` + xmlText(r.text) + `</w:t></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r>`)
		return b.String()
	}
	b.WriteString("<w:r>" + rpr)
	if r.tab {
		b.WriteString("<w:tab/>")
	}
	for i, ln := range strings.Split(r.text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">` + xmlText(ln) + `</w:t>`)
	}
	b.WriteString("</w:r>")
	return b.String()
}

// para appends a paragraph in style.
func (d *docxDoc) para(style string, runs ...docxRun) {
	d.body.WriteString(paraXML(style, "", runs...))
}

// paraJC appends a paragraph with an explicit justification.
func (d *docxDoc) paraJC(style, jc string, runs ...docxRun) {
	d.body.WriteString(paraXML(style, jc, runs...))
}

func paraXML(style, jc string, runs ...docxRun) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr>")
	if style != "" {
		b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	if jc != "" {
		b.WriteString(`<w:jc w:val="` + jc + `"/>`)
	}
	b.WriteString("</w:pPr>")
	for _, r := range runs {
		b.WriteString(r.xml())
	}
	b.WriteString("</w:p>")
	return b.String()
}

// pageBreak appends a page break.
func (d *docxDoc) pageBreak() {
	d.body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// table appends a bordered table; the first row is a header when head.
// widths are in twips.
func (d *docxDoc) table(rows [][]string, widths []int, head bool) {
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="808080"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for i, row := range rows {
		b.WriteString("<w:tr>")
		if i == 0 && head {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for j, cell := range row {
			w := 0
			if j < len(widths) {
				w = widths[j]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
			if i == 0 && head {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>`)
			}
			b.WriteString(`</w:tcPr>`)
			b.WriteString(paraXML(StyleBody, "", docxRun{text: cell, bold: i == 0 && head}))
			b.WriteString(`</w:tc>`)
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString(`</w:tbl>`)
	d.para(StyleBody)
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func (d *docxDoc) documentXML() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document ` + wordNS + `><w:body>`)
	b.WriteString(d.body.String())
	// Section: A4 (Letter for screenplays) with header and footer.
	pgW, pgH, left, right, top, bottom := 11906, 16838, 1361, 1134, 1361, 1134
	if d.english {
		pgW, pgH, left, right, top, bottom = 12240, 15840, 2160, 1440, 1440, 1440
	}
	b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>`)
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="720" w:footer="567" w:gutter="0"/>`,
		pgW, pgH, top, right, bottom, left)
	if d.titlePage {
		b.WriteString(`<w:titlePg/>`)
	}
	b.WriteString(`<w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

func (d *docxDoc) headerXML() string {
	var b strings.Builder
	b.WriteString(xml.Header + `<w:hdr ` + wordNS + ` ` + vmlNS + `>`)
	b.WriteString(paraXML("Header", "", d.header...))
	if d.headerWM != "" {
		b.WriteString(watermarkXML(d.headerWM))
	}
	b.WriteString(`</w:hdr>`)
	return b.String()
}

const vmlNS = `xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"`

// watermarkXML is Word's own text watermark: a VML WordArt shape in the
// header, diagonal, silver, half transparent, behind the text (Word and WPS
// list it under Design ▸ Watermark, so a studio can change or remove it).
func watermarkXML(text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:pict>` +
		`<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
		`<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>` +
		`<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>` +
		`<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>` +
		`<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>` +
		`<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>` +
		`<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>` +
		`<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>` +
		`<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" ` +
		`style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:130pt;rotation:315;z-index:-251657216;` +
		`mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ` +
		`o:allowincell="f" fillcolor="silver" stroked="f"><v:fill opacity=".5"/>` +
		`<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="` + xmlAttr(text) + `"/>` +
		`<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p>`
}

func xmlAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

func (d *docxDoc) footerXML() string {
	return xml.Header + `<w:ftr ` + wordNS + `>` + paraXML("Footer", "center", d.footer...) + `</w:ftr>`
}

// write zips the document parts.
func (d *docxDoc) write(w io.Writer) error {
	z := zip.NewWriter(w)
	mod := d.created
	if mod.IsZero() {
		mod = time.Now()
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/core.xml", d.coreXML()},
		{"docProps/app.xml", d.appXML()},
		{"docProps/custom.xml", d.customXML()},
		{"word/document.xml", d.documentXML()},
		{"word/styles.xml", stylesXML(d.english)},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/header1.xml", d.headerXML()},
		{"word/footer1.xml", d.footerXML()},
		{"word/_rels/document.xml.rels", documentRelsXML},
	}
	for _, p := range parts {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod.UTC()})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

func (d *docxDoc) coreXML() string {
	t := d.created.UTC().Format(time.RFC3339)
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(d.title) + `</dc:title><dc:subject>` + xmlText(d.subject) + `</dc:subject><dc:creator>` + xmlText(d.author) + `</dc:creator>` +
		`<cp:keywords>` + xmlText(d.keywords) + `</cp:keywords>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified></cp:coreProperties>`
}

func (d *docxDoc) appXML() string {
	return xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Duanju Studio</Application><AppVersion>` + xmlText(d.version) + `</AppVersion></Properties>`
}

// customXML holds custom document properties; the AI-content metadata
// (隐式标识) goes here.
func (d *docxDoc) customXML() string {
	var b strings.Builder
	b.WriteString(xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	pid := 2
	for _, k := range sortedKeys(d.custom) {
		fmt.Fprintf(&b, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, pid, xmlText(k), xmlText(d.custom[k]))
		pid++
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

const contentTypesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`

const rootRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`

const documentRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`

const settingsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`

const fontTableXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Courier New"><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>`
