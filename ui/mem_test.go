package ui

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// TestMemory100 reports the live Go heap with a 100-episode series open
// and every view shown once, and how long the board takes to build:
//
//	DUANJU_MEM=1 [DUANJU_MEMPROFILE=heap.out] go test -tags ci -run Memory100 -v ./ui
func TestMemory100(t *testing.T) {
	if os.Getenv("DUANJU_MEM") == "" {
		t.Skip("set DUANJU_MEM=1")
	}
	p, err := format.ParseChinese(formattest.GenerateSeries(100, 1500))
	if err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t))
	u.Load(p, newMemFile(), "")
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	for i := range 4 {
		start := time.Now()
		u.center.SelectIndex(i)
		t.Logf("tab %d shown in %v", i, time.Since(start).Round(time.Millisecond))
	}
	u.center.SelectIndex(0)
	u.saver.Stop()
	u.notifier.Stop()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("live heap with 100 episodes open: %.1f MB (sys %.1f MB)", float64(m.HeapInuse)/(1<<20), float64(m.Sys)/(1<<20))
	if f := os.Getenv("DUANJU_MEMPROFILE"); f != "" {
		w, _ := os.Create(f)
		pprof.WriteHeapProfile(w)
		w.Close()
	}
}
