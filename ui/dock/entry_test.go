package dock_test

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/duanju-studio/duanju/ui/dock"
	"github.com/duanju-studio/duanju/ui/i18n"
)

func entryWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1280, 720))
	return w
}

// The entry dialog: focus in the field with its text selected, typing
// replaces it, Enter submits, Escape cancels, a 20-character Chinese title
// fits, and a failed validation is said under the field.
func TestEntryDialogKeys(t *testing.T) {
	i18n.SetLang(i18n.Zh)
	w := entryWindow(t)
	var got []string
	need := errors.New("请写明理由")
	d := dock.ShowEntry(w, dock.EntryOptions{
		Title: "重命名", Label: "标题", Text: "旧标题",
		Validate: func(s string) error {
			if strings.TrimSpace(s) == "" {
				return need
			}
			return nil
		},
		OnOK: func(s string) { got = append(got, s) },
	})
	if w.Canvas().Focused() != d.Field {
		t.Fatalf("focus on %T, want the field", w.Canvas().Focused())
	}
	title := "回乡之路：一声梆子响彻朱仙镇的那个冬夜" // 20 characters
	test.Type(d.Field, title)      // the old text was selected: typing replaces it
	if d.Field.Text != title {
		t.Fatalf("field %q after typing", d.Field.Text)
	}
	wide := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	if fw := d.Field.Size().Width; fw < wide {
		t.Errorf("field %v wide, a 20-character title needs %v", fw, wide)
	}
	d.Field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 1 || got[0] != title {
		t.Fatalf("Enter submitted %q", got)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after Enter")
	}

	// Escape cancels.
	d = dock.ShowEntry(w, dock.EntryOptions{Title: "重命名", Text: "x", OnOK: func(s string) { got = append(got, s) }})
	test.Type(d.Field, "不要")
	d.Field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(got) != 1 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Escape did not cancel: %q, overlay %v", got, w.Canvas().Overlays().Top())
	}

	// An empty reason is refused in place: the message shows, the dialog
	// stays, and typing clears the message.
	d = dock.ShowEntry(w, dock.EntryOptions{Title: "豁免", Wrap: true, Validate: func(s string) error {
		if strings.TrimSpace(s) == "" {
			return need
		}
		return nil
	}, OnOK: func(s string) { got = append(got, s) }})
	d.Field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(got) != 1 || w.Canvas().Overlays().Top() == nil {
		t.Fatal("an empty reason was accepted")
	}
	if d.Message.Text != need.Error() {
		t.Errorf("validation message %q", d.Message.Text)
	}
	test.Type(d.Field, "剧情否定了复仇")
	if d.Message.Text != "" {
		t.Error("the message stays after typing")
	}
	d.Field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter submits a wrapped field too
	if len(got) != 2 || got[1] != "剧情否定了复仇" || strings.Contains(d.Field.Text, "\n") {
		t.Fatalf("wrapped field: got %q, text %q", got, d.Field.Text)
	}
}
