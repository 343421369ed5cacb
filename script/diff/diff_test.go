package diff

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLines(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // one "op text" per line, Changed as [start,end)
	}{
		{name: "equal", old: "甲\n乙\n", new: "甲\n乙\n", want: "  甲|  乙"},
		{name: "both empty", old: "", new: "", want: ""},
		{name: "all new", old: "", new: "△林晚推门进来。\n", want: "+ △林晚推门进来。"},
		{name: "all gone", old: "△林晚推门进来。", new: "", want: "- △林晚推门进来。"},
		{name: "insert in middle", old: "1-1 日 内 客厅\n△林晚推门进来。\n",
			new:  "1-1 日 内 客厅\n人物：林晚、顾言\n△林晚推门进来。\n",
			want: "  1-1 日 内 客厅|+ 人物：林晚、顾言|  △林晚推门进来。"},
		{name: "edited line marks characters", old: "林晚：（冷笑）你也配？\n", new: "林晚：（冷笑）你凭什么？\n",
			want: "- 林晚：（冷笑）你也配？ [8,10)|+ 林晚：（冷笑）你凭什么？ [8,11)"},
		{name: "different lines are not paired", old: "△雨。\n", new: "顾言：走吧。\n",
			want: "- △雨。|+ 顾言：走吧。"},
		{name: "block: deletes before inserts", old: "a\n甲一\n乙二\nz\n", new: "a\n甲一改\n乙二改\nz\n",
			want: "  a|- 甲一|- 乙二|+ 甲一改 [2,3)|+ 乙二改 [2,3)|  z"},
		{name: "no final newline is not a change", old: "甲", new: "甲\n", want: "  甲"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range Lines(tt.old, tt.new) {
				s := l.Op.String() + " " + l.Text
				for _, r := range l.Changed {
					s += " [" + itoa(r.Start) + "," + itoa(r.End) + ")"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("\ngot  %s\nwant %s", g, tt.want)
			}
			checkLines(t, tt.old, tt.new, Lines(tt.old, tt.new))
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLineNumbers(t *testing.T) {
	ls := Lines("a\nb\nc\n", "a\nx\nc\nd\n")
	want := []Line{
		{Op: Equal, Old: 1, New: 1, Text: "a"},
		{Op: Delete, Old: 2, Text: "b"},
		{Op: Insert, New: 2, Text: "x"},
		{Op: Equal, Old: 3, New: 3, Text: "c"},
		{Op: Insert, New: 4, Text: "d"},
	}
	if !reflect.DeepEqual(ls, want) {
		t.Fatalf("got %+v", ls)
	}
	if a, d := Stats(ls); a != 2 || d != 1 {
		t.Fatalf("stats %d %d", a, d)
	}
}

func TestChars(t *testing.T) {
	del, ins, common := Chars("开封鼓楼夜市", "开封西司夜市")
	if !reflect.DeepEqual(del, []Range{{2, 4}}) || !reflect.DeepEqual(ins, []Range{{2, 4}}) || common != 4 {
		t.Fatalf("del %v ins %v common %d", del, ins, common)
	}
	// A single stranded equal rune is folded into the change.
	del, ins, _ = Chars("甲乙丙丁", "子乙丑丁")
	if !reflect.DeepEqual(del, []Range{{0, 3}}) || !reflect.DeepEqual(ins, []Range{{0, 3}}) {
		t.Fatalf("cleanup: del %v ins %v", del, ins)
	}
}

func TestUnifiedMatchesGNUDiff(t *testing.T) {
	diffBin, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("no diff(1)")
	}
	dir := t.TempDir()
	var oldB, newB strings.Builder
	for i := 1; i <= 40; i++ {
		line := "△第" + itoa(i) + "行，林晚推门进来。\n"
		oldB.WriteString(line)
		switch {
		case i == 1:
			newB.WriteString("人物：林晚、顾言\n" + line)
		case i == 12:
			newB.WriteString("△第12行，顾言转身离开。\n")
		case i == 15:
		case i == 30:
			newB.WriteString(line + "【卡点】\n")
		default:
			newB.WriteString(line)
		}
	}
	for _, ctx := range []int{0, 1, 3} {
		oldPath, newPath := filepath.Join(dir, "old"), filepath.Join(dir, "new")
		os.WriteFile(oldPath, []byte(oldB.String()), 0o644)
		os.WriteFile(newPath, []byte(newB.String()), 0o644)
		want, _ := exec.Command(diffBin, "-U"+itoa(ctx), "--label", "old", "--label", "new", oldPath, newPath).Output()
		got := Unified(Lines(oldB.String(), newB.String()), "old", "new", ctx)
		if got != string(want) {
			t.Errorf("context %d:\ngot\n%s\nwant\n%s", ctx, got, want)
		}
	}
	if Unified(Lines("甲\n", "甲\n"), "a", "b", 3) != "" {
		t.Error("no changes should render nothing")
	}
}

// checkLines verifies a diff rebuilds both texts and is well formed.
func checkLines(t *testing.T, old, new string, ls []Line) {
	t.Helper()
	var a, b []string
	oi, ni := 0, 0
	for _, l := range ls {
		if l.Op != Insert {
			a = append(a, l.Text)
			oi++
			if l.Old != oi {
				t.Fatalf("old line number %d, want %d", l.Old, oi)
			}
		}
		if l.Op != Delete {
			b = append(b, l.Text)
			ni++
			if l.New != ni {
				t.Fatalf("new line number %d, want %d", l.New, ni)
			}
		}
		n := utf8.RuneCountInString(l.Text)
		last := -1
		for _, r := range l.Changed {
			if l.Op == Equal || r.Start <= last || r.Start >= r.End || r.End > n {
				t.Fatalf("bad range %v in %+v", r, l)
			}
			last = r.End
		}
	}
	if !reflect.DeepEqual(a, splitLines(old)) || !reflect.DeepEqual(b, splitLines(new)) {
		t.Fatalf("diff does not rebuild the texts")
	}
}

func FuzzLines(f *testing.F) {
	f.Add("1-1 日 内 客厅\n△林晚推门进来。\n林晚：（冷笑）你也配？\n", "1-1 夜 内 客厅\n林晚：（冷笑）你凭什么？\n【卡点】\n")
	f.Add("a\nb\nc\na\nb\n", "b\na\nc\nb\n")
	f.Add("", "\n\n")
	f.Add("\xff\xfe", "\xff")
	f.Fuzz(func(t *testing.T, old, new string) {
		ls := Lines(old, new)
		checkLines(t, old, new, ls)
		Unified(ls, "a", "b", 3)
		del, ins, common := Chars(old, new)
		if common > utf8.RuneCountInString(old) || common > utf8.RuneCountInString(new) {
			t.Fatalf("common %d", common)
		}
		_ = del
		_ = ins
	})
}
