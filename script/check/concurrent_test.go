package check

import (
	"sync"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/format"
)

// TestConcurrentChecks: one engine serves several checks at once (the app
// may start a new check before the last one ends).
func TestConcurrentChecks(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := format.ParseChinese(assets.DemoScript() + "\n第13集：尾声\n13-1 日 内 戏台\n人物：林秋禾\n△林秋禾甩出一張黑卡：今天全場我買單。\n")
			if err != nil {
				t.Error(err)
				return
			}
			r := e.Check(p, Options{Lang: "zh", Now: testNow})
			if !hasRule(r.Findings, "MONEY-02") {
				t.Error("traditional-character text not matched")
			}
		}()
	}
	wg.Wait()
}
