//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

func tryLock(path string) (*fileLock, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	// No FILE_SHARE_DELETE: the file cannot be removed while anyone has it
	// open, so the holder's removal on release never races an opener.
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_ALWAYS,
		windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, err
	}
	// Lock a byte far past the text so that others can still read who holds it.
	ol := new(windows.Overlapped)
	ol.OffsetHigh = 1
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		windows.CloseHandle(h)
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return nil, errLockHeld
		}
		return nil, err
	}
	return &fileLock{path: path, f: os.NewFile(uintptr(h), path)}, nil
}

func unlock(l *fileLock) {
	ol := new(windows.Overlapped)
	ol.OffsetHigh = 1
	_ = windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, ol)
	_ = l.f.Close()
	// Fails harmlessly if another process has just opened it.
	_ = os.Remove(l.path)
}

func writable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().Perm()&0o200 != 0
}

func syncDir(string) {}
