package check

import (
	"slices"
	"strings"
)

// automaton is a byte-level Aho–Corasick automaton over the rules' terms,
// built for this engine because the generic library spent 10–15 ms per
// rule set building sparse states one memmove at a time. Building it here
// takes one sort and two linear passes; it reports exactly what the
// library's overlapping iterator with standard semantics reported: every
// occurrence of every pattern, by end position, and at one end position
// the longest pattern first (automaton_test.go compares the two).
type automaton struct {
	root  [256]int32 // transitions of the start state (0: stay at the root)
	first []int32    // state s's edges are labels/next[first[s]:first[s+1]]
	label []byte
	next  []int32
	fail  []int32 // longest proper suffix that is a state
	out   []int32 // pattern ending at this state, or -1
	dict  []int32 // nearest state on the fail chain with an output, or 0
	plen  []int32 // pattern lengths
	// States with many edges (after a UTF-8 lead byte, up to 64) have a
	// dense row too: wide[s] indexes rows, or is -1.
	wide []int32
	rows [][256]int32 // 0: no edge (the root is nobody's child)
}

// wideEdges is the edge count from which a state gets a dense row.
const wideEdges = 6

// newAutomaton builds the automaton of pats (distinct, non-empty).
func newAutomaton(pats []string) *automaton {
	a := &automaton{plen: make([]int32, len(pats))}
	order := make([]int32, len(pats))
	size := 1
	for i, p := range pats {
		order[i] = int32(i)
		a.plen[i] = int32(len(p))
		size += len(p)
	}
	// Inserting the patterns in sorted order creates every state's
	// children in ascending byte order and lets each pattern reuse the
	// path of the previous one up to their common prefix.
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(pats[x], pats[y]) })
	parent := make([]int32, 1, size)
	by := make([]byte, 1, size)
	a.out = make([]int32, 1, size)
	a.out[0] = -1
	path := make([]int32, 1, 64) // path[d] is the state at depth d of the previous pattern
	prev := ""
	for _, pi := range order {
		p := pats[pi]
		lcp := 0
		for lcp < len(p) && lcp < len(prev) && p[lcp] == prev[lcp] {
			lcp++
		}
		path = path[:lcp+1]
		for d := lcp; d < len(p); d++ {
			s := int32(len(parent))
			parent = append(parent, path[d])
			by = append(by, p[d])
			a.out = append(a.out, -1)
			path = append(path, s)
		}
		a.out[path[len(p)]] = pi
		prev = p
	}
	n := len(parent)
	// Edges in compressed rows: states were created depth-first, so a
	// parent's children appear in ascending byte order.
	a.first = make([]int32, n+1)
	for s := 1; s < n; s++ {
		a.first[parent[s]+1]++
	}
	for s := 0; s < n; s++ {
		a.first[s+1] += a.first[s]
	}
	a.label = make([]byte, n-1)
	a.next = make([]int32, n-1)
	fill := slices.Clone(a.first[:n])
	for s := 1; s < n; s++ {
		i := fill[parent[s]]
		fill[parent[s]]++
		a.label[i], a.next[i] = by[s], int32(s)
		if parent[s] == 0 {
			a.root[by[s]] = int32(s)
		}
	}
	a.wide = make([]int32, n)
	for s := range n {
		a.wide[s] = -1
		if lo, hi := a.first[s], a.first[s+1]; s > 0 && hi-lo >= wideEdges {
			a.wide[s] = int32(len(a.rows))
			var row [256]int32
			for i := lo; i < hi; i++ {
				row[a.label[i]] = a.next[i]
			}
			a.rows = append(a.rows, row)
		}
	}
	// Failure and dictionary links, breadth first.
	a.fail = make([]int32, n)
	a.dict = make([]int32, n)
	queue := make([]int32, 0, n)
	for i := a.first[0]; i < a.first[1]; i++ {
		queue = append(queue, a.next[i])
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for i := a.first[s]; i < a.first[s+1]; i++ {
			c, t := a.label[i], a.next[i]
			queue = append(queue, t)
			f := a.fail[s]
			for {
				if f == 0 {
					f = a.root[c]
					break
				}
				if g := a.edge(f, c); g >= 0 {
					f = g
					break
				}
				f = a.fail[f]
			}
			a.fail[t] = f
			if a.out[f] >= 0 {
				a.dict[t] = f
			} else {
				a.dict[t] = a.dict[f]
			}
		}
	}
	return a
}

// edge is the transition of state s on c, or -1.
func (a *automaton) edge(s int32, c byte) int32 {
	if w := a.wide[s]; w >= 0 {
		if t := a.rows[w][c]; t != 0 {
			return t
		}
		return -1
	}
	lo, hi := a.first[s], a.first[s+1]
	for i := lo; i < hi; i++ {
		if a.label[i] == c {
			return a.next[i]
		}
	}
	return -1
}

// each calls fn for every occurrence of every pattern in text, in the
// library's order (see automaton).
func (a *automaton) each(text []byte, fn func(pat, start, end int)) {
	var s int32
	for i, c := range text {
		for {
			if s == 0 {
				s = a.root[c]
				break
			}
			if t := a.edge(s, c); t >= 0 {
				s = t
				break
			}
			s = a.fail[s]
		}
		if s == 0 {
			continue
		}
		o := s
		if a.out[o] < 0 {
			o = a.dict[o]
		}
		for o != 0 {
			p := a.out[o]
			fn(int(p), i+1-int(a.plen[p]), i+1)
			o = a.dict[o]
		}
	}
}
