package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// proseProject turns clean prose into one episode per file, a paragraph per
// action line, so every content rule sees it.
func proseProject(t *testing.T) (*script.Project, int) {
	t.Helper()
	files, err := filepath.Glob("testdata/prose/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no prose in testdata/prose")
	}
	p := &script.Project{Meta: script.Meta{Title: "clean"}}
	chars := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "第1集") {
			// A clean script in the Chinese format: check it as written.
			sp, err := format.ParseChinese(string(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, ep := range sp.Episodes {
				ep.Number = len(p.Episodes) + 1
				p.Episodes = append(p.Episodes, ep)
			}
			p.Characters = append(p.Characters, sp.Characters...)
			chars += hanCount(string(data))
			continue
		}
		var b strings.Builder
		b.WriteString(strconv.Itoa(len(p.Episodes)+1) + "-1 日 内 " + strings.TrimSuffix(filepath.Base(f), ".txt") + "\n")
		for _, para := range strings.Split(string(data), "\n") {
			if para = strings.TrimSpace(para); para != "" {
				b.WriteString("△" + para + "\n")
				chars += hanCount(para)
			}
		}
		ep := &script.Episode{Number: len(p.Episodes) + 1, Body: b.String()}
		format.ParseBody(ep, nil)
		p.Episodes = append(p.Episodes, ep)
	}
	return p, chars
}

// cultureProject makes the culture dataset's descriptions (factual prose
// about 非遗, festivals, foods, temples and legends) one action line each.
func cultureProject(t *testing.T) (*script.Project, int) {
	t.Helper()
	files, err := fs.Glob(assets.Culture(), "elements/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("1-1 日 内 文化\n")
	chars := 0
	for _, f := range files {
		data, _ := fs.ReadFile(assets.Culture(), f)
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			parts := strings.Split(line, "|")
			if len(parts) < 10 {
				continue
			}
			desc := strings.TrimSpace(parts[len(parts)-1])
			if desc != "" {
				b.WriteString("△" + desc + "\n")
				chars += hanCount(desc)
			}
		}
	}
	ep := &script.Episode{Number: 1, Body: b.String()}
	format.ParseBody(ep, nil)
	return &script.Project{Meta: script.Meta{Title: "culture"}, Episodes: []*script.Episode{ep}}, chars
}

// TestCleanProseFalseAlarms holds content false alarms on clean narrative
// text (the prose corpus written for this test, the demo series and the
// culture dataset's descriptions) to at most 0.5 per 10,000 characters.
func TestCleanProseFalseAlarms(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	count := func(name string, p *script.Project, chars int) int {
		n := 0
		for _, f := range contentFindings(e, p) {
			if slices.Contains(f.Tags, DisputedTag) {
				// A rule finding the model disputes is an info note that
				// says it is likely a false alarm (as script/check/eval
				// counts it): logged, not counted.
				t.Logf("%s: disputed note %s %q", name, f.Rule, f.Match)
				continue
			}
			t.Logf("%s: false alarm %s %q in %q", name, f.Rule, f.Match, f.Excerpt)
			n++
		}
		t.Logf("%s: %d characters, %d false alarms (%.2f per 10,000)", name, chars, n, float64(n)*10000/float64(max(chars, 1)))
		return n
	}
	prose, pc := proseProject(t)
	demo, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	dc := hanCount(assets.DemoScript())
	cult, cc := cultureProject(t)
	total := count("prose", prose, pc) + count("demo", demo, dc) + count("culture", cult, cc)
	chars := pc + dc + cc
	rate := float64(total) * 10000 / float64(chars)
	t.Logf("clean text: %d characters, %d false alarms, %.2f per 10,000 (public word lists: 13–315)", chars, total, rate)
	if rate > 0.5 {
		t.Errorf("%.2f false alarms per 10,000 characters > 0.5", rate)
	}
}
