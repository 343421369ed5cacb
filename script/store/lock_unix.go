//go:build unix

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

func tryLock(path string) (*fileLock, error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			if errors.Is(err, unix.EWOULDBLOCK) {
				f.Close()
				return nil, errLockHeld
			}
			if errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOTSUP) {
				// A file system without locks (some network shares): edit
				// without protection rather than not at all.
				return &fileLock{path: path, f: f}, nil
			}
			f.Close()
			return nil, err
		}
		// The holder removes the file before unlocking; if it did so between
		// our open and our flock, we locked an orphan inode: try again.
		var a, b unix.Stat_t
		if unix.Fstat(int(f.Fd()), &a) == nil && unix.Stat(path, &b) == nil && a.Dev == b.Dev && a.Ino == b.Ino {
			return &fileLock{path: path, f: f}, nil
		}
		f.Close()
	}
	return nil, errLockHeld
}

func unlock(l *fileLock) {
	// Remove while still holding the lock (see tryLock), then unlock by closing.
	_ = os.Remove(l.path)
	_ = l.f.Close()
}

// writable reports whether this process may write the file.
func writable(path string) bool {
	return unix.Access(path, unix.W_OK) == nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
