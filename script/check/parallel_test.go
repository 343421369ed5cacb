package check

import (
	"testing"

	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// TestParallelCheckSameAsSerial: Check's workers give the findings, in the
// same order, that checking the episodes one by one gives.
func TestParallelCheckSameAsSerial(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := format.ParseChinese(formattest.GenerateSeries(40, 800) + "\n第41集：尾声\n41-1 日 内 戏台\n人物：林秋禾\n△林秋禾甩出一張黑卡：今天全場我買單。\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, readers := range []Readers{ReadAll, ReadRules, ReadModel} {
		o := Options{Lang: "zh", Now: testNow, Readers: readers}
		eps := make([]EpisodeResult, len(p.Episodes))
		for i, ep := range p.Episodes {
			eps[i] = e.CheckEpisode(p, ep, o)
		}
		want := findingLines(e.Assemble(p, o, eps))
		for range 3 {
			if got := findingLines(e.Check(p, o)); got != want {
				t.Fatalf("readers %d: parallel check differs:\n got %s\nwant %s", readers, got, want)
			}
		}
		if want == "" {
			t.Fatalf("readers %d: no findings to compare", readers)
		}
	}
}
