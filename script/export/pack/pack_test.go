package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/export"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/subtitle"
)

var now = time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)

func demo(t testing.TB) *script.Project {
	t.Helper()
	p, err := format.ParseChinese(assets.DemoScript())
	if err != nil {
		t.Fatal(err)
	}
	p.Meta.BudgetWan = 45
	return p
}

func fakeChecker(ctx context.Context, p *script.Project) (*CheckReport, error) {
	return &CheckReport{Tier: Tier{TierOther, "test"}, HTML: []byte("<html>report</html>"), JSON: []byte(`{"findings":[]}`),
		Open: map[int][]string{3: {"low craft test"}}}, nil
}

func TestBuildManifestVerifies(t *testing.T) {
	p := demo(t)
	prof, err := subtitle.Resolve("zh-Hans", "")
	if err != nil {
		t.Fatal(err)
	}
	tr := subtitle.Generate(p, p.Episodes[0], prof)
	st, err := tr.ToProject("zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	p.Tracks = append(p.Tracks, st)
	var steps []int
	var buf bytes.Buffer
	o := Options{Checker: fakeChecker}
	o.Now = now
	o.Progress = func(done, total int) { steps = append(steps, done) }
	res, err := Build(context.Background(), p, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	man, err := Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if man.Version == "" || man.Created != "2026-11-29T08:00:00Z" || len(man.Files) != len(res.Manifest.Files) {
		t.Fatalf("manifest: %+v", man)
	}
	have := map[string]bool{}
	for _, f := range man.Files {
		have[f.Path] = true
	}
	for _, want := range []string{"script/script.pdf", "script/script.docx", "script/script.fdx", "script/script.txt", "filing/synopsis.txt", "filing/episodes.csv",
		"filing/breakdown.csv", "filing/cost-report-template.docx", "filing/actor-fee-pledge-template.docx",
		"filing/script-pledge-template.docx", "check/self-check.html", "check/self-check.json", "culture/coverage.json",
		"subtitles/梆子声声 - 第1集.zh-Hans.srt"} {
		if !have[want] {
			t.Errorf("%s missing from the package", want)
		}
	}
	if len(steps) == 0 || steps[len(steps)-1] != Steps {
		t.Errorf("progress %v", steps)
	}
	// A changed byte breaks verification.
	bad := rezip(t, buf.Bytes(), "check/self-check.html", []byte("<html>REPORT</html>"))
	if _, err := Verify(bytes.NewReader(bad), int64(len(bad))); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("tampered package: %v", err)
	}
}

func TestIncompleteNotWritten(t *testing.T) {
	p := demo(t)
	p.Meta.Synopsis = strings.Repeat("长", 250)
	dir := t.TempDir()
	path := filepath.Join(dir, "pkg.zip")
	o := Options{Checker: fakeChecker}
	res, err := WriteFile(context.Background(), p, path, o)
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v", err)
	}
	if res == nil || res.Checklist.Ready() || res.Checklist.Missing()[0].ID != "synopsis" {
		t.Fatalf("checklist: %+v", res)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("an incomplete package was written")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("temporary files left: %v", ents)
	}
	o.Force = true
	if _, err := WriteFile(context.Background(), p, path, o); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if _, err := Verify(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
}

func TestNoCheckerIsMissing(t *testing.T) {
	saved := DefaultChecker
	DefaultChecker = nil
	defer func() { DefaultChecker = saved }()
	cl, _, err := Prepare(context.Background(), demo(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, i := range cl.Missing() {
		found = found || i.ID == "self-check"
	}
	if !found {
		t.Fatalf("self-check not listed as missing: %+v", cl)
	}
}

func TestAILabelRequired(t *testing.T) {
	p := demo(t)
	p.Meta.AIMade = true
	cl := BuildChecklist(p, TierOf(p, now), &CheckReport{HTML: []byte("x"), JSON: []byte("{}")})
	if cl.Ready() {
		t.Fatal("AI text without labelling must block the package")
	}
	p.Settings.LabelAIContent = true
	if cl := BuildChecklist(p, TierOf(p, now), &CheckReport{HTML: []byte("x"), JSON: []byte("{}")}); !cl.Ready() {
		t.Fatalf("still missing: %+v", cl.Missing())
	}
}

func TestTierOf(t *testing.T) {
	d2025 := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		m    script.Meta
		at   time.Time
		want string
	}{
		{script.Meta{BudgetWan: 150}, d2025, TierKey},
		{script.Meta{BudgetWan: 150}, now, TierNormal},
		{script.Meta{BudgetWan: 50}, now, TierOther},
		{script.Meta{BudgetWan: 30}, d2025, TierNormal},
		{script.Meta{BudgetWan: 10, SpecialSubjects: []string{"公安"}}, now, TierKey},
		{script.Meta{}, now, ""},
	}
	for _, tt := range tests {
		p := &script.Project{Meta: tt.m}
		if got := TierOf(p, tt.at); got.Name != tt.want {
			t.Errorf("TierOf(%+v, %s) = %+v, want %s", tt.m, tt.at.Format("2006-01-02"), got, tt.want)
		}
	}
}

var _ = export.Options{}

// rezip copies a zip, replacing one file's content.
func rezip(t *testing.T, data []byte, name string, content []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == name {
			w.Write(content)
			continue
		}
		r, _ := f.Open()
		io.Copy(w, r)
		r.Close()
	}
	zw.Close()
	return out.Bytes()
}
