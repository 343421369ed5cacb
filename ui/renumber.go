package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// structUndo is the project as it was before an episode was added,
// duplicated, deleted or moved: undo puts the order, the numbers, the scene
// headings and every per-episode record back in one step.
type structUndo struct {
	episodes []*script.Episode
	bodies   map[*script.Episode]string
	cur      *script.Episode
	prov     []script.Provenance
	waivers  []script.Waiver
	tracks   []script.SubtitleTrack
	sums     []script.Summary
	badges   map[int]map[string]string
}

// maxStructUndo bounds how many episode changes can be undone.
const maxStructUndo = 20

func (u *UI) captureStructure() *structUndo {
	p := u.proj
	s := &structUndo{
		episodes: slices.Clone(p.Episodes),
		bodies:   map[*script.Episode]string{},
		cur:      u.cur,
		prov:     slices.Clone(p.Provenance),
		waivers:  slices.Clone(p.Waivers),
		tracks:   slices.Clone(p.Tracks),
		sums:     slices.Clone(p.Summaries),
		badges:   u.badges,
	}
	for _, e := range p.Episodes {
		s.bodies[e] = e.Body
	}
	return s
}

// restructure runs change (which reorders u.proj.Episodes), renumbers the
// episodes and what refers to them by number, and keeps the step for undo.
// extra maps an episode new to the project to the number its scene headings
// use (a duplicate's source).
func (u *UI) restructure(change func(), extra map[*script.Episode]int) *structUndo {
	u.Save()
	before := u.captureStructure()
	old := map[*script.Episode]int{}
	for _, e := range u.proj.Episodes {
		old[e] = e.Number
	}
	change()
	u.proj.Renumber()
	u.renumberRefs(old, extra)
	if u.cur != nil && u.ed.ep == u.cur && u.ed.entry.Text != u.cur.Body {
		u.ed.show(u.cur) // its headings were renumbered
	}
	u.undoStack = append(u.undoStack, before)
	if len(u.undoStack) > maxStructUndo {
		u.undoStack = u.undoStack[1:]
	}
	return before
}

// renumberRefs follows the episodes' new numbers: scene headings that carry
// the old number ("4-2" in what is now episode 5 becomes "5-2"), AI
// provenance, waivers, subtitle tracks, summaries and badges. Records of an
// episode no longer in the project are dropped (undo brings them back).
func (u *UI) renumberRefs(old, extra map[*script.Episode]int) {
	p := u.proj
	to := map[int]int{} // old number → new (0: gone)
	for e, n := range old {
		to[n] = 0
		if slices.Contains(p.Episodes, e) {
			to[n] = e.Number
		}
	}
	for _, e := range p.Episodes {
		n, ok := old[e]
		if x, dup := extra[e]; dup {
			n, ok = x, true
		}
		if ok && e.Number != n {
			_, dup := extra[e]
			u.renumberHeadings(e, n, !dup)
		}
	}
	mapNum := func(n int) (int, bool) {
		m, ok := to[n]
		if !ok {
			return n, true
		}
		return m, m != 0
	}
	var prov []script.Provenance
	for _, r := range p.Provenance {
		if n, ok := mapNum(r.Episode); ok {
			r.Episode = n
			prov = append(prov, r)
		}
	}
	p.Provenance = prov
	var ws []script.Waiver
	for _, w := range p.Waivers {
		if w.Episode == 0 {
			ws = append(ws, w)
		} else if n, ok := mapNum(w.Episode); ok {
			w.Episode = n
			ws = append(ws, w)
		}
	}
	p.Waivers = ws
	var ts []script.SubtitleTrack
	for _, t := range p.Tracks {
		if n, ok := mapNum(t.Episode); ok || t.Episode == 0 {
			if ok {
				t.Episode = n
			}
			ts = append(ts, t)
		}
	}
	p.Tracks = ts
	var ss []script.Summary
	for _, s := range p.Summaries {
		if n, ok := mapNum(s.Episode); ok {
			s.Episode = n
			ss = append(ss, s)
		}
	}
	p.Summaries = ss
	badges := map[int]map[string]string{}
	for n, b := range u.badges {
		if m, ok := mapNum(n); ok {
			badges[m] = b
		}
	}
	u.badges = badges
}

// renumberHeadings rewrites ep's scene headings numbered for episode from
// to ep's number, keeping the AI records of ep (still under its old number
// from, when records is set) on their text.
func (u *UI) renumberHeadings(ep *script.Episode, from int, records bool) {
	body, edits := renumberedHeadings(ep.Body, ep.Scenes, from, ep.Number)
	if len(edits) == 0 {
		return
	}
	for i, r := range u.proj.Provenance {
		if !records || r.Episode != from {
			continue
		}
		r.Start, r.End = mapOffset(edits, r.Start), mapOffset(edits, r.End)
		if r.Start >= 0 && r.End <= len(body) && r.Start <= r.End {
			r.Text = body[r.Start:r.End]
		}
		u.proj.Provenance[i] = r
	}
	ep.Body = body
	parseEpisode(u.proj, ep, u.cast)
	u.dirtyEps[ep] = true
}

// textEdit replaced old[start:end) with text.
type textEdit struct {
	start, end int
	text       string
}

// mapOffset moves an offset of the old text over edits (in order, not
// overlapping) to the new text.
func mapOffset(edits []textEdit, off int) int {
	delta := 0
	for _, e := range edits {
		if off < e.end {
			if off > e.start {
				return e.start + delta + min(off-e.start, len(e.text))
			}
			break
		}
		delta += len(e.text) - (e.end - e.start)
	}
	return off + delta
}

// renumberedHeadings rewrites the episode part of "E-S" scene numbers that
// read from to read to. Other headings are left as written.
func renumberedHeadings(body string, scenes []script.Scene, from, to int) (string, []textEdit) {
	var edits []textEdit
	for _, sc := range scenes {
		dash := strings.IndexByte(sc.Number, '-')
		if dash < 0 {
			continue
		}
		if n, err := strconv.Atoi(sc.Number[:dash]); err != nil || n != from {
			continue
		}
		start, end, wide := firstDigits(body, sc.Span.Start)
		if start < 0 {
			continue
		}
		edits = append(edits, textEdit{start, end, digits(to, wide)})
	}
	if len(edits) == 0 {
		return body, nil
	}
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.WriteString(body[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(body[at:])
	return b.String(), edits
}

// firstDigits finds the first run of ASCII or full-width digits on the line
// starting at off.
func firstDigits(body string, off int) (start, end int, wide bool) {
	if off < 0 || off > len(body) {
		return -1, -1, false
	}
	line := body[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	start = -1
	for i, r := range line {
		d := r >= '0' && r <= '9' || r >= '０' && r <= '９'
		if d && start < 0 {
			start, wide = i, r >= '０'
		}
		if !d && start >= 0 {
			return off + start, off + i, wide
		}
	}
	if start < 0 {
		return -1, -1, false
	}
	return off + start, off + len(line), wide
}

// digits writes n in ASCII or full-width digits.
func digits(n int, wide bool) string {
	s := strconv.Itoa(n)
	if !wide {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r - '0' + '０')
	}
	return b.String()
}

// undoStructure puts back the project as it was before the last episode
// change.
func (u *UI) undoStructure() bool {
	n := len(u.undoStack)
	if n == 0 {
		return false
	}
	s := u.undoStack[n-1]
	u.undoStack = u.undoStack[:n-1]
	p := u.proj
	p.Episodes = s.episodes
	for e, b := range s.bodies {
		if e.Body != b {
			e.Body = b
			u.dirtyEps[e] = true
		}
	}
	p.Renumber()
	for _, e := range p.Episodes {
		parseEpisode(p, e, u.cast)
	}
	p.Provenance, p.Waivers, p.Tracks, p.Summaries = s.prov, s.waivers, s.tracks, s.sums
	u.badges = s.badges
	u.cur = nil
	u.structureChanged()
	if s.cur != nil && slices.Contains(p.Episodes, s.cur) {
		u.OpenEpisode(s.cur.Number)
	} else if len(p.Episodes) > 0 {
		u.OpenEpisode(p.Episodes[0].Number)
	} else {
		u.ed.show(nil)
	}
	return true
}
