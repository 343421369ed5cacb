package export

import (
	"github.com/duanju-studio/duanju/script"
)

// flow places text top to bottom across pages.
type flow struct {
	d           *pdfDoc
	left, right float64 // text area, mm from the page's left edge
	top, bottom float64 // text area, mm from the page's top edge
	y           float64 // next free position
	aiSpans     []script.Provenance
	aiMark      bool // mark AI-written lines in the margin
	episode     int
	onPage      func() // after a page is added
}

func (fl *flow) newPage() {
	fl.d.AddPage()
	fl.y = fl.top
	if fl.onPage != nil {
		fl.onPage()
	}
}

// need starts a new page unless h mm fit below y.
func (fl *flow) need(h float64) {
	if fl.y+h > fl.bottom+0.01 {
		fl.newPage()
	}
}

// space adds vertical space, but never at the top of a page.
func (fl *flow) space(h float64) {
	if fl.y > fl.top+0.01 {
		fl.y += h
	}
}

// isAI reports whether the span of episode fl.episode overlaps accepted AI
// text.
func (fl *flow) isAI(sp script.Span) bool {
	if !fl.aiMark || sp.End <= sp.Start {
		return false
	}
	for _, p := range fl.aiSpans {
		if p.Episode == fl.episode && p.Start < sp.End && sp.Start < p.End {
			return true
		}
	}
	return false
}

// aiTag draws the AI margin tag next to a line whose box starts at top.
func (fl *flow) aiTag(top, lineH float64) {
	d := fl.d
	defer d.font(d.style, d.size)
	d.SetFont(famSans, "B", 6.5)
	d.colour(rgb{150, 90, 0})
	d.Text(fl.left-8, baseline(top, lineH, 6.5), "AI")
	d.colour(black)
}

// run is a styled piece of text.
type run struct {
	text  string
	style string
	c     rgb
}

// paren is a parenthetical run.
func paren(s string) run {
	if s == "" {
		return run{}
	}
	return run{text: "（" + s + "）", c: grey}
}

// hanging draws text wrapped to [x, fl.right], breaking pages between lines.
// first is drawn on the first line's box before the text (a speaker, a △, a
// label); pre is a run in its own style that starts the text (a
// parenthetical, a character's name).
func (fl *flow) hanging(x float64, lineH float64, style string, size float64, c rgb, pre run, text string, first func(top float64), ai bool) {
	d := fl.d
	d.font(style, size)
	prefix := pre.text
	lines := d.wrap(prefix+text, fl.right-x)
	for i, ln := range lines {
		fl.need(lineH)
		top := fl.y
		if i == 0 && first != nil {
			first(top)
			d.font(style, size)
		}
		if ai {
			fl.aiTag(top, lineH)
			d.font(style, size)
		}
		bl := baseline(top, lineH, size)
		if i == 0 && prefix != "" && len(ln) >= len(prefix) && ln[:len(prefix)] == prefix {
			d.font(pre.style, size)
			d.colour(pre.c)
			d.text(x, bl, prefix)
			px := d.width(prefix)
			d.font(style, size)
			d.colour(c)
			d.text(x+px, bl, ln[len(prefix):])
		} else {
			d.colour(c)
			d.text(x, bl, ln)
		}
		fl.y += lineH
	}
	d.colour(black)
}
