//go:build ci

package exportview

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
	h.Path = filepath.Join(t.TempDir(), "回乡之路.duanju") // the file dialogs start beside it
	h.Win.Resize(fyne.NewSize(1280, 720))
	return h
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
	h.Wait() // the host runs workers inline; Wait also runs what async ones reported
	if !strings.HasPrefix(buf.String(), "%PDF-") {
		t.Fatalf("not a PDF: %q", buf.String()[:min(20, buf.Len())])
	}
	if !strings.Contains(x.status.Text, "Exported") {
		t.Errorf("status %q", x.status.Text)
	}
	// Through the real save dialog: a name typed without .pdf gets it.
	test.Tap(x.run)
	docktest.SaveAs(t, h.Win, "第2集")
	h.Wait()
	data, err := os.ReadFile(filepath.Join(filepath.Dir(h.Path), "第2集.pdf"))
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("saved through the dialog: %v (status %q)", err, x.status.Text)
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
	h.Async() // the export runs on its own goroutine while Cancel is tapped
	x := newExporter(h)
	var buf bytes.Buffer
	o, _ := x.options()
	x.begin(o, nopCloser{&buf}, nil)
	test.Tap(x.cancelBtn)
	h.Wait() // the host runs workers inline; Wait also runs what async ones reported
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
	h.Wait() // the host runs workers inline; Wait also runs what async ones reported
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
	// Build asks where to save; the name typed without .zip gets it.
	test.Tap(k.build)
	docktest.SaveAs(t, h.Win, "回乡之路-提交包")
	h.Wait()
	path := filepath.Join(filepath.Dir(h.Path), "回乡之路-提交包.zip") // the host runs workers inline; Wait also runs what async ones reported
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
