package dock_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// The save dialog adds the extension a bare name lacks, leaves no empty
// file behind, and the next dialog for the same purpose starts in the
// folder used last, whatever the project's folder.
func TestSaveFileAddsExtensionAndRemembersFolder(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	w := entryWindow(t)
	dir, other := t.TempDir(), t.TempDir()
	var saved string
	o := dock.FileOptions{Purpose: dock.ForSubtitles, Exts: []string{".srt", ".vtt"}, Name: "回乡之路 - 第1集", Dir: dir}
	dock.SaveFile(w, o, func(wc fyne.URIWriteCloser) {
		saved = wc.URI().Path()
		io.WriteString(wc, "1\n00:00:01,000 --> 00:00:02,000\n你回来了？\n")
		wc.Close()
	})
	docktest.SaveAs(t, w, "回乡之路 - 第1集")
	if want := filepath.Join(dir, "回乡之路 - 第1集.srt"); saved != want {
		t.Fatalf("saved %q, want %q", saved, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "回乡之路 - 第1集")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the name without extension was left behind")
	}
	// A name with an allowed extension is kept as typed.
	dock.SaveFile(w, o, func(wc fyne.URIWriteCloser) { saved = wc.URI().Path(); wc.Close() })
	docktest.SaveAs(t, w, "第2集.VTT")
	if filepath.Base(saved) != "第2集.VTT" {
		t.Errorf("saved %q", saved)
	}
	// Remembered per purpose: subtitles start in dir even from another
	// project's folder; another purpose starts in that project's folder.
	if got := dock.StartDir(dock.FileOptions{Purpose: dock.ForSubtitles, Dir: other}); got != dir {
		t.Errorf("subtitles start in %q, want %q", got, dir)
	}
	if got := dock.StartDir(dock.FileOptions{Purpose: dock.ForReport, Dir: other}); got != other {
		t.Errorf("reports start in %q, want %q", got, other)
	}
	// A bare name whose extended name exists asks before replacing it.
	dock.SaveFile(w, o, func(wc fyne.URIWriteCloser) { t.Error("replaced without asking"); wc.Close() })
	docktest.SaveAs(t, w, "回乡之路 - 第1集")
	if !docktest.Shows(t, w.Canvas().Overlays().Top(), i18n.Tf("file.overwrite", "回乡之路 - 第1集.srt")) {
		t.Error("no question before replacing the file")
	}
}

// The open dialog lists only the filter's files in the start folder, hands
// the chosen file over, and shows an error instead of swallowing it.
func TestOpenFileShowsErrors(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	w := entryWindow(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "第1集.srt"), []byte("字幕"), 0o644)
	os.WriteFile(filepath.Join(dir, "笔记.txt"), []byte("笔记"), 0o644)
	o := dock.FileOptions{Purpose: dock.ForSubtitles, Exts: []string{".srt"}, Dir: dir}
	var got string
	dock.OpenFile(w, o, func(r fyne.URIReadCloser) {
		data, _ := io.ReadAll(r)
		r.Close()
		got = r.URI().Name() + ":" + string(data)
	})
	docktest.Choose(t, w, "第1集.srt")
	if got != "第1集.srt:字幕" {
		t.Fatalf("opened %q", got)
	}
	// The file vanishes between listing and opening: the user is told.
	dock.OpenFile(w, o, func(r fyne.URIReadCloser) { t.Error("opened a missing file"); r.Close() })
	os.Remove(filepath.Join(dir, "第1集.srt"))
	docktest.Choose(t, w, "第1集.srt")
	top := w.Canvas().Overlays().Top()
	if !docktest.Shows(t, top, "第1集.srt") {
		t.Fatalf("no error shown: %q", docktest.Texts(t, top))
	}
}
