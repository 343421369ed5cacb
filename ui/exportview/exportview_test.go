//go:build ci

package exportview

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/export/pack"
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
	p.Meta.BudgetWan = 45
	h := docktest.New(t, p)
	h.Cur = p.Episodes[1]
	return h
}

// wait waits for a background job to finish, letting fyne.Do callbacks run.
func wait(t *testing.T, done chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("job did not finish")
	}
}

type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

func TestExportDialogCurrentEpisodePDF(t *testing.T) {
	h := newHost(t)
	x := newExporter(h)
	test.NewTempWindow(t, x.content())
	x.format.SetSelectedIndex(0) // PDF
	x.scope.SetSelected(i18n.T("export.episodes.current"))
	if !x.rng.Disabled() {
		t.Error("range entry should be disabled unless Range is chosen")
	}
	o, err := x.options()
	if err != nil || len(o.Episodes) != 1 || o.Episodes[0] != 2 {
		t.Fatalf("options %+v %v", o, err)
	}
	var buf bytes.Buffer
	x.begin(o, nopCloser{&buf}, nil)
	wait(t, x.done)
	if !strings.HasPrefix(buf.String(), "%PDF-") {
		t.Fatalf("not a PDF: %q", buf.String()[:min(20, buf.Len())])
	}
	if !strings.Contains(x.status.Text, "Exported") {
		t.Errorf("status %q", x.status.Text)
	}
}

func TestExportDialogBadRange(t *testing.T) {
	h := newHost(t)
	x := newExporter(h)
	x.scope.SetSelected(i18n.T("export.episodes.range"))
	test.Type(x.rng, "3-1")
	if _, err := x.options(); err == nil {
		t.Fatal("3-1 accepted")
	}
	x.rng.SetText("99")
	if _, err := x.options(); err == nil || !strings.Contains(err.Error(), "None") {
		t.Fatalf("missing episode: %v", err)
	}
	x.rng.SetText("1-2, 4")
	o, err := x.options()
	if err != nil || len(o.Episodes) != 3 {
		t.Fatalf("%v %v", o.Episodes, err)
	}
}

func TestExportCancel(t *testing.T) {
	h := newHost(t)
	x := newExporter(h)
	var buf bytes.Buffer
	o, _ := x.options()
	x.begin(o, nopCloser{&buf}, nil)
	test.Tap(x.cancelBtn)
	wait(t, x.done)
	if x.run.Disabled() {
		t.Error("Export button stays disabled after the run")
	}
	// Either cancelled in time or already finished: never an error.
	if s := x.status.Text; s != i18n.T("export.cancelled") && !strings.Contains(s, "Exported") {
		t.Errorf("status %q", s)
	}
}

func TestPackageViewChecklistAndBuild(t *testing.T) {
	saved := pack.DefaultChecker
	defer func() { pack.DefaultChecker = saved }()
	h := newHost(t)
	k := newPackager(h)
	wait(t, k.done) // the test driver runs fyne.Do on the worker: wait before touching widgets
	test.NewTempWindow(t, k.content())
	if len(k.items.Objects) == 0 || k.tier.Text == "" {
		t.Fatal("no checklist shown")
	}
	texts := ""
	for _, o := range k.items.Objects {
		texts += o.(*widget.Label).Text + "\n"
	}
	if !strings.Contains(texts, "✓") {
		t.Errorf("checklist:\n%s", texts)
	}
	if !k.checklist.Ready() {
		if !k.build.Disabled() {
			t.Error("Build must be disabled while required items are missing")
		}
		test.Tap(k.force)
	}
	if k.build.Disabled() {
		t.Fatal("Build disabled")
	}
	path := filepath.Join(t.TempDir(), "pkg.zip")
	k.buildTo(storage.NewFileURI(path))
	wait(t, k.done)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (status %q)", err, k.status.Text)
	}
	if _, err := pack.Verify(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(k.files.Text, "script/script.pdf") {
		t.Errorf("files: %q", k.files.Text)
	}
}

func TestParseEpisodes(t *testing.T) {
	got, err := parseEpisodes("1-3，5 、3")
	if err != nil || len(got) != 4 || got[3] != 5 {
		t.Fatalf("%v %v", got, err)
	}
	for _, bad := range []string{"", "a", "0", "5-2", "-3"} {
		if _, err := parseEpisodes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
