package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// dsn builds the driver's data source name: a file: URI (so any character in
// the path is safe) with per-connection pragmas. noWrite opens the file
// itself read-only (mode=ro); immutable also tells SQLite that nobody
// changes the file, so it needs no -shm/-wal files and takes no locks (a
// read-only folder, a CD, a network share without write rights).
func dsn(path string, readOnly, noWrite, immutable bool) string {
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
	if immutable {
		q = append(q, "immutable=1")
	}
	if readOnly {
		q = append(q, "_pragma=query_only(1)")
	}
	return u.String() + "?" + strings.Join(q, "&")
}

func openSQL(path string, readOnly, noWrite, immutable bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, readOnly, noWrite, immutable))
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
//
// noWrite means this process cannot write the file or its folder. SQLite then
// must not create -wal/-shm files (it could not, or would leave them behind),
// so the file is opened immutable — unless a -wal file shows that a writer
// elsewhere has it open, when SQLite reads through that writer's log; if it
// cannot (no -shm to share), immutable is the fallback.
func openDB(path string, lock *fileLock, ro *ReadOnlyError, noWrite bool, o options) (*Store, error) {
	immutable := noWrite && !exists(path+"-wal")
	s, err := openDBMode(path, lock, ro, noWrite, immutable, o)
	if err != nil && noWrite && !immutable && !errors.Is(err, ErrNewerVersion) && !errors.Is(err, ErrDamaged) {
		s, err = openDBMode(path, lock, ro, noWrite, true, o)
	}
	return s, err
}

func openDBMode(path string, lock *fileLock, ro *ReadOnlyError, noWrite, immutable bool, o options) (*Store, error) {
	db, err := openSQL(path, ro != nil, noWrite, immutable)
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

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// canWrite reports whether this process may write the file and create files
// next to it (SQLite's -wal and -shm).
func canWrite(path string) bool {
	return writable(path) && writable(filepath.Dir(path))
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
	if version <= 0 {
		// Create sets the version before the file gets its name, so this is
		// a damaged or foreign file.
		return &NotProjectError{Path: s.path, Reason: fmt.Sprintf("it has no valid schema version (%d)", version),
			Zh: fmt.Sprintf("文件结构版本无效（%d）", version)}
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
	if s.isPG() {
		return s.db.Ping() // the server keeps its own data sound
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
