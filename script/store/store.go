// Package store keeps a series in one NAME.duanju file, an SQLite
// database: schema version and migrations, WAL, each episode saved in one
// short transaction, per-episode history snapshots, crash detection, and a
// read-only open while another window or process has the project.
//
// A typical session:
//
//	s, err := store.Open(path)       // or store.Create(path, p)
//	p, err := s.Load()               // episodes without Scenes: run format.ParseBody
//	err = s.SaveEpisode(ep)          // autosave, ~1 s after the last keystroke
//	err = s.SaveProject(p)           // metadata, cast, order, inserts, deletions
//	err = s.Close()
//
// Every write is one SQLite transaction, so the file is never half-written: a
// killed process leaves each episode either before or after its last save.
package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // driver "sqlite", pure Go
)

// Ext is the project file extension.
const Ext = ".duanju"

// DefaultSnapshotInterval is how long an episode may be edited before its
// previous text is kept as an automatic snapshot.
const DefaultSnapshotInterval = 10 * time.Minute

// Store is an open project file. Its methods are safe for concurrent use.
type Store struct {
	mu        sync.Mutex
	path      string
	db        *sql.DB
	lock      *fileLock
	readOnly  *ReadOnlyError // nil when writable
	recovered bool
	opts      options
	pg        *pgState // nil for a .duanju file
}

// Option tunes a Store.
type Option func(*options)

type options struct {
	interval   time.Duration
	now        func() time.Time
	journalDir string
}

// WithSnapshotInterval sets how old the last snapshot of an episode must be
// before a save keeps the previous text as a new automatic snapshot.
func WithSnapshotInterval(d time.Duration) Option {
	return func(o *options) { o.interval = d }
}

// WithClock replaces time.Now (tests).
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

func buildOptions(opts []Option) options {
	o := options{interval: DefaultSnapshotInterval, now: time.Now}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Path returns the absolute path of the project file.
func (s *Store) Path() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.path
}

// ReadOnly reports whether saves are refused (see ReadOnlyReason).
func (s *Store) ReadOnly() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.readOnly != nil
}

// ReadOnlyReason returns why the project is read-only, or nil.
func (s *Store) ReadOnlyReason() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly == nil {
		return nil
	}
	return s.readOnly
}

// Recovered reports that the previous session did not close the project
// cleanly (a crash or a killed process). Nothing is lost beyond the last
// second of typing; the app should say so once.
func (s *Store) Recovered() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recovered
}

// Open opens an existing project. When another window or process has it, or
// the file or its folder cannot be written, it opens read-only: ReadOnly
// reports true and saves return an error that Is ErrReadOnly.
func Open(path string, opts ...Option) (*Store, error) {
	if IsURL(path) {
		return openPG(path, false, buildOptions(opts))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	lock, err := lockProject(abs)
	var ro *ReadOnlyError
	noWrite := true // open the database itself read-only (mode=ro)
	switch {
	case errors.Is(err, errLockHeld):
		// The holder writes; we read alongside it through the WAL.
		ro, noWrite = lockedError(abs), false
	case err != nil || !writable(filepath.Dir(abs)):
		why := "permission denied"
		if err != nil {
			why = err.Error()
		}
		ro = &ReadOnlyError{Path: abs,
			Reason: "its folder cannot be written (" + why + "; a CD, a network share or a protected folder?); use Save As to keep a copy",
			Zh:     "所在文件夹不可写（" + why + "，光盘、网络共享或受保护的文件夹？），请用“另存为”保存副本"}
	case !writable(abs):
		ro = &ReadOnlyError{Path: abs,
			Reason: "the file is write-protected; use Save As to keep a copy",
			Zh:     "文件是只读的，请用“另存为”保存副本"}
	}
	if lock != nil {
		removeStaleTemps(abs)
	}
	s, err := openDB(abs, lock, ro, ro != nil && noWrite, buildOptions(opts))
	if err != nil {
		lock.release()
		return nil, err
	}
	return s, nil
}

// OpenReadOnly opens a project only to read it (the CLI's stats, check and
// export): it takes no lock and leaves the file untouched.
func OpenReadOnly(path string, opts ...Option) (*Store, error) {
	if IsURL(path) {
		return openPG(path, true, buildOptions(opts))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	ro := &ReadOnlyError{Path: abs, Reason: "it was opened for reading only", Zh: "以只读方式打开"}
	return openDB(abs, nil, ro, !canWrite(abs), buildOptions(opts))
}

// TryWritable makes a read-only store writable if the reason has gone away
// (the other window closed the project). It reports whether the store is
// now writable; call Load again afterwards, the other window may have saved.
func (s *Store) TryWritable() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return false, ErrClosed
	}
	if s.readOnly == nil {
		return true, nil
	}
	if s.isPG() {
		return false, nil
	}
	lock, err := lockProject(s.path)
	if errors.Is(err, errLockHeld) {
		s.readOnly = lockedError(s.path)
		return false, nil
	}
	if err != nil || !canWrite(s.path) {
		lock.release()
		return false, nil
	}
	db := s.db
	ns, err := openDB(s.path, lock, nil, false, s.opts)
	if err != nil {
		lock.release()
		return false, err
	}
	db.Close()
	s.lock.release()
	s.db, s.lock, s.readOnly, s.recovered = ns.db, ns.lock, ns.readOnly, ns.recovered
	return s.readOnly == nil, nil // a damaged file stays read-only
}

func lockedError(path string) *ReadOnlyError {
	who := lockHolder(path)
	en, zh := "another window or process has the project open", "另一个窗口或程序正在编辑此项目"
	if who != "" {
		en += " (" + who + ")"
		zh += "（" + who + "）"
	}
	return &ReadOnlyError{Path: path, Reason: en + "; close it there to edit here",
		Zh: zh + "，请先在那里关闭后再编辑"}
}

// Close marks a clean shutdown, folds the write-ahead log back into the file
// (so the .duanju file alone is the whole project) and releases the lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeLocked()
}

// closeLocked is Close with s.mu held.
func (s *Store) closeLocked() error {
	if s.db == nil {
		return nil
	}
	var errs []error
	if s.readOnly == nil && !s.isPG() {
		ctx := context.Background()
		errs = append(errs, s.setSession(ctx, map[string]string{"clean": "1"}))
		_, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, err)
	}
	errs = append(errs, s.db.Close())
	s.db = nil
	s.lock.release()
	s.lock = nil
	return errors.Join(errs...)
}
