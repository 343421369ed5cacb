//go:build !unix && !windows

package store

import "os"

// No advisory locks on this platform: the project always opens writable.
func tryLock(path string) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return &fileLock{path: path, f: f}, nil
}

func unlock(l *fileLock) {
	_ = l.f.Close()
	_ = os.Remove(l.path)
}

func writable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().Perm()&0o200 != 0
}

func syncDir(string) {}
