//go:build ci

package exportview

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/ui/i18n"
)

var shots = flag.String("shots", "", "write screenshots of the dialog and the view into this folder")

// cjkTheme renders Chinese in screenshots with the bundled font.
type cjkTheme struct{ fyne.Theme }

func (t cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fyne.NewStaticResource("NotoSansSC-Bold.otf", assets.FontBold())
	}
	return fyne.NewStaticResource("NotoSansSC-Regular.otf", assets.FontRegular())
}

func shoot(t *testing.T, name string, w fyne.Window) {
	img := w.Canvas().Capture()
	f, err := os.Create(filepath.Join(*shots, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("run with -shots DIR")
	}
	for _, lang := range []script.Lang{i18n.Zh, i18n.En} {
		h := newHost(t)
		i18n.SetLang(lang)
		h.FyneApp.Settings().SetTheme(cjkTheme{theme.LightTheme()})
		x := newExporter(h)
		w := test.NewTempWindow(t, x.content())
		w.Resize(fyne.NewSize(560, 360))
		shoot(t, "export-dialog-"+string(lang)+".png", w)

		k := newPackager(h)
		h.Wait() // the host runs workers inline; Wait also runs what async ones reported
		w2 := test.NewTempWindow(t, k.content())
		w2.Resize(fyne.NewSize(720, 760))
		shoot(t, "package-view-"+string(lang)+".png", w2)
	}
}
