package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen feeds damaged and foreign files to Open and Load: they must fail
// with one of the store's errors or open, never panic or hang, and a file
// that opens writable must still pass the integrity check.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.duanju")
	s, err := Create(seed, series(3, 300))
	if err != nil {
		f.Fatal(err)
	}
	s.Close()
	valid, _ := os.ReadFile(seed)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("第1集\n1-1 日 内 客厅\n"))
	f.Add([]byte{})
	f.Add(append([]byte("SQLite format 3\x00"), make([]byte, 84)...))
	n := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		n++
		path := filepath.Join(t.TempDir(), "f.duanju")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			if !errors.Is(err, ErrNotProject) && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNewerVersion) {
				// Other errors are allowed but must say something.
				if err.Error() == "" {
					t.Fatal("empty error")
				}
			}
			return
		}
		defer s.Close()
		p, err := s.Load()
		if err == nil && !s.ReadOnly() {
			if err := s.SaveAll(p); err != nil && !errors.Is(err, ErrDamaged) {
				t.Logf("save: %v", err)
			}
		}
	})
}
