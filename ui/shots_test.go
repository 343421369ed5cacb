package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/ui/i18n"
)

// TestScreenshots renders every main view in both languages and both
// appearances with the software painter, for a person to look at:
//
//	DUANJU_SHOTS=/tmp/shots go test -tags ci -run Screenshots ./ui
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("DUANJU_SHOTS")
	if dir == "" {
		t.Skip("set DUANJU_SHOTS=dir to write screenshots")
	}
	for _, lang := range []script.Lang{i18n.Zh, i18n.En} {
		for _, look := range []string{AppearanceLight, AppearanceDark} {
			i18n.SetLang(lang)
			a := test.NewTempApp(t)
			a.Preferences().SetString(prefAppearance, look)
			a.Preferences().SetString(prefLang, string(lang))
			u := New(a)
			p, err := format.ParseChinese(assets.DemoScript())
			if err != nil {
				t.Fatal(err)
			}
			u.Load(p, newMemFile(), "")
			u.win.Resize(fyne.NewSize(1280, 800))
			u.win.Show()
			u.OpenEpisode(2)
			for i, name := range []string{"editor", "board", "bible", "history"} {
				u.center.SelectIndex(i)
				if name == "bible" {
					u.bible.chars.list.Select(0)
				}
				img := u.win.Canvas().Capture()
				f, err := os.Create(filepath.Join(dir, string(lang)+"-"+look+"-"+name+".png"))
				if err != nil {
					t.Fatal(err)
				}
				png.Encode(f, img)
				f.Close()
			}
			u.saver.Stop()
			u.notifier.Stop()
		}
	}
	i18n.SetLang(i18n.Zh)
}
