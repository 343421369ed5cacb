package check

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// TestSpecialSubjectAggregate: police words in one episode are background;
// recurring through the series they suggest the 公安 subject, until the
// Bible declares it.
func TestSpecialSubjectAggregate(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(n int) *script.Project {
		p := &script.Project{Meta: script.Meta{Title: "街角"}, Characters: testCast}
		for i := 1; i <= n; i++ {
			ep := &script.Episode{Number: i, Body: "1-1 日 内 派出所\n人物：林晚\n△民警把老人送回家。\n△警察和民警在派出所门口交接班，警车停在一旁。\n"}
			format.ParseBody(ep, p.CastNames())
			p.Episodes = append(p.Episodes, ep)
		}
		return p
	}
	count := func(p *script.Project) int {
		n := 0
		for _, f := range e.Check(p, Options{Lang: "zh", Now: testNow}).Findings {
			if f.Rule == "SENS-POLICE" {
				n++
				if !strings.Contains(f.Message, "公安") {
					t.Errorf("message: %s", f.Message)
				}
			}
		}
		return n
	}
	if n := count(mk(1)); n != 0 {
		t.Errorf("one episode: %d findings", n)
	}
	p := mk(4)
	if n := count(p); n != 1 {
		t.Errorf("four episodes: %d findings, want 1", n)
	}
	p.Meta.SpecialSubjects = []string{"公安"}
	if n := count(p); n != 0 {
		t.Errorf("declared subject still reported: %d", n)
	}
}

// TestAIProvenance: unedited AI text is a blocker until labelling is on;
// edited text is no longer AI text.
func TestAIProvenance(t *testing.T) {
	e, _ := Default()
	body := "1-1 日 内 客厅\n人物：林晚\n△林晚推开窗，看见楼下的梧桐叶落了一地。\n"
	ai := "林晚推开窗，看见楼下的梧桐叶落了一地。"
	start := strings.Index(body, ai)
	p := &script.Project{Meta: script.Meta{Title: "秋"}, Characters: testCast}
	ep := &script.Episode{Number: 1, Body: body}
	format.ParseBody(ep, p.CastNames())
	p.Episodes = []*script.Episode{ep}
	p.Provenance = []script.Provenance{{Episode: 1, Start: start, End: start + len(ai), Model: "deepseek-chat", Text: ai}}
	has := func() bool {
		for _, f := range e.Check(p, Options{Lang: "zh", Now: testNow}).Findings {
			if f.Rule == "AI-01" {
				if body[f.Start:f.End] != ai || f.Severity != Blocker {
					t.Errorf("AI-01 at %q %s", body[f.Start:f.End], f.Severity)
				}
				return true
			}
		}
		return false
	}
	if !has() {
		t.Fatal("unlabelled AI text not reported")
	}
	p.Settings.LabelAIContent = true
	if has() {
		t.Error("reported though labelling is on")
	}
	p.Settings.LabelAIContent = false
	p.Provenance[0].Text = "林晚推开窗。"
	if has() {
		t.Error("reported though a person edited the text")
	}
}

// TestWaiverReopens: a waiver covers its finding until the text under it
// changes; then the finding is open again and the waiver is stale.
func TestWaiverReopens(t *testing.T) {
	e, _ := Default()
	p := snippetProject("林晚：我要让他们血债血偿！", ScopeAction)
	r := e.Check(p, Options{Lang: "zh", Now: testNow})
	var f Finding
	for _, x := range r.Findings {
		if x.Rule == "VIO-01" {
			f = x
		}
	}
	if f.Rule == "" {
		t.Fatal("no VIO-01")
	}
	Waive(p, f, "后文交给法律", "编剧", testNow)
	r = e.Check(p, Options{Lang: "zh", Now: testNow})
	if r.Fails(High) || r.Summary.Waived != 1 || r.Waivers[0].Stale {
		t.Fatalf("waiver not applied: %+v", r.Summary)
	}
	ep := p.Episodes[0]
	ep.Body = strings.Replace(ep.Body, "血债血偿！", "血债血偿，一个都别想跑！", 1)
	format.ParseBody(ep, p.CastNames())
	r = e.Check(p, Options{Lang: "zh", Now: testNow})
	if !r.Fails(High) || !r.Waivers[0].Stale {
		t.Errorf("edit did not re-open the finding: %+v %+v", r.Summary, r.Waivers)
	}
	if n := DropStale(p, r); n != 1 || len(p.Waivers) != 0 {
		t.Errorf("DropStale removed %d", n)
	}
}
