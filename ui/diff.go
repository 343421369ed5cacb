package ui

import "strings"

// diffOp is one line of a line diff.
type diffOp struct {
	Kind byte // ' ' same, '-' only in old, '+' only in new
	Text string
}

// lineDiff compares two texts line by line (longest common subsequence).
// Episodes are a few hundred lines, so the quadratic table is small; past
// maxCells the middle is shown as a whole replacement.
func lineDiff(old, new string) []diffOp {
	a, b := splitLines(old), splitLines(new)
	// Trim the common head and tail: most edits touch a few lines.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var out []diffOp
	for _, l := range a[:head] {
		out = append(out, diffOp{' ', l})
	}
	out = append(out, lcsDiff(a[head:len(a)-tail], b[head:len(b)-tail])...)
	for _, l := range a[len(a)-tail:] {
		out = append(out, diffOp{' ', l})
	}
	return out
}

const maxCells = 4_000_000

func lcsDiff(a, b []string) []diffOp {
	var out []diffOp
	if len(a)*len(b) > maxCells {
		for _, l := range a {
			out = append(out, diffOp{'-', l})
		}
		for _, l := range b {
			out = append(out, diffOp{'+', l})
		}
		return out
	}
	n, m := len(a), len(b)
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
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, diffOp{' ', a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, diffOp{'-', a[i]})
			i++
		default:
			out = append(out, diffOp{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, diffOp{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, diffOp{'+', b[j]})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// diffStats counts removed and added lines.
func diffStats(ops []diffOp) (removed, added int) {
	for _, o := range ops {
		switch o.Kind {
		case '-':
			removed++
		case '+':
			added++
		}
	}
	return
}
