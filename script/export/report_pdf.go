package export

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script/check"
	"github.com/duanju-studio/duanju/script/check/report"
)

// ReportPDF writes the self-check report as a printable PDF with the bundled
// CJK font. It lays out the Markdown report (the same content as the HTML
// one: tier, summary, findings with excerpt, source and suggestion, waivers)
// so the three formats never drift apart.
func ReportPDF(w io.Writer, r *check.Result) error {
	var md bytes.Buffer
	if err := report.WriteMarkdown(&md, r); err != nil {
		return err
	}
	d := newPDFDoc("P", "A4", false)
	const left, right, top, bottom = 18.0, 18.0, 18.0, 18.0
	pw, ph := d.GetPageSize()
	width := pw - left - right
	d.SetMargins(left, top, right)
	d.SetAutoPageBreak(false, 0)
	d.SetTitle(valid(r.Project), true)
	d.SetCreator("Duanju Studio", true)
	d.SetFooterFunc(func() {
		d.SetFont(famSans, "", 8.5)
		d.colour(grey)
		num := strconv.Itoa(d.PageNo()) + " / {nb}"
		d.Text(pw/2-d.GetStringWidth(num)/2, ph-10, num)
		d.colour(black)
		d.font(d.style, d.size)
	})
	d.AddPage()
	y := top
	emit := func(text string, style string, size, indent, gapAfter float64) {
		d.font(style, size)
		lh := size * 0.3528 * 1.55
		for _, ln := range d.wrap(text, width-indent) {
			if y+lh > ph-bottom {
				d.AddPage()
				y = top
			}
			d.text(left+indent, y+lh*0.75, ln)
			y += lh
		}
		y += gapAfter
	}
	for _, raw := range strings.Split(md.String(), "\n") {
		line := strings.TrimRight(raw, " ")
		switch {
		case strings.TrimSpace(line) == "":
			y += 1.5
		case strings.HasPrefix(line, "# "):
			emit(plainMD(line[2:]), "B", 16, 0, 3)
		case strings.HasPrefix(line, "## "):
			y += 2
			emit(plainMD(line[3:]), "B", 13, 0, 1.5)
		case strings.HasPrefix(line, "### "), strings.HasPrefix(line, "#### "):
			emit(plainMD(strings.TrimLeft(line, "# ")), "B", 11, 0, 1)
		case strings.HasPrefix(strings.TrimSpace(line), "|"):
			cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
			if strings.Trim(strings.Join(cells, ""), "-: ") == "" {
				continue // the table's separator row
			}
			for i := range cells {
				cells[i] = plainMD(strings.TrimSpace(cells[i]))
			}
			emit(strings.Join(cells, "    "), "", 9.5, 4, 0)
		case strings.HasPrefix(strings.TrimSpace(line), "- "), strings.HasPrefix(strings.TrimSpace(line), "* "):
			indent := float64(len(line)-len(strings.TrimLeft(line, " "))) * 1.5
			emit("• "+plainMD(strings.TrimSpace(line)[2:]), "", 10, 3+indent, 0.5)
		case strings.HasPrefix(line, ">"):
			emit(plainMD(strings.TrimSpace(strings.TrimLeft(line, ">"))), "", 10, 6, 0.5)
		default:
			emit(plainMD(line), "", 10, 0, 0.5)
		}
	}
	if err := d.err("self-check report"); err != nil {
		return err
	}
	return d.Output(w)
}

// plainMD drops Markdown emphasis, code marks and escapes.
var mdPlain = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "**", "", "`", "", `\|`, "|", `\*`, "*", `\_`, "_", `\#`, "#", `\[`, "[", `\]`, "]", `\\`, `\`)

func plainMD(s string) string { return mdPlain.Replace(s) }
