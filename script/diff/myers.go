package diff

// maxCost bounds the edit distance a single comparison explores; past it the
// remaining part is reported as replaced. It keeps the worst case (two long,
// wholly different texts) at a few tens of milliseconds.
const maxCost = 1500

// ops is the edit script: one Op per element of a (Equal or Delete) and of b
// (Equal or Insert), in order.
type ops []Op

// sequence computes a shortest edit script from a to b with Myers' O(ND)
// algorithm in linear space (divide at the middle snake).
func sequence[T comparable](a, b []T) ops {
	out := make(ops, 0, len(a)+len(b))
	return compare(a, b, out)
}

func compare[T comparable](a, b []T, out ops) ops {
	// Common prefix and suffix are equal runs.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for range pre {
		out = append(out, Equal)
	}
	a, b = a[pre:], b[pre:]
	suf := 0
	for suf < len(a) && suf < len(b) && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[:len(a)-suf], b[:len(b)-suf]
	switch {
	case len(a) == 0:
		for range b {
			out = append(out, Insert)
		}
	case len(b) == 0:
		for range a {
			out = append(out, Delete)
		}
	default:
		if x, y, ok := middleSnake(a, b); ok {
			out = compare(a[:x], b[:y], out)
			out = compare(a[x:], b[y:], out)
		} else {
			for range a {
				out = append(out, Delete)
			}
			for range b {
				out = append(out, Insert)
			}
		}
	}
	for range suf {
		out = append(out, Equal)
	}
	return out
}

// middleSnake finds a point (x, y) on a shortest path from (0,0) to
// (len(a), len(b)) by running the search from both ends until they meet
// (after Myers 1986 and diff-match-patch's bisect). ok is false when the
// distance exceeds maxCost.
func middleSnake[T comparable](a, b []T) (x, y int, ok bool) {
	n, m := len(a), len(b)
	maxD := min((n+m+1)/2, maxCost)
	off := maxD
	size := 2*maxD + 2 // k ± 1 stays within [0, size) for every d < maxD
	v1 := make([]int, size)
	v2 := make([]int, size)
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - m
	front := delta%2 != 0 // odd delta: the forward search detects the overlap
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[i-1] < v1[i+1]) {
				x1 = v1[i+1]
			} else {
				x1 = v1[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < m && a[x1] == b[y1] {
				x1++
				y1++
			}
			v1[i] = x1
			switch {
			case x1 > n:
				k1end += 2 // ran off the right
			case y1 > m:
				k1start += 2 // ran off the bottom
			case front:
				j := off + delta - k1
				if j >= 0 && j < size && v2[j] != -1 && x1 >= n-v2[j] {
					return x1, y1, true
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := off + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[i-1] < v2[i+1]) {
				x2 = v2[i+1]
			} else {
				x2 = v2[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < m && a[n-x2-1] == b[m-y2-1] {
				x2++
				y2++
			}
			v2[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				j := off + delta - k2
				if j >= 0 && j < size && v1[j] != -1 {
					x1 := v1[j]
					y1 := off + x1 - j
					if x1 >= n-x2 {
						return x1, y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
