package subtitle

import (
	"fmt"
	"strings"
	"time"
)

// Change is one edit Fix proposes, for the preview before applying.
type Change struct {
	Cue    int    `json:"cue"` // 1-based, in the input track
	ID     string `json:"id,omitempty"`
	Kind   string `json:"kind"` // drop, sort, rebreak, split, merge, extend, shift, trim, gap
	Before string `json:"before"`
	After  string `json:"after"`
}

// Fix returns a corrected copy of the track and the list of changes: empty
// cues dropped, lines re-broken and balanced (Chinese without added spaces,
// no line starting with closing punctuation), over-long cues split at
// natural breaks, timings extended or shifted within the gaps to meet the
// minimum duration and reading speed, short cues merged when that is the
// only way, overlaps and short gaps resolved. It never changes the words.
func Fix(in *Track, p *Profile, protect []string) (*Track, []Change) {
	tr := in.Clone()
	var ch []Change
	// Where each cue came from in the input, for the preview.
	orig := make([]int, len(tr.Cues))
	for i := range orig {
		orig[i] = i + 1
	}
	add := func(i int, kind, before, after string) {
		ch = append(ch, Change{Cue: orig[i], ID: tr.Cues[i].ID, Kind: kind, Before: before, After: after})
	}

	// 1. Empty cues.
	var keep []Cue
	var keepOrig []int
	for i, c := range tr.Cues {
		if c.IsEmpty() {
			ch = append(ch, Change{Cue: i + 1, ID: c.ID, Kind: "drop", Before: describe(c), After: ""})
			continue
		}
		keep, keepOrig = append(keep, c), append(keepOrig, orig[i])
	}
	tr.Cues, orig = keep, keepOrig

	// 2. Time order.
	for i := 1; i < len(tr.Cues); i++ {
		if tr.Cues[i].Start < tr.Cues[i-1].Start {
			idx := make([]int, len(tr.Cues))
			for k := range idx {
				idx[k] = k
			}
			sortStable(idx, func(a, b int) bool { return tr.Cues[a].Start < tr.Cues[b].Start })
			cues := make([]Cue, len(idx))
			o := make([]int, len(idx))
			for k, j := range idx {
				cues[k], o[k] = tr.Cues[j], orig[j]
			}
			tr.Cues, orig = cues, o
			ch = append(ch, Change{Kind: "sort", Before: "out of time order", After: "sorted by start time"})
			break
		}
	}

	// 3. Line breaks and over-long cues.
	var out []Cue
	var outOrig []int
	for i, c := range tr.Cues {
		text := c.Text()
		lines := c.Lines
		worst := 0.0
		switch {
		case dialogueLines(c.Lines) && needsRebreak(c.Lines, p):
			// Each speaker's line is laid out on its own: a line break
			// never runs one speaker into the other.
			lines = nil
			for _, l := range c.Lines {
				ls, w := breakCost(l, p, protect)
				lines, worst = append(lines, ls...), max(worst, w)
			}
		case needsRebreak(c.Lines, p):
			lines, worst = breakCost(text, p, protect)
		}
		// A layout that cuts a word is kept only when the cue cannot be split.
		// Two speakers can always go to a cue each.
		canSplit := dialogueLines(c.Lines) || len(splitText(text, func(s string) bool { return cueFits(s, p, protect) }, protect)) >= 2
		if linesFit(lines, p) && worst < costInWord || !canSplit {
			if strings.Join(lines, "\n") != strings.Join(c.Lines, "\n") {
				before := describe(c)
				c.Lines = lines
				out, outOrig = append(out, c), append(outOrig, orig[i])
				ch = append(ch, Change{Cue: orig[i], ID: c.ID, Kind: "rebreak", Before: before, After: describe(c)})
				continue
			}
			out, outOrig = append(out, c), append(outOrig, orig[i])
			continue
		}
		pieces := splitText(text, func(s string) bool { return cueFits(s, p, protect) }, protect)
		if dialogueLines(c.Lines) {
			// Two speakers who do not fit one cue get a cue each, their
			// dashes dropped, rather than lines that run one into the other.
			pieces = nil
			for _, l := range c.Lines {
				l = strings.TrimSpace(strings.TrimLeft(l, "-－–"))
				pieces = append(pieces, splitText(l, func(s string) bool { return cueFits(s, p, protect) }, protect)...)
			}
		}
		parts := splitCue(c, pieces, p, protect)
		var after []string
		for _, q := range parts {
			after = append(after, describe(q))
			out, outOrig = append(out, q), append(outOrig, orig[i])
		}
		ch = append(ch, Change{Cue: orig[i], ID: c.ID, Kind: "split", Before: describe(c), After: strings.Join(after, "\n")})
	}
	tr.Cues, orig = out, outOrig

	// 4. Overlaps and short gaps.
	gap := p.MinGap()
	for i := 0; i+1 < len(tr.Cues); i++ {
		c, n := &tr.Cues[i], &tr.Cues[i+1]
		if n.Start-c.End >= gap {
			continue
		}
		before := describe(*c)
		limit := n.Start - gap
		if limit-c.Start >= needed(*c, p) {
			c.End = limit
			add(i, "gap", before, describe(*c))
			continue
		}
		nb := describe(*n)
		c.End = max(c.Start+needed(*c, p), min(c.End, limit))
		if c.End != limit {
			n.Start = c.End + gap
			if n.End < n.Start+needed(*n, p) {
				n.End = n.Start + needed(*n, p)
			}
			add(i+1, "shift", nb, describe(*n))
		}
		if describe(*c) != before {
			add(i, "gap", before, describe(*c))
		}
	}

	// 5. Too short or too fast: extend into the gap after, then before;
	// merge with a neighbour as the last resort.
	for i := 0; i < len(tr.Cues); i++ {
		c := &tr.Cues[i]
		need := needed(*c, p)
		if c.Duration() >= need {
			continue
		}
		before, oldStart := describe(*c), c.Start
		next := time.Duration(1 << 62)
		if i+1 < len(tr.Cues) {
			next = tr.Cues[i+1].Start - gap
		}
		c.End = max(c.End, min(c.Start+need, next))
		if c.Duration() < need {
			prev := time.Duration(0)
			if i > 0 {
				prev = tr.Cues[i-1].End + gap
			}
			c.Start = min(c.Start, max(c.End-need, prev))
		}
		if c.Duration() >= need {
			kind := "extend"
			if c.Start != oldStart {
				kind = "shift"
			}
			add(i, kind, before, describe(*c))
			continue
		}
		if i+1 < len(tr.Cues) {
			m := mergeCues(*c, tr.Cues[i+1], p, protect)
			if linesFit(m.Lines, p) && m.Duration() >= needed(m, p) && m.Duration() <= p.MaxDuration() {
				after := describe(m)
				ch = append(ch, Change{Cue: orig[i], ID: c.ID, Kind: "merge", Before: before + "\n" + describe(tr.Cues[i+1]), After: after})
				tr.Cues[i] = m
				tr.Cues = append(tr.Cues[:i+1], tr.Cues[i+2:]...)
				orig = append(orig[:i+1], orig[i+2:]...)
				i--
				continue
			}
		}
		if describe(*c) != before {
			add(i, "extend", before, describe(*c))
		}
	}

	// 6. Too long on screen.
	for i := range tr.Cues {
		c := &tr.Cues[i]
		if c.Duration() > p.MaxDuration() {
			before := describe(*c)
			c.End = c.Start + p.MaxDuration()
			add(i, "trim", before, describe(*c))
		}
	}
	return tr, ch
}

// needed is the time a cue needs on screen: the minimum duration and its
// reading time at the profile's limit.
func needed(c Cue, p *Profile) time.Duration {
	var w float64
	for _, l := range c.Lines {
		w += p.Width(l)
	}
	read := time.Duration(w / p.MaxCPS * float64(time.Second)).Round(time.Millisecond)
	return min(max(p.MinDuration(), read), p.MaxDuration())
}

// needsRebreak reports lines that break the profile or read badly: too
// long, too many, a line starting with closing punctuation or ending with
// opening punctuation, or a line that would fit on the previous one.
// cutsWord reports a line break between a and b that falls inside a
// Chinese word or before a particle (战争世|界, 医院|里).
func cutsWord(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || !isHan(ra[len(ra)-1]) || !isHan(rb[0]) {
		return false
	}
	// A few characters either side are enough context for the segmenter.
	ra, rb = ra[max(0, len(ra)-6):], rb[:min(len(rb), 6)]
	cuts := wordCuts(append(append([]rune{}, ra...), rb...))
	return cuts != nil && !cuts[len(ra)]
}

func needsRebreak(lines []string, p *Profile) bool {
	if !linesFit(lines, p) {
		return true
	}
	for i, l := range lines {
		if i > 0 {
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(lineStartForbidden, r[0]) {
				return true
			}
			if cutsWord(lines[i-1], l) {
				return true
			}
		}
		if r := []rune(l); i < len(lines)-1 && len(r) > 0 && isOpening(r[len(r)-1]) {
			return true
		}
	}
	// Short lines are joined, except a two-speaker cue's dashed lines.
	return len(lines) > 1 && !dialogueLines(lines) && p.Width(JoinLines(lines)) <= p.CPL
}

// dialogueLines reports a two-speaker cue: every line starts with a dash.
func dialogueLines(lines []string) bool {
	for _, l := range lines {
		if !strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "－") && !strings.HasPrefix(l, "–") {
			return false
		}
	}
	return len(lines) > 1
}

// splitCue divides a cue's time between its pieces by their length.
func splitCue(c Cue, pieces []string, p *Profile, protect []string) []Cue {
	var total float64
	for _, s := range pieces {
		total += p.Width(s)
	}
	gap := p.MinGap()
	span := c.Duration() - gap*time.Duration(len(pieces)-1)
	if span <= 0 {
		span = c.Duration()
		gap = 0
	}
	out := make([]Cue, 0, len(pieces))
	t := c.Start
	for k, s := range pieces {
		q := c
		q.Lines = Break(s, p, protect)
		if k > 0 {
			q.ID = fmt.Sprintf("%s.%d", c.ID, k+1)
			q.Translation = nil // the translation stays with the first piece
		}
		q.Start = t
		q.End = t + time.Duration(float64(span)*p.Width(s)/total).Round(time.Millisecond)
		if k == len(pieces)-1 {
			q.End = c.End
		}
		t = q.End + gap
		out = append(out, q)
	}
	return out
}

func mergeCues(a, b Cue, p *Profile, protect []string) Cue {
	m := a
	m.Lines = Break(JoinLines([]string{a.Text(), b.Text()}), p, protect)
	if len(b.Translation) > 0 {
		m.Translation = []string{JoinLines(append(append([]string{}, a.Translation...), b.Translation...))}
	}
	m.End = b.End
	return m
}

// describe renders a cue for the preview: "00:00:01.000–00:00:02.500 text|line".
func describe(c Cue) string {
	return fmt.Sprintf("%s–%s %s", clock(c.Start), clock(c.End), strings.Join(c.Lines, " | "))
}

func clock(d time.Duration) string {
	if d < 0 {
		return "-" + clock(-d)
	}
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// Clock formats a time for tables: 00:01:02.345.
func Clock(d time.Duration) string { return clock(d) }

func sortStable(idx []int, less func(a, b int) bool) {
	// insertion sort keeps equal starts in their order; tracks are nearly sorted
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && less(idx[j], idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
}

// ParseClock reads a time typed by a person: 00:01:02.345, 01:02,5, 62.3
// (seconds) or 1:02:03,040.
func ParseClock(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return 0, fmt.Errorf("empty time")
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	var total float64
	for _, p := range parts {
		var v float64
		if _, err := fmt.Sscanf(p, "%g", &v); err != nil || v < 0 || strings.ContainsAny(p, "eE+-") {
			return 0, fmt.Errorf("bad time %q", s)
		}
		total = total*60 + v
	}
	return time.Duration(total * float64(time.Second)).Round(time.Millisecond), nil
}
