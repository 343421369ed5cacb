package assets_test

import (
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/stats"
)

// The demo is what a first run shows and what many tests use: keep it a
// well-formed, complete series.
func TestDemoSeries(t *testing.T) {
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title != "梆子声声" || len(p.Episodes) < 12 {
		t.Fatalf("title %q, %d episodes", p.Meta.Title, len(p.Episodes))
	}
	if len(p.Glossary) < 5 {
		t.Errorf("glossary has %d entries", len(p.Glossary))
	}
	minors := 0
	for _, c := range p.Characters {
		if c.Age == 0 {
			t.Errorf("character %s has no age", c.Name)
		}
		if c.Minor() {
			minors++
		}
	}
	if minors == 0 {
		t.Error("the demo should include a minor in family scenes")
	}
	cast := map[string]bool{}
	for _, n := range p.CastNames() {
		cast[n] = true
	}
	paywall := 0
	set := p.Settings.Effective()
	for _, e := range p.Episodes {
		st := stats.ForEpisode(e, set)
		if st.Scenes == 0 || len(st.Speakers) == 0 {
			t.Errorf("episode %d: %d scenes, %d speakers", e.Number, st.Scenes, len(st.Speakers))
		}
		if st.Seconds < float64(set.TargetMinSecs) || st.Seconds > float64(set.TargetMaxSecs) {
			t.Errorf("episode %d: %.0f s outside %d–%d", e.Number, st.Seconds, set.TargetMinSecs, set.TargetMaxSecs)
		}
		last := lastMarker(e)
		if last != script.MarkerCliff {
			t.Errorf("episode %d does not end on a cliffhanger (last marker %q)", e.Number, last)
		}
		for _, sc := range e.Scenes {
			if sc.Number == "" || sc.Time == "" || sc.IntExt == "" || sc.Location == "" {
				t.Errorf("episode %d: incomplete heading %q", e.Number, sc.Heading)
			}
			for _, l := range sc.Lines {
				if l.Kind == script.LineDialogue && !cast[l.Speaker] {
					t.Errorf("episode %d: speaker %s not in the cast", e.Number, l.Speaker)
				}
				if l.Kind == script.LineMarker && l.Marker == script.MarkerPaywall {
					paywall = e.Number
				}
			}
		}
	}
	if paywall < set.PaywallFrom || paywall > set.PaywallTo {
		t.Errorf("paywall at episode %d, want %d–%d", paywall, set.PaywallFrom, set.PaywallTo)
	}
}

func lastMarker(e *script.Episode) script.Marker {
	var m script.Marker
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			if l.Kind == script.LineMarker {
				m = l.Marker
			}
		}
	}
	return m
}
