package roomview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/duanju-studio/duanju/ui/dock/docktest"
)

// fakeRoom keeps comments in memory and anchors them like the store.
type fakeRoom struct {
	list []store.Comment
}

func (f *fakeRoom) User() string { return "shen" }

func (f *fakeRoom) Comments(epID, text string) ([]store.Comment, error) {
	var out []store.Comment
	for _, c := range f.list {
		if c.EpisodeID != epID {
			continue
		}
		if c.ParentID == 0 {
			if a, b, ok := store.Anchor(text, c.Quote, c.From); ok {
				c.From, c.To = a, b
			} else {
				c.Orphaned = true
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (f *fakeRoom) AddComment(epID string, parent int64, text string, from, to int, body string) (store.Comment, error) {
	lines := strings.Split(text, "\n")
	c := store.Comment{ID: int64(len(f.list) + 1), ParentID: parent, EpisodeID: epID, Author: "shen", Created: time.Now(),
		Body: body, From: from, To: to}
	if parent == 0 {
		c.Quote = strings.Join(lines[from-1:to], "\n")
	}
	f.list = append(f.list, c)
	return c, nil
}

func (f *fakeRoom) ResolveComment(id int64, resolved bool) error {
	for i := range f.list {
		if f.list[i].ID == id {
			f.list[i].Resolved, f.list[i].ResolvedBy = resolved, "shen"
		}
	}
	return nil
}

func project() *script.Project {
	return &script.Project{Episodes: []*script.Episode{{ID: "e1", Number: 1,
		Body: "1-1 日 内 客厅\n林晚：外婆，我回来了。\n△她放下行李。\n"}}}
}

func TestCommentsTabWithoutARoomSaysHow(t *testing.T) {
	SetRoom(nil)
	h := docktest.New(t, project())
	p := newPanel(h)
	if !strings.Contains(p.info.Text, "writers' room") || !p.add.Disabled() {
		t.Fatalf("no-room state: %q disabled=%v", p.info.Text, p.add.Disabled())
	}
}

func TestCommentOnSelectedLinesResolveAndShow(t *testing.T) {
	r := &fakeRoom{}
	h := docktest.New(t, project())
	p := newPanel(h)
	SetRoom(r)
	defer SetRoom(nil)
	// Given the second line selected in the editor
	h.SelText = "林晚：外婆，我回来了。"
	h.CursorAt = strings.Index(h.Cur.Body, "林晚") + len(h.SelText)
	test.Type(p.entry, "台词太直白")
	test.Tap(p.add)
	if len(r.list) != 1 || r.list[0].From != 2 || r.list[0].To != 2 || r.list[0].Quote != h.SelText {
		t.Fatalf("comment %+v", r.list)
	}
	if p.entry.Text != "" || !strings.Contains(p.info.Text, "1 comments, 1 open") {
		t.Fatalf("after adding: entry %q info %q", p.entry.Text, p.info.Text)
	}
	// When a line is inserted above, Show selects the moved line
	h.Cur.Body = "第1集\n" + h.Cur.Body
	p.refresh()
	show := findButton(t, p, "Show")
	test.Tap(show)
	start := strings.Index(h.Cur.Body, "林晚")
	if h.Sel != [3]int{1, start, start + len(h.SelText)} {
		t.Fatalf("selected %v, want line 3 at %d", h.Sel, start)
	}
	// Resolve
	test.Tap(findButton(t, p, "Resolve"))
	if !r.list[0].Resolved || !strings.Contains(p.info.Text, "0 open") {
		t.Fatalf("not resolved: %+v %q", r.list[0], p.info.Text)
	}
}

func findButton(t *testing.T, p *panel, label string) *widgetButton {
	t.Helper()
	for _, row := range p.list.Objects {
		if b := buttonIn(row, label); b != nil {
			return b
		}
	}
	t.Fatalf("no %q button", label)
	return nil
}

func TestSelectionLines(t *testing.T) {
	body := "甲\n乙\n丙\n乙\n"
	tests := []struct {
		name     string
		cursor   int
		sel      string
		from, to int
	}{
		{"光标所在行", strings.Index(body, "丙"), "", 3, 3},
		{"选中两行", strings.Index(body, "丙"), "乙\n丙", 2, 3},
		{"重复文字取光标处", len(body) - 1, "乙", 4, 4},
	}
	for _, tt := range tests {
		if f, to := selectionLines(body, tt.cursor, tt.sel); f != tt.from || to != tt.to {
			t.Errorf("%s: %d-%d, want %d-%d", tt.name, f, to, tt.from, tt.to)
		}
	}
}
