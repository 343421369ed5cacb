package check

import (
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/format"
)

// A Fountain script has no 人物： lines and an English title is measured in
// words: neither is a finding.
func TestFountainNoCastOrTitleLengthAlarm(t *testing.T) {
	p, err := format.ParseFountain(assets.DemoFountain())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range eng.Check(p, Options{Lang: "en"}).Findings {
		if f.Rule == "CRAFT-CAST" || f.Rule == "TITLE-FORM" {
			t.Errorf("%s: %s", f.Rule, f.Message)
		}
	}
}
