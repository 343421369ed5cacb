package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Create writes p as a new project at path and opens it. It refuses to
// overwrite an existing file. The file is built under a temporary name in the
// same folder and only then given its name, so a crash never leaves a
// half-written project behind. Episode IDs are assigned in p.
func Create(path string, p *script.Project, opts ...Option) (*Store, error) {
	if IsURL(path) {
		return createPG(path, p, buildOptions(opts))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if p == nil {
		p = &script.Project{}
	}
	if _, err := os.Lstat(abs); err == nil {
		return nil, &ExistsError{Path: abs}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	lock, err := lockProject(abs)
	if errors.Is(err, errLockHeld) {
		return nil, lockedError(abs)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot create a project in %s: %w", filepath.Dir(abs), err)
	}
	o := buildOptions(opts)
	tmp, err := buildFile(abs, "", p, o)
	if err == nil {
		err = install(tmp, abs, false)
	}
	if err != nil {
		lock.release()
		return nil, err
	}
	s, err := openDB(abs, lock, nil, false, o)
	if err != nil {
		lock.release()
		return nil, err
	}
	return s, nil
}

// tempName is a hidden name next to target for building a file.
func tempName(target string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp-"+hex.EncodeToString(b[:]))
}

// removeStaleTemps deletes temporary files a crashed Create or SaveAs left
// for target. Only the holder of target's lock builds them, and the caller
// holds it now, so any that exist belong to a dead process.
func removeStaleTemps(target string) {
	dir, prefix := filepath.Dir(target), "."+filepath.Base(target)+".tmp-"
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// buildFile writes p into a new database file next to target and returns its
// name. When from is set, it is an existing database (a VACUUM INTO copy) to
// update instead of a fresh one. The result is closed, checkpointed and synced.
func buildFile(target, from string, p *script.Project, o options) (tmp string, err error) {
	tmp = from
	if tmp == "" {
		tmp = tempName(target)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
			os.Remove(tmp + "-wal")
			os.Remove(tmp + "-shm")
		}
	}()
	db, err := openSQL(tmp, false, false, false)
	if err != nil {
		return tmp, err
	}
	s := &Store{path: tmp, db: db, opts: o}
	ctx := context.Background()
	err = func() error {
		if from == "" {
			if err := migrate(ctx, db, 0); err != nil {
				return err
			}
		}
		if _, err := db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return err
		}
		if err := s.inTx(ctx, func(tx *txn) error { return s.saveProjectTx(ctx, tx, p, true) }); err != nil {
			return err
		}
		kv := map[string]string{"clean": "1", "app_version": appVersion()}
		if from == "" {
			kv["created"] = o.now().UTC().Format(time.RFC3339)
		}
		return s.setSession(ctx, kv)
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return tmp, err
	}
	// Closing the last connection checkpointed the WAL into the file; make it
	// durable before it gets its real name.
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return tmp, err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return tmp, err
}

// install gives the finished file tmp the name target. The caller holds
// target's lock, so stale -wal/-shm files there belong to no one; they must go,
// or SQLite would replay an old log onto the new file.
func install(tmp, target string, overwrite bool) error {
	os.Remove(target + "-wal")
	os.Remove(target + "-shm")
	var err error
	if overwrite {
		err = os.Rename(tmp, target)
	} else {
		// A hard link fails if target appeared meanwhile; not every file
		// system has links, so fall back to a checked rename.
		if err = os.Link(tmp, target); err == nil {
			os.Remove(tmp)
		} else if errors.Is(err, os.ErrExist) {
			err = &ExistsError{Path: target}
		} else if _, serr := os.Lstat(target); serr == nil {
			err = &ExistsError{Path: target}
		} else {
			err = os.Rename(tmp, target)
		}
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

// newID returns a fresh episode id.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func appVersion() string { return script.Version }
