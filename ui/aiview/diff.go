package aiview

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// op is one piece of a diff: kept, deleted or inserted text.
type op struct {
	kind byte // '=', '-', '+'
	text string
}

// maxDiffCells bounds the LCS table; longer texts are diffed by line.
const maxDiffCells = 4_000_000

// diff compares a and b by character (by line when they are long) with a
// longest-common-subsequence table, merging runs of the same kind.
func diff(a, b string) []op {
	as, bs := chars(a), chars(b)
	if len(as)*len(bs) > maxDiffCells {
		return diffTokens(strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n"))
	}
	return diffTokens(as, bs)
}

// chars splits s into its characters as they are in s (a stray byte stays
// itself, so the diff rebuilds the text exactly).
func chars(s string) []string {
	out := make([]string, 0, len(s))
	for len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func diffTokens(a, b []string) []op {
	n, m := len(a), len(b)
	if n*m > maxDiffCells { // still too big: replace wholesale
		return []op{{'-', strings.Join(a, "")}, {'+', strings.Join(b, "")}}
	}
	// lcs[i][j] = LCS length of a[i:], b[j:]
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []op
	add := func(k byte, s string) {
		if len(out) > 0 && out[len(out)-1].kind == k {
			out[len(out)-1].text += s
			return
		}
		out = append(out, op{k, s})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			add('=', a[i])
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			add('-', a[i])
			i++
		default:
			add('+', b[j])
			j++
		}
	}
	for ; i < n; i++ {
		add('-', a[i])
	}
	for ; j < m; j++ {
		add('+', b[j])
	}
	return out
}

// diffView renders a diff: deletions in the error colour inside ［－…］,
// insertions in the success colour inside ［＋…］, so the change reads
// without colour too.
func diffView(ops []op) *widget.RichText {
	var segs []widget.RichTextSegment
	for _, o := range ops {
		switch o.kind {
		case '=':
			segs = append(segs, &widget.TextSegment{Text: o.text, Style: widget.RichTextStyleInline})
		case '-':
			st := widget.RichTextStyleInline
			st.ColorName = theme.ColorNameError
			segs = append(segs, &widget.TextSegment{Text: "［－" + o.text + "］", Style: st})
		case '+':
			st := widget.RichTextStyleStrong
			st.Inline = true
			st.ColorName = theme.ColorNameSuccess
			segs = append(segs, &widget.TextSegment{Text: "［＋" + o.text + "］", Style: st})
		}
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapBreak // CJK has no spaces to wrap at
	return rt
}
