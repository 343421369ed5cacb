package translate

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheckpoint: a torn or garbled checkpoint file never breaks a resume.
func FuzzCheckpoint(f *testing.F) {
	f.Add([]byte(`{"k":"abc","o":{"id":"c1","text":"Hi","status":"ok"}}` + "\n" + `{"k":"d`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "ck")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := OpenCheckpoint(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Put("k", Out{ID: "x", Text: "y", Status: StatusOK}); err != nil {
			t.Fatal(err)
		}
		c.Close()
		c, _ = OpenCheckpoint(path)
		if o, ok := c.Get("k"); !ok || o.Text != "y" {
			t.Fatal("entry written after garbage is lost")
		}
		c.Close()
	})
}
