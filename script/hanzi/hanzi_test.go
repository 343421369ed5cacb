package hanzi

import "testing"

func TestInGB2312(t *testing.T) {
	for r, want := range map[rune]bool{'中': true, '剧': true, '劇': false, '喆': false, 'a': false, '，': false} {
		if got := InGB2312(r); got != want {
			t.Errorf("InGB2312(%q) = %v", r, got)
		}
	}
}

func TestSimplify(t *testing.T) {
	if got := string(Simplify([]rune("豫劇團的霸總"))); got != "豫剧团的霸总" {
		t.Errorf("Simplify = %q", got)
	}
	if got := SimplifyRune('總'); got != '总' {
		t.Errorf("SimplifyRune = %q", got)
	}
	// Rune count is kept so offsets map back to the original.
	in := []rune("頭髮與發展")
	if out := Simplify(in); len(out) != len(in) {
		t.Errorf("rune count changed: %q", string(out))
	}
}
