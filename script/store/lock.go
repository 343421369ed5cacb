package store

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// The project lock is an OS advisory lock on a sidecar file NAME.duanju.lock.
// It is not taken on the database itself: closing any other descriptor of the
// database file would drop SQLite's own POSIX locks. The kernel releases the
// lock when the holder dies, so a stale lock file after a crash is harmless.

// errLockHeld means another process (or another Store in this process) holds
// the project.
var errLockHeld = errors.New("lock held")

// fileLock is a held lock.
type fileLock struct {
	path string
	f    *os.File
}

func lockPath(dbPath string) string { return dbPath + ".lock" }

// lockProject takes the lock of the project at dbPath without waiting.
// It returns errLockHeld when someone else has it, or the OS error when the
// lock file cannot be created (e.g. a read-only folder).
func lockProject(dbPath string) (*fileLock, error) {
	l, err := tryLock(lockPath(dbPath))
	if err != nil {
		return nil, err
	}
	// Say who holds it, for the message the next opener shows.
	host, _ := os.Hostname()
	info := fmt.Sprintf("pid %d on %s since %s\n", os.Getpid(), host, time.Now().Format("2006-01-02 15:04"))
	_ = l.f.Truncate(0)
	_, _ = l.f.WriteAt([]byte(info), 0)
	return l, nil
}

// lockHolder reads who holds the lock, as written by lockProject ("" if unknown).
func lockHolder(dbPath string) string {
	b, err := os.ReadFile(lockPath(dbPath))
	if err != nil || len(b) > 200 {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// release drops the lock and removes the lock file.
func (l *fileLock) release() {
	if l == nil || l.f == nil {
		return
	}
	unlock(l)
	l.f = nil
}
