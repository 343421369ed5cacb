package export

import (
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// Screenplay layout on US Letter (mm from the page's left edge), Courier-like
// 12 pt with six lines to the inch, as Final Draft and Fountain tools print.
const (
	spLeft      = 38.1  // 1.5 in: headings, action
	spRight     = 190.5 // 7.5 in
	spCharX     = 93.98 // 3.7 in
	spParenX    = 78.74 // 3.1 in
	spParenR    = 137.2 // 5.4 in
	spDialX     = 63.5  // 2.5 in
	spDialR     = 152.4 // 6.0 in
	spTop       = 25.4
	spBottom    = 254.0
	spSize      = 12.0
	spLine      = 4.2333 // 12 pt
	spPageNumY  = 15.0
	spTitleTopY = 95.0
)

func screenplayPDF(ctx context.Context, p *script.Project, w io.Writer, o Options) error {
	d := newPDFDoc("P", "Letter", true)
	d.meta(p, o)
	pw, ph := d.GetPageSize()
	d.SetMargins(spLeft, spTop, pw-spRight)
	d.SetAutoPageBreak(false, 0)
	label := o.labelAI(p)
	fl := &flow{d: d, left: spLeft, right: spRight, top: spTop, bottom: spBottom,
		aiSpans: p.Provenance, aiMark: label}
	wm := o.watermark(p)
	numbered := false
	d.SetHeaderFunc(func() {
		d.watermark(wm)
		if numbered && d.PageNo() > 1 {
			d.SetFont(famMono, "", spSize)
			n := strconv.Itoa(d.PageNo()) + "."
			d.Text(spRight-d.GetStringWidth(n), spPageNumY, n)
			d.font(d.style, d.size)
		}
	})
	d.SetFooterFunc(func() {
		if label {
			d.SetFont(famMono, "", 8)
			d.colour(grey)
			d.Text(spLeft, ph-12, AILabelTextEN)
			d.colour(black)
			d.font(d.style, d.size)
		}
	})
	spTitlePage(d, p, o, label)
	numbered = true
	eps := o.episodes(p)
	for i, e := range eps {
		if err := o.step(ctx, i, len(eps)); err != nil {
			return err
		}
		fl.episode = e.Number
		fl.newPage()
		if len(p.Episodes) > 1 || e.Title != "" {
			h := "EPISODE " + strconv.Itoa(e.Number)
			if e.Title != "" {
				h += ": " + strings.ToUpper(e.Title)
			}
			d.Bookmark(h, 0, -1)
			d.font("B", spSize)
			d.centred(spLeft, spRight, baseline(fl.y, spLine, spSize), h)
			fl.y += spLine * 3
		}
		for _, sc := range e.Scenes {
			spScene(fl, sc)
		}
	}
	if err := o.step(ctx, len(eps), len(eps)); err != nil {
		return err
	}
	if err := d.err("PDF"); err != nil {
		return err
	}
	return d.Output(w)
}

func spTitlePage(d *pdfDoc, p *script.Project, o Options, label bool) {
	d.AddPage()
	pw, _ := d.GetPageSize()
	m := p.Meta
	title := m.Title
	if title == "" {
		title = "Untitled"
	}
	d.font("B", spSize)
	y := spTitleTopY
	for _, ln := range d.wrap(strings.ToUpper(title), spRight-spLeft) {
		d.centred(0, pw, y, ln)
		y += spLine
	}
	d.font("", spSize)
	y += spLine * 2
	credit := "Written by"
	for _, kv := range p.TitlePage {
		if strings.EqualFold(kv.Key, "credit") {
			credit = kv.Value
		}
	}
	if len(m.Writers) > 0 {
		d.centred(0, pw, y, credit)
		y += spLine * 2
		for _, wr := range m.Writers {
			d.centred(0, pw, y, wr)
			y += spLine
		}
	}
	if m.Licence != "" {
		y += spLine
		d.centred(0, pw, y, m.Licence)
	}
	y = 215
	var lower []string
	if m.Draft != "" {
		lower = append(lower, m.Draft)
	}
	for _, s := range []string{m.Contact, m.Copyright} {
		lower = append(lower, strings.Split(s, "\n")...)
	}
	for _, s := range lower {
		if strings.TrimSpace(s) != "" {
			d.text(spLeft, y, s)
			y += spLine
		}
	}
	if label {
		d.font("B", 10)
		d.centred(0, pw, 200, AILabelTextEN)
	}
}

func spScene(fl *flow, sc script.Scene) {
	d := fl.d
	if h := screenHeading(sc); h != "" {
		fl.space(spLine)
		fl.need(spLine * 3)
		d.font("B", spSize)
		bl := baseline(fl.y, spLine, spSize)
		if sc.Number != "" {
			d.font("", spSize)
			d.text(spLeft-d.width(sc.Number+"  "), bl, sc.Number)
			d.text(spRight+3, bl, sc.Number)
			d.font("B", spSize)
		}
		for _, ln := range d.wrap(strings.ToUpper(h), spRight-spLeft) {
			d.text(spLeft, baseline(fl.y, spLine, spSize), ln)
			fl.y += spLine
		}
		fl.y += spLine
	}
	for i := 0; i < len(sc.Lines); i++ {
		l := sc.Lines[i]
		if l.Kind == script.LineDialogue && i+1 < len(sc.Lines) && sc.Lines[i+1].Kind == script.LineDialogue && sc.Lines[i+1].Dual {
			spDual(fl, l, sc.Lines[i+1])
			i++
			continue
		}
		spLine1(fl, l)
	}
}

// spDual draws dual dialogue: two speakers side by side.
func spDual(fl *flow, a, b script.Line) {
	d := fl.d
	d.font("", spSize)
	mid := (spLeft + spRight) / 2
	type col struct {
		x, w  float64
		lines []string
	}
	build := func(l script.Line, x, w float64) col {
		c := col{x: x, w: w}
		c.lines = append(c.lines, strings.ToUpper(l.Speaker)+voiceExt(l.Voice))
		if l.Paren != "" {
			c.lines = append(c.lines, d.wrap("("+strings.Trim(l.Paren, "()（）")+")", w)...)
		}
		c.lines = append(c.lines, d.wrap(strings.TrimSpace(l.Text), w)...)
		return c
	}
	cols := []col{build(a, spLeft, mid-spLeft-4), build(b, mid+2, spRight-mid-2)}
	n := max(len(cols[0].lines), len(cols[1].lines))
	fl.need(spLine * float64(min(n, 4)))
	top := fl.y
	for _, c := range cols {
		y := top
		for i, ln := range c.lines {
			if i == 0 {
				d.centred(c.x, c.x+c.w, baseline(y, spLine, spSize), ln)
			} else {
				d.text(c.x, baseline(y, spLine, spSize), ln)
			}
			y += spLine
		}
	}
	fl.y = top + spLine*float64(n+1)
}

func voiceExt(v string) string {
	switch v {
	case script.VoiceVO:
		return " (V.O.)"
	case script.VoiceOS:
		return " (O.S.)"
	}
	return ""
}

// spLine1 draws one element with a blank line after it.
func spLine1(fl *flow, l script.Line) {
	d := fl.d
	ai := fl.isAI(l.Span)
	text := strings.TrimSpace(l.Text)
	body := func(x, right float64, style string, s string) {
		saved := fl.right
		fl.right = right
		fl.hanging(x, spLine, style, spSize, black, run{}, s, nil, ai)
		fl.right = saved
	}
	switch l.Kind {
	case script.LineDialogue:
		spDialogue(fl, l, ai)
	case script.LineTransition:
		d.font("", spSize)
		fl.need(spLine)
		t := strings.ToUpper(text)
		d.text(spRight-d.width(t), baseline(fl.y, spLine, spSize), t)
		fl.y += spLine
	case script.LineCentered:
		d.font("", spSize)
		for _, ln := range d.wrap(text, spRight-spLeft) {
			fl.need(spLine)
			d.centred(spLeft, spRight, baseline(fl.y, spLine, spSize), ln)
			fl.y += spLine
		}
	case script.LineMarker:
		name := string(l.Marker)
		c := markerColour[l.Marker]
		d.SetFont(famSans, "B", 9)
		lw := d.GetStringWidth(name) + 4
		fl.hanging(spLeft+lw, spLine, "", spSize, c, run{}, text, func(top float64) {
			d.label(spLeft, top, spLine, name, c, 9)
		}, ai)
	case script.LineCue:
		s := strings.ToUpper(l.Cue)
		if text != "" {
			s += ": " + text
		}
		body(spLeft, spRight, "", s)
	case script.LineLyric:
		body(spDialX, spDialR, "", "~"+text)
	case script.LinePageBreak:
		fl.newPage()
		return
	case script.LineNote, script.LineBoneyard, script.LineSection, script.LineSynopsis:
		return // not printed in a screenplay
	default:
		body(spLeft, spRight, "", text)
	}
	fl.y += spLine
}

// spDialogue draws character, parenthetical and dialogue, splitting across
// pages with (MORE) and (CONT'D) as screenplays do.
func spDialogue(fl *flow, l script.Line, ai bool) {
	d := fl.d
	name := strings.ToUpper(l.Speaker) + voiceExt(l.Voice)
	d.font("", spSize)
	var parenLines []string
	if l.Paren != "" {
		parenLines = d.wrap("("+strings.Trim(l.Paren, "()（）")+")", spParenR-spParenX)
	}
	dlg := d.wrap(strings.TrimSpace(l.Text), spDialR-spDialX)
	fl.need(spLine * float64(2+len(parenLines)))
	drawName := func(s string) {
		d.font("", spSize)
		d.text(spCharX, baseline(fl.y, spLine, spSize), s)
		fl.y += spLine
	}
	drawName(name)
	for _, ln := range parenLines {
		d.text(spParenX, baseline(fl.y, spLine, spSize), ln)
		fl.y += spLine
	}
	for i, ln := range dlg {
		last := i == len(dlg)-1
		if i > 0 && (fl.y+spLine > fl.bottom || (!last && fl.y+2*spLine > fl.bottom)) {
			d.text(spCharX, baseline(fl.y, spLine, spSize), "(MORE)")
			fl.newPage()
			drawName(name + " (CONT'D)")
		}
		fl.need(spLine)
		if ai {
			fl.aiTag(fl.y, spLine)
			d.font("", spSize)
		}
		d.text(spDialX, baseline(fl.y, spLine, spSize), ln)
		fl.y += spLine
	}
}

var reHeadingNumber = regexp.MustCompile(`\s*#[^#\s]+#\s*$`)

// screenHeading is a Fountain scene heading as printed: without the forcing
// dot and the #number# (the number goes in the margins).
func screenHeading(sc script.Scene) string {
	h := strings.TrimSpace(sc.Heading)
	h = reHeadingNumber.ReplaceAllString(h, "")
	if strings.HasPrefix(h, ".") && !strings.HasPrefix(h, "..") {
		h = h[1:]
	}
	if h == "" && sc.Location != "" {
		h = strings.TrimSpace(sc.IntExt + ". " + sc.Location)
		if sc.Time != "" {
			h += " - " + sc.Time
		}
	}
	return strings.TrimSpace(h)
}
