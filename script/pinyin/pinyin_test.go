package pinyin

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

var update = flag.Bool("update", false, "rewrite pinyin.dat from go-pinyin's data")

// reference is go-pinyin's answer: the first reading without tones.
func reference(r rune) string {
	py := gopinyin.SinglePinyin(r, gopinyin.NewArgs())
	if len(py) == 0 {
		return ""
	}
	return py[0]
}

func render() []byte {
	runes := make([]int, 0, len(gopinyin.PinyinDict))
	for r := range gopinyin.PinyinDict {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	index := map[string]int{}
	var names []string
	var entries []byte
	for _, r := range runes {
		py := reference(rune(r))
		if py == "" {
			continue
		}
		i, ok := index[py]
		if !ok {
			i = len(names)
			index[py] = i
			names = append(names, py)
		}
		entries = append(entries, byte(r>>16), byte(r>>8), byte(r), byte(i>>8), byte(i))
	}
	return append([]byte(strings.Join(names, ",")+"\n"), entries...)
}

// TestTable: pinyin.dat is what go-pinyin's data gives today, and
// Syllable agrees with go-pinyin for every character go-pinyin knows.
func TestTable(t *testing.T) {
	want := render()
	if *update {
		if err := os.WriteFile("pinyin.dat", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("pinyin.dat")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("pinyin.dat differs from go-pinyin's data: run `go generate ./script/pinyin`")
	}
	args := gopinyin.NewArgs()
	args.Style = gopinyin.FirstLetter
	n := 0
	for r := range gopinyin.PinyinDict {
		if got, want := Syllable(rune(r)), reference(rune(r)); got != want {
			t.Fatalf("%c U+%04X: %q, go-pinyin %q", r, r, got, want)
		}
		if got, want := Initials(string(rune(r))), strings.Join(gopinyin.LazyPinyin(string(rune(r)), args), ""); got != want {
			t.Fatalf("%c U+%04X: initial %q, go-pinyin %q", r, r, got, want)
		}
		n++
	}
	if n < 40000 {
		t.Fatalf("only %d characters", n)
	}
}

func TestSyllable(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want string
	}{
		{'张', "zhang"}, {'绿', "lv"}, {'〇', "ling"}, {'中', "zhong"}, {'行', "xing"},
		{'a', ""}, {'，', ""}, {'😀', ""}, {0, ""}, {0x10FFFF, ""},
	} {
		if got := Syllable(tc.r); got != tc.want {
			t.Errorf("Syllable(%q) = %q, want %q", tc.r, got, tc.want)
		}
		if got := reference(tc.r); got != tc.want {
			t.Errorf("go-pinyin gives %q for %q, the test wants %q", got, tc.r, tc.want)
		}
	}
}

// TestInitials agrees with go-pinyin's LazyPinyin in FirstLetter style,
// which the culture search used.
func TestInitials(t *testing.T) {
	args := gopinyin.NewArgs()
	args.Style = gopinyin.FirstLetter
	for _, s := range []string{"烩面", "河南坠子", "昆曲（南昆）", "Peking 京剧", "", "〇", "𠀀字"} {
		want := strings.Join(gopinyin.LazyPinyin(s, args), "")
		if got := Initials(s); got != want {
			t.Errorf("Initials(%q) = %q, go-pinyin %q", s, got, want)
		}
	}
}
