package cultureview

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/culture"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"
)

type fakeHost = docktest.Host

func newHost(t *testing.T) *fakeHost {
	t.Helper()
	i18n.SetLang(i18n.En)
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	h := docktest.New(t, p)
	h.BadgeSource = "culture"
	return h
}

func TestSearchAddToPlanAndInsert(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	test.Type(p.search, "水席")
	if len(p.results) == 0 || p.results[0].ID != "41-shuixi" {
		t.Fatalf("results %v", p.results)
	}
	p.list.Select(0)
	if p.card.Title != "洛阳水席" || !strings.Contains(p.card.Subtitle, "Banquet") {
		t.Fatalf("card %q %q", p.card.Title, p.card.Subtitle)
	}
	before := len(h.Proj.Culture.Planned) // the demo plans its own elements
	test.Tap(p.addBtn)
	if len(h.Proj.Culture.Planned) != before+1 || h.Proj.Culture.Planned[before] != "41-shuixi" || h.Changes() == 0 {
		t.Fatalf("plan %v changed %d", h.Proj.Culture.Planned, h.Changes())
	}
	found := false
	for _, g := range h.Proj.Glossary {
		if g.Source == "culture:41-shuixi" && g.Render["en"] == "Luoyang Water Banquet" {
			found = true
		}
	}
	if !found {
		t.Errorf("glossary not updated: %+v", h.Proj.Glossary)
	}
	if p.addBtn.Text != i18n.T("culture.remove") {
		t.Errorf("button says %q after adding", p.addBtn.Text)
	}
	test.Tap(p.insBtn)
	if h.Inserted != "洛阳水席" {
		t.Errorf("inserted %q", h.Inserted)
	}
	// A term the writer already rendered keeps the writer's rendering.
	p.search.SetText("烩面")
	p.list.Select(0)
	test.Tap(p.addBtn)
	for _, g := range h.Proj.Glossary {
		if g.Term == "烩面" && g.Render["en"] != "Huimian (stewed noodles)" {
			t.Errorf("writer's rendering replaced: %+v", g)
		}
	}
	test.Tap(p.addBtn)
	p.search.SetText("水席")
	p.list.Select(0)
	test.Tap(p.addBtn)
	if len(h.Proj.Culture.Planned) != before || slices.Contains(h.Proj.Culture.Planned, "41-shuixi") {
		t.Errorf("not removed: %v", h.Proj.Culture.Planned)
	}
}

func TestFiltersByRegionAndType(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	labels, codes := p.regionOptions()
	if len(labels) != 35 {
		t.Fatalf("%d region options", len(labels))
	}
	for i, c := range codes {
		if c == "410000" {
			p.region.SetSelectedIndex(i)
		}
	}
	p.kind.SetSelectedIndex(3) // food
	if len(p.results) < 10 {
		t.Fatalf("%d Henan foods", len(p.results))
	}
	for _, e := range p.results {
		if e.Type != "food" || e.Province() != "410000" {
			t.Errorf("filter leak: %s", e.ID)
		}
	}
}

func TestCoverageGridBadgesAndJump(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	if len(h.Badges) == 0 || h.Badges[1] == "" {
		t.Fatalf("no culture badges: %v", h.Badges)
	}
	// The badge speaks the UI language (English here): no Chinese in it.
	for n, b := range h.Badges {
		if strings.ContainsFunc(b, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("episode %d: culture badge %q in the English UI", n, b)
		}
	}
	rows, cols := p.cov.size()
	if cols != len(h.Proj.Episodes) || rows < 2 {
		t.Fatalf("grid %d×%d", rows, cols)
	}
	// Find 豫剧 in the grid and jump to its first use.
	for r := 0; r < rows-1; r++ {
		if p.coverage.Elements[r].ID != "41-yuju" {
			continue
		}
		for c := 0; c < cols; c++ {
			if p.cov.cell(r, c) != "" {
				p.cov.jump(r, c)
				n, s, e := h.Sel[0], h.Sel[1], h.Sel[2]
				body := h.Proj.Episode(n).Body
				if got := body[s:e]; !strings.Contains("豫剧梆子", got) {
					t.Errorf("jumped to %q", got)
				}
				return
			}
		}
	}
	t.Fatal("豫剧 not in the grid")
}

func TestEpisodeSuppressAndOverride(t *testing.T) {
	h := newHost(t)
	p := newPanel(h)
	h.Win.SetContent(p.Content())
	if len(p.ep.rows) == 0 {
		t.Fatal("no hits in episode 1")
	}
	first := p.ep.rows[0]
	p.ep.list.Select(0)
	if h.Sel != [3]int{first.Episode, first.Start, first.End} {
		t.Errorf("selection %v", h.Sel)
	}
	target := culture.DepthPlot
	if first.Depth == culture.DepthPlot {
		target = culture.DepthMention
	}
	p.ep.depth.SetSelected(culture.DepthName(target, "en"))
	if h.Proj.Culture.DepthOverride[first.Key()] != target {
		t.Fatalf("override %v", h.Proj.Culture.DepthOverride)
	}
	for _, x := range p.hits {
		if x.Key() == first.Key() && x.Depth != target {
			t.Errorf("depth %s after override", x.Depth)
		}
	}
	p.ep.list.Select(0)
	test.Tap(p.ep.suppress)
	for _, x := range p.hits {
		if x.Key() == first.Key() {
			t.Error("suppressed hit still listed")
		}
	}
	if h.Changes() < 2 {
		t.Errorf("changed %d", h.Changes())
	}
}
