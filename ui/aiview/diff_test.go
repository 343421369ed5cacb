package aiview

import (
	"strings"
	"testing"
)

func rebuild(ops []op) (string, string) {
	var a, b strings.Builder
	for _, o := range ops {
		if o.kind != '+' {
			a.WriteString(o.text)
		}
		if o.kind != '-' {
			b.WriteString(o.text)
		}
	}
	return a.String(), b.String()
}

func TestDiff(t *testing.T) {
	ops := diff("周母：（冷笑）你还有脸回来？", "周母：（迟疑）你回来了。")
	a, b := rebuild(ops)
	if a != "周母：（冷笑）你还有脸回来？" || b != "周母：（迟疑）你回来了。" {
		t.Fatal(a, b)
	}
	if ops[0].kind != '=' || ops[0].text != "周母：（" {
		t.Fatalf("%+v", ops)
	}
}

// FuzzDiff: the diff always rebuilds both texts.
func FuzzDiff(f *testing.F) {
	f.Add("林晚：走。", "林晚：（低声）走吧。")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 3000 || len(b) > 3000 {
			return
		}
		x, y := rebuild(diff(a, b))
		if x != a || y != b {
			t.Fatalf("%q %q → %q %q", a, b, x, y)
		}
	})
}
