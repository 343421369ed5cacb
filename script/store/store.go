// Package store keeps a series in one NAME.duanju file, an SQLite database
// (DESIGN §5): schema version and migrations, WAL, each episode saved in one
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
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
}

// Option tunes a Store.
type Option func(*options)

type options struct {
	interval time.Duration
	now      func() time.Time
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
	case err != nil:
		ro = &ReadOnlyError{Path: abs,
			Reason: "its folder cannot be written (" + err.Error() + "); use Save As to keep a copy",
			Zh:     "所在文件夹不可写（" + err.Error() + "），请用“另存为”保存副本"}
	case !writable(abs):
		ro = &ReadOnlyError{Path: abs,
			Reason: "the file is write-protected; use Save As to keep a copy",
			Zh:     "文件是只读的，请用“另存为”保存副本"}
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
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	ro := &ReadOnlyError{Path: abs, Reason: "it was opened for reading only", Zh: "以只读方式打开"}
	return openDB(abs, nil, ro, false, buildOptions(opts))
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
	lock, err := lockProject(s.path)
	if errors.Is(err, errLockHeld) {
		s.readOnly = lockedError(s.path)
		return false, nil
	}
	if err != nil || !writable(s.path) {
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
	s.db, s.lock, s.readOnly, s.recovered = ns.db, ns.lock, nil, ns.recovered
	return true, nil
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

// dsn builds the driver's data source name: a file: URI (so any character in
// the path is safe) with per-connection pragmas.
func dsn(path string, readOnly, noWrite bool) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p, OmitHost: false}
	q := []string{
		"_pragma=busy_timeout(5000)",
		"_pragma=synchronous(NORMAL)",
		"_pragma=foreign_keys(1)",
		"_txlock=immediate",
	}
	if noWrite {
		q = append(q, "mode=ro")
	}
	if readOnly {
		q = append(q, "_pragma=query_only(1)")
	}
	return u.String() + "?" + strings.Join(q, "&")
}

func openSQL(path string, readOnly, noWrite bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, readOnly, noWrite))
	if err != nil {
		return nil, err
	}
	// One connection: the app writes from one autosave goroutine, and a single
	// connection keeps pragmas and locking simple.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	return db, nil
}

// openDB opens the checked file at path; lock is held unless ro says why not.
func openDB(path string, lock *fileLock, ro *ReadOnlyError, noWrite bool, o options) (*Store, error) {
	db, err := openSQL(path, ro != nil, noWrite)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, db: db, lock: lock, readOnly: ro, opts: o}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// init checks the schema, migrates, and starts the session.
func (s *Store) init() error {
	err := s.initSchema()
	if isCorrupt(err) {
		return damaged(s.path, err)
	}
	return err
}

func (s *Store) initSchema() error {
	ctx := context.Background()
	var appID, version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return notProject(s.path, err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return notProject(s.path, err)
	}
	if appID != ApplicationID {
		return &NotProjectError{Path: s.path, Reason: "an SQLite database made by another program",
			Zh: "这是其他程序创建的 SQLite 数据库"}
	}
	if version > currentVersion() {
		return &VersionError{Path: s.path, FileVersion: version, AppVersion: currentVersion()}
	}
	if version < currentVersion() {
		if s.readOnly != nil {
			return &ReadOnlyError{Path: s.path,
				Reason: fmt.Sprintf("it needs an upgrade from schema %d, which cannot be done read-only (%s)", version, s.readOnly.Reason),
				Zh:     fmt.Sprintf("需要从结构版本 %d 升级，只读时无法升级（%s）", version, s.readOnly.Zh)}
		}
		if version > 0 {
			// Keep the old file for the old app: NAME.duanju.vN.bak.
			bak := fmt.Sprintf("%s.v%d.bak", s.path, version)
			if _, err := os.Stat(bak); errors.Is(err, os.ErrNotExist) {
				if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", bak); err != nil {
					return fmt.Errorf("back up %s before upgrading: %w", s.path, err)
				}
			}
		}
		if err := migrate(ctx, s.db, version); err != nil {
			return err
		}
	}
	// A damaged file must not be written to (it would get worse); it opens
	// read-only so that Save As can rescue what is readable.
	if err := s.quickCheck(ctx); err != nil {
		d := damaged(s.path, err)
		s.readOnly = &ReadOnlyError{Path: s.path, Reason: d.Error(), Zh: d.ZH(), Cause: d}
		return nil
	}
	if s.readOnly != nil {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return err
	}
	clean, err := s.session(ctx, "clean")
	if err != nil {
		return err
	}
	s.recovered = clean == "0"
	return s.setSession(ctx, map[string]string{
		"clean":       "0",
		"opened":      s.opts.now().UTC().Format(time.RFC3339),
		"app_version": appVersion(),
	})
}

func (s *Store) session(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM session WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *Store) setSession(ctx context.Context, kv map[string]string) error {
	for k, v := range kv {
		if _, err := s.db.ExecContext(ctx,
			"INSERT INTO session(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) quickCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check(5)").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return errors.New(res)
	}
	return nil
}

// Check runs SQLite's full integrity check; nil means the file is sound.
func (s *Store) Check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return ErrClosed
	}
	rows, err := s.db.Query("PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return err
		}
		if r != "ok" {
			problems = append(problems, r)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Close marks a clean shutdown, folds the write-ahead log back into the file
// (so the .duanju file alone is the whole project) and releases the lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeLocked()
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader tells a project from anything else before SQLite sees the file,
// with a message that says what the file is and what to do.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("no project at %s: %w", path, err)
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &NotProjectError{Path: path, Reason: "it is a folder", Zh: "这是一个文件夹"}
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	head = head[:n]
	switch {
	case n == 0:
		return &NotProjectError{Path: path, Reason: "the file is empty", Zh: "文件是空的"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return &NotProjectError{Path: path,
			Reason: "it is a zip archive (a .docx or a package?); import a script with File › Import or `duanju-cli import`",
			Zh:     "这是一个 zip 压缩包（.docx 或投稿包？）；剧本请用“文件 › 导入”或 duanju-cli import 导入"}
	case !bytes.HasPrefix(head, sqliteMagic):
		return &NotProjectError{Path: path,
			Reason: "it is not a project database (a script text? import it with File › Import or `duanju-cli import`)",
			Zh:     "不是项目数据库（如果是剧本文本，请用“文件 › 导入”或 duanju-cli import 导入）"}
	case n < 100:
		return &NotProjectError{Path: path, Reason: "the database header is cut short", Zh: "数据库文件头不完整"}
	}
	// application_id is written when the file is made and checkpointed before
	// the file gets its name, so the on-disk header always has it.
	if id := binary.BigEndian.Uint32(head[68:72]); id != ApplicationID {
		return &NotProjectError{Path: path, Reason: "an SQLite database made by another program",
			Zh: "这是其他程序创建的 SQLite 数据库"}
	}
	return nil
}

// isCorrupt reports SQLite's SQLITE_CORRUPT and SQLITE_NOTADB.
func isCorrupt(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == 11 || c == 26
}

func damaged(path string, err error) *DamagedError {
	var d *DamagedError
	if errors.As(err, &d) {
		return d
	}
	return &DamagedError{Path: path, Detail: err.Error()}
}

func notProject(path string, err error) error {
	if isCorrupt(err) {
		return damaged(path, err)
	}
	return &NotProjectError{Path: path, Reason: "SQLite cannot read it: " + err.Error(),
		Zh: "SQLite 无法读取：" + err.Error()}
}

// closeLocked is Close with s.mu held.
func (s *Store) closeLocked() error {
	if s.db == nil {
		return nil
	}
	var errs []error
	if s.readOnly == nil {
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
