package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// BenchmarkKeystroke3000 types one character into a 3,000-character
// episode: the Entry's own work plus re-parse, stats and navigator row.
// (Test driver: layout and text measuring without GL painting; test.Type
// would also re-focus the Entry on every call, which a key press does not.)
func BenchmarkKeystroke3000(b *testing.B) {
	p, err := format.ParseChinese(formattest.GenerateSeries(3, 3000))
	if err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	u := New(a)
	u.Load(p, newMemFile(), "")
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	b.Cleanup(func() { u.saver.Stop(); u.notifier.Stop() })
	u.OpenEpisode(2)
	if n := len([]rune(u.cur.Body)); n < 2500 {
		b.Fatalf("episode has %d characters", n)
	}
	u.ed.entry.moveTo(len([]rune(u.cur.Body)) / 2)
	u.win.Canvas().Focus(u.ed.entry)
	b.ResetTimer()
	for b.Loop() {
		u.ed.entry.TypedRune('字') // what the driver calls for a key press
	}
}

// BenchmarkLoad100 opens a generated 100-episode series in the shell.
func BenchmarkLoad100(b *testing.B) {
	text := formattest.GenerateSeries(100, 1500)
	a := test.NewTempApp(b)
	u := New(a)
	u.win.Resize(fyne.NewSize(1280, 800))
	b.Cleanup(func() { u.saver.Stop(); u.notifier.Stop() })
	for b.Loop() {
		p, _ := format.ParseChinese(text)
		u.Load(p, newMemFile(), "")
	}
	if !strings.Contains(u.nav.header.Text, "100") {
		b.Errorf("header %q", u.nav.header.Text)
	}
}
