// Package diff compares two versions of an episode's text for the History
// view and the CLI: a line diff whose changed lines are also compared rune by
// rune, so that an edit inside a long Chinese line shows which characters
// changed. It works on runes, never splitting a UTF-8 sequence.
package diff

import (
	"strings"
	"unicode/utf8"
)

// Op is what happened to a line or a run of characters.
type Op int8

const (
	Equal  Op = iota // in both
	Delete           // only in the old text
	Insert           // only in the new text
)

func (o Op) String() string {
	switch o {
	case Delete:
		return "-"
	case Insert:
		return "+"
	}
	return " "
}

// Range is a run of runes [Start, End) within a line's Text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Line is one line of a diff.
type Line struct {
	Op   Op     `json:"op"`
	Old  int    `json:"old,omitempty"` // 1-based line number in the old text, 0 if not there
	New  int    `json:"new,omitempty"` // 1-based line number in the new text, 0 if not there
	Text string `json:"text"`          // without the newline
	// Changed marks, on a Delete or Insert line paired with a similar line of
	// the other side, the runes that differ. Empty when the whole line is new
	// or gone.
	Changed []Range `json:"changed,omitempty"`
}

// splitLines splits text into lines without their "\n". A final newline does
// not start another line.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	text = strings.TrimSuffix(text, "\n")
	return strings.Split(text, "\n")
}

// Lines compares old and new line by line. Within each changed block the
// deleted lines come first, then the inserted ones; a deleted and an inserted
// line at the same place in the block that are similar are compared rune by
// rune (Changed).
func Lines(old, new string) []Line {
	a, b := splitLines(old), splitLines(new)
	// Compare lines as small integers.
	ids := map[string]int{}
	intern := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	script := sequence(intern(a), intern(b))

	out := make([]Line, 0, len(script))
	budget := pairBudget
	i, j := 0, 0
	for k := 0; k < len(script); {
		if script[k] == Equal {
			out = append(out, Line{Op: Equal, Old: i + 1, New: j + 1, Text: a[i]})
			i, j, k = i+1, j+1, k+1
			continue
		}
		// A changed block: gather its deletions and insertions.
		var dels, ins []Line
		for ; k < len(script) && script[k] != Equal; k++ {
			if script[k] == Delete {
				dels = append(dels, Line{Op: Delete, Old: i + 1, Text: a[i]})
				i++
			} else {
				ins = append(ins, Line{Op: Insert, New: j + 1, Text: b[j]})
				j++
			}
		}
		for p := 0; p < len(dels) && p < len(ins); p++ {
			cost := len(dels[p].Text) + len(ins[p].Text)
			if cost > budget {
				break
			}
			budget -= cost
			dels[p].Changed, ins[p].Changed = pair(dels[p].Text, ins[p].Text)
		}
		out = append(out, dels...)
		out = append(out, ins...)
	}
	return out
}

// pairBudget bounds the bytes compared rune by rune in one diff, so that a
// huge rewrite still diffs quickly (its lines then show as whole lines).
const pairBudget = 256 << 10

// similarity is the share of runes two lines must have in common to be
// shown as one edited line rather than one removed and one added.
const similarity = 0.4

// pair compares two lines rune by rune; nil, nil if they are too different.
func pair(a, b string) (del, ins []Range) {
	d, i, common := Chars(a, b)
	total := utf8.RuneCountInString(a) + utf8.RuneCountInString(b)
	if total == 0 || float64(2*common) < similarity*float64(total) {
		return nil, nil
	}
	return d, i
}

// Chars compares two strings rune by rune and returns the rune ranges of a
// that were deleted, those of b that were inserted, and how many runes are
// common. Single equal runes stranded between changes are counted as changed,
// which reads better than a confetti of one-character matches.
func Chars(a, b string) (del, ins []Range, common int) {
	ra, rb := []rune(a), []rune(b)
	script := cleanup(sequence(ra, rb))
	i, j := 0, 0
	add := func(rs []Range, at int) []Range {
		if n := len(rs); n > 0 && rs[n-1].End == at {
			rs[n-1].End = at + 1
			return rs
		}
		return append(rs, Range{at, at + 1})
	}
	for _, op := range script {
		switch op {
		case Equal:
			i, j, common = i+1, j+1, common+1
		case Delete:
			del = add(del, i)
			i++
		case Insert:
			ins = add(ins, j)
			j++
		}
	}
	return del, ins, common
}

// cleanup turns an equal run of one rune between two changes into a deletion
// and an insertion.
func cleanup(s ops) ops {
	out := make(ops, 0, len(s)+4)
	for k := 0; k < len(s); k++ {
		if s[k] == Equal && k > 0 && k+1 < len(s) && s[k-1] != Equal && s[k+1] != Equal {
			out = append(out, Delete, Insert)
			continue
		}
		out = append(out, s[k])
	}
	return out
}

// Stats counts the inserted and deleted lines.
func Stats(lines []Line) (added, deleted int) {
	for _, l := range lines {
		switch l.Op {
		case Insert:
			added++
		case Delete:
			deleted++
		}
	}
	return added, deleted
}
