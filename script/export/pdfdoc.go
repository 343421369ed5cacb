package export

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
)

// Font families registered in every PDF.
const (
	famSans = "sans" // Noto Sans CJK SC (TrueType copy), covers CJK and Latin
	famMono = "mono" // Noto Sans Mono, the Courier-like screenplay face
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	black     = rgb{0, 0, 0}
	grey      = rgb{110, 110, 110}
	lightGrey = rgb{200, 200, 200}
	cueBlue   = rgb{30, 70, 140}
)

// markerColour gives each structural marker a recognisable label colour.
var markerColour = map[script.Marker]rgb{
	script.MarkerHook:     {214, 110, 20},
	script.MarkerReversal: {120, 60, 160},
	script.MarkerCliff:    {190, 30, 45},
	script.MarkerPaywall:  {20, 130, 80},
}

// pdfDoc wraps fpdf with the fonts and the text helpers both layouts use.
type pdfDoc struct {
	*fpdf.Fpdf
	primary string  // family for text the primary face covers
	style   string  // current style, "" or "B" (fpdf has no getter)
	size    float64 // current size in pt
}

// newPDFDoc starts a document with the CJK faces, and the monospace faces
// as the primary font when mono (the screenplay layout).
func newPDFDoc(orientation, size string, mono bool) *pdfDoc {
	f := fpdf.New(orientation, "mm", size, "")
	reg, bold := assets.PDFSans()
	f.AddUTF8FontFromBytes(famSans, "", reg)
	f.AddUTF8FontFromBytes(famSans, "B", bold)
	d := &pdfDoc{Fpdf: f, primary: famSans}
	if mono {
		mreg, mbold := assets.PDFMono()
		f.AddUTF8FontFromBytes(famMono, "", mreg)
		f.AddUTF8FontFromBytes(famMono, "B", mbold)
		d.primary = famMono
	}
	f.SetCompression(true)
	f.AliasNbPages("{nb}")
	return d
}

// meta writes the document information, including the implicit AI-content
// mark (隐式标识) in the keywords when the project has AI text.
func (d *pdfDoc) meta(p *script.Project, o Options) {
	d.SetTitle(valid(p.Meta.Title), true)
	d.SetAuthor(valid(strings.Join(p.Meta.Writers, ", ")), true)
	d.SetSubject(valid(p.Meta.Logline), true)
	d.SetCreator("Duanju Studio "+o.version(), true)
	d.SetProducer("Duanju Studio "+o.version(), true)
	kw := []string{"微短剧", "剧本"}
	if HasAIText(p) {
		kw = append(kw, "AIGC", "AI-generated: yes", "provider: Duanju Studio")
	}
	d.SetKeywords(strings.Join(kw, "; "), true)
	if p.Meta.Language != "" {
		d.SetLang(valid(p.Meta.Language))
	} else if !isEnglish(p) {
		d.SetLang("zh-CN")
	}
	t := o.now()
	d.SetCreationDate(t)
	d.SetModificationDate(t)
}

func (d *pdfDoc) colour(c rgb) { d.SetTextColor(c.r, c.g, c.b) }

// monoHas reports whether the monospace face has r; everything else falls
// back to the CJK face.
func monoHas(r rune) bool {
	return r < 0x0530 || (r >= 0x1E00 && r <= 0x1EFF) || (r >= 0x2000 && r <= 0x206F && r != 0x2026) || r == 0x20AC
}

// runs splits s into pieces drawn with one family each.
func (d *pdfDoc) runs(s string) [][2]string {
	if d.primary != famMono {
		return [][2]string{{d.primary, s}}
	}
	var out [][2]string
	start, fam := 0, ""
	for i, r := range s {
		f := famSans
		if monoHas(r) {
			f = famMono
		}
		if i == 0 {
			fam = f
			continue
		}
		if f != fam {
			out = append(out, [2]string{fam, s[start:i]})
			start, fam = i, f
		}
	}
	if start < len(s) {
		out = append(out, [2]string{fam, s[start:]})
	}
	return out
}

// font sets the primary family in style at size (pt).
func (d *pdfDoc) font(style string, size float64) {
	d.style, d.size = style, size
	d.SetFont(d.primary, style, size)
}

// width measures s in the current style and size, with fallback runs.
func (d *pdfDoc) width(s string) float64 {
	if d.primary != famMono {
		return d.GetStringWidth(s)
	}
	style, size := d.style, d.size
	w := 0.0
	for _, r := range d.runs(s) {
		d.SetFont(r[0], style, size)
		w += d.GetStringWidth(r[1])
	}
	d.SetFont(d.primary, style, size)
	return w
}

// text draws s with its baseline at y, using fallback runs.
func (d *pdfDoc) text(x, y float64, s string) {
	if d.primary != famMono {
		d.Text(x, y, s)
		return
	}
	style, size := d.style, d.size
	for _, r := range d.runs(s) {
		d.SetFont(r[0], style, size)
		d.Text(x, y, r[1])
		x += d.GetStringWidth(r[1])
	}
	d.SetFont(d.primary, style, size)
}

// centred draws s centred between x0 and x1.
func (d *pdfDoc) centred(x0, x1, y float64, s string) {
	d.text(x0+(x1-x0-d.width(s))/2, y, s)
}

// wrap breaks s to width in the current font.
func (d *pdfDoc) wrap(s string, width float64) []string {
	return Wrap(s, width, d.width)
}

// watermark stamps text diagonally across the page, faint, behind content.
func (d *pdfDoc) watermark(text string) {
	if text == "" {
		return
	}
	w, h := d.GetPageSize()
	defer d.font(d.style, d.size)
	d.SetFont(famSans, "B", 60)
	d.SetAlpha(0.10, "Normal")
	d.colour(black)
	d.TransformBegin()
	d.TransformRotate(35, w/2, h/2)
	tw := d.GetStringWidth(text)
	d.Text(w/2-tw/2, h/2+8, text)
	d.TransformEnd()
	d.SetAlpha(1, "Normal")
}

// label draws a filled rounded tag with white text; it returns its width.
func (d *pdfDoc) label(x, top, lineH float64, text string, c rgb, size float64) float64 {
	defer d.font(d.style, d.size)
	d.SetFont(famSans, "B", size)
	tw := d.GetStringWidth(text)
	pad := 1.2
	h := lineH * 0.78
	d.SetFillColor(c.r, c.g, c.b)
	d.RoundedRect(x, top+(lineH-h)/2, tw+2*pad, h, 0.9, "1234", "F")
	d.SetTextColor(255, 255, 255)
	d.Text(x+pad, baseline(top, lineH, size), text)
	d.colour(black)
	return tw + 2*pad
}

// baseline is the baseline of text of size pt centred in a line box.
func baseline(top, lineH, sizePt float64) float64 {
	return top + lineH/2 + sizePt*0.3528*0.36
}

func (d *pdfDoc) err(what string) error {
	if err := d.Error(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// valid replaces invalid UTF-8 (fpdf's UTF-16 conversion panics on it).
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// Text draws s at the baseline (x, y); it shadows fpdf's Text so that every
// string is valid UTF-8.
func (d *pdfDoc) Text(x, y float64, s string) { d.Fpdf.Text(x, y, valid(s)) }

// GetStringWidth measures s (valid UTF-8 only, as Text draws it).
func (d *pdfDoc) GetStringWidth(s string) float64 { return d.Fpdf.GetStringWidth(valid(s)) }

// Bookmark adds an outline entry.
func (d *pdfDoc) Bookmark(s string, level int, y float64) { d.Fpdf.Bookmark(valid(s), level, y) }
