package diff

import (
	"fmt"
	"strings"
)

// Hunk is a run of changes with some unchanged lines around it.
type Hunk struct {
	OldStart, OldLines int // as in "@@ -OldStart,OldLines +NewStart,NewLines @@"
	NewStart, NewLines int
	Lines              []Line
}

// Hunks groups the changes of a diff, keeping context unchanged lines
// around each and merging groups that overlap.
func Hunks(lines []Line, context int) []Hunk {
	var hunks []Hunk
	n := len(lines)
	for k := 0; k < n; {
		if lines[k].Op == Equal {
			k++
			continue
		}
		start := max(0, k-context)
		end := k
		// Extend while the next change is within 2*context equal lines.
		for end < n {
			if lines[end].Op != Equal {
				end++
				continue
			}
			run := end
			for run < n && lines[run].Op == Equal {
				run++
			}
			if run < n && run-end <= 2*context {
				end = run
				continue
			}
			end = min(n, end+context)
			break
		}
		hunks = append(hunks, newHunk(lines, start, end))
		k = end
	}
	return hunks
}

// newHunk makes the hunk of lines[start:end]; the lines before it say where
// it starts (an empty side starts at the line before, as diff -u does).
func newHunk(lines []Line, start, end int) Hunk {
	h := Hunk{Lines: lines[start:end]}
	for _, l := range lines[:start] {
		if l.Op != Insert {
			h.OldStart++
		}
		if l.Op != Delete {
			h.NewStart++
		}
	}
	for _, l := range h.Lines {
		if l.Op != Insert {
			h.OldLines++
		}
		if l.Op != Delete {
			h.NewLines++
		}
	}
	if h.OldLines > 0 {
		h.OldStart++
	}
	if h.NewLines > 0 {
		h.NewStart++
	}
	return h
}

// Unified renders a diff in the unified format with context lines around
// each change ("--- old", "+++ new", "@@ … @@" headers). It returns "" when
// the texts have no differences.
func Unified(lines []Line, oldName, newName string, context int) string {
	hunks := Hunks(lines, context)
	if len(hunks) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks {
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", span(h.OldStart, h.OldLines), span(h.NewStart, h.NewLines))
		for _, l := range h.Lines {
			b.WriteString(l.Op.String())
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func span(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
