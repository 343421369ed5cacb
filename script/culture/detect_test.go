package culture

import (
	"os"
	"sort"
	"strings"
	"testing"
)

// TestDetectionSet measures precision and recall on the labelled passages in
// testdata/detect.tsv (false friends included: 花儿 the flowers, 少林 in a
// name, 黄河 as a brand or street, 太极 as a figure of speech).
func TestDetectionSet(t *testing.T) {
	p, r, n := detectionScore(t, "testdata/detect.tsv")
	if n < 100 {
		t.Errorf("%d passages, want ≥ 100", n)
	}
	if p < 0.9 || r < 0.9 {
		t.Errorf("precision %.3f recall %.3f, want both ≥ 0.9", p, r)
	}
}

// TestDetectionHoldout scores passages that were never used to tune the
// data; its numbers are the honest estimate.
func TestDetectionHoldout(t *testing.T) {
	p, r, _ := detectionScore(t, "testdata/detect_holdout.tsv")
	if p < 0.8 || r < 0.8 {
		t.Errorf("precision %.3f recall %.3f on held-out passages, want both ≥ 0.8", p, r)
	}
}

func detectionScore(t *testing.T, file string) (precision, recall float64, passages int) {
	t.Helper()
	d := builtinT(t)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := d.Matcher()
	var tp, fp, fn int
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		passages++
		want := map[string]bool{}
		if len(f) > 1 {
			for _, id := range splitList(f[1]) {
				if d.Element(id) == nil {
					t.Errorf("label %s is not a dataset id", id)
				}
				want[id] = true
			}
		}
		var names []string
		if len(f) > 2 {
			names = splitList(f[2])
		}
		got := map[string]bool{}
		for _, h := range m.Find(f[0], names) {
			got[h.Element.ID] = true
		}
		var miss, extra []string
		for id := range want {
			if got[id] {
				tp++
			} else {
				fn++
				miss = append(miss, id)
			}
		}
		for id := range got {
			if !want[id] {
				fp++
				extra = append(extra, id)
			}
		}
		if len(miss)+len(extra) > 0 {
			sort.Strings(miss)
			sort.Strings(extra)
			t.Logf("%s: missed %v, extra %v", f[0], miss, extra)
		}
	}
	precision = float64(tp) / float64(tp+fp)
	recall = float64(tp) / float64(tp+fn)
	t.Logf("%s: %d passages: tp %d fp %d fn %d precision %.3f recall %.3f", file, passages, tp, fp, fn, precision, recall)
	return precision, recall, passages
}
