package store

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Offline work. When the server cannot be reached, SaveEpisode of a
// writers' room project writes the episode to a local journal file (one JSON
// line per save, synced to disk) and returns an error that Is ErrOffline:
// the text is safe on this computer. Sync replays the journal when the
// server is back. An episode someone else changed meanwhile (after this
// lease expired) is not overwritten: Sync reports a ConflictError with both
// texts, and the journal keeps the entry until Resolve saves the merge.

// ErrOffline means a save went to the local journal, not the server.
var ErrOffline = errors.New("the writers' room server is unreachable; saved on this computer")

// ErrConflict means someone else changed the episode since this client
// loaded or saved it.
var ErrConflict = errors.New("the episode was changed by someone else")

// WithJournal keeps offline saves of a writers' room project in dir (the
// app's data folder). Without it an unreachable server is an error.
func WithJournal(dir string) Option {
	return func(o *options) { o.journalDir = dir }
}

// OfflineError is returned by a save that went to the journal.
type OfflineError struct {
	Path, Journal string
	Cause         error
}

func (e *OfflineError) Error() string {
	return fmt.Sprintf("%s: %v (kept in %s; it syncs when the server is back)", e.Path, ErrOffline, e.Journal)
}

// ZH returns the message in Chinese.
func (e *OfflineError) ZH() string {
	return fmt.Sprintf("%s：编剧室服务器暂时无法连接，已保存在本机（%s），恢复连接后自动同步", e.Path, e.Journal)
}

func (e *OfflineError) Is(target error) bool { return target == ErrOffline }
func (e *OfflineError) Unwrap() error        { return e.Cause }

// ConflictError carries both versions of an episode: the app shows them side
// by side with the line diff (script/diff) and saves the merge with Resolve.
type ConflictError struct {
	Path      string
	EpisodeID string
	Number    int
	Mine      string // this client's text
	Theirs    string // the server's text
	By        string // who saved the server's text
	Version   int64  // the server's version of it
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: episode %d was changed by %s after your lease expired; both versions are kept, merge them",
		e.Path, e.Number, e.By)
}

// ZH returns the message in Chinese.
func (e *ConflictError) ZH() string {
	return fmt.Sprintf("%s：第 %d 集在你的租约过期后被 %s 修改；两个版本都已保留，请合并", e.Path, e.Number, e.By)
}

func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

type journal struct {
	path string
}

type journalEntry struct {
	Time    time.Time      `json:"time"`
	Base    int64          `json:"base"` // the server version the edit started from (0: unknown)
	Episode script.Episode `json:"episode"`
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

func journalPath(dir string, cfg *pgx.ConnConfig) string {
	name := unsafeName.ReplaceAllString(fmt.Sprintf("%s_%s_%d_%s", cfg.User, cfg.Host, cfg.Port, cfg.Database), "_")
	return filepath.Join(dir, "room-"+name+".journal")
}

func (j *journal) append(e journalEntry) error {
	if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	b, err := json.Marshal(e)
	if err == nil {
		_, err = f.Write(append(b, '\n'))
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// entries returns the latest entry per episode, in first-saved order.
func (j *journal) entries() ([]journalEntry, error) {
	f, err := os.Open(j.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var order []string
	last := map[string]journalEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e journalEntry
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue // a line cut short by a crash: the previous line of it holds
		}
		id := e.Episode.ID
		if prev, ok := last[id]; ok {
			e.Base = prev.Base // the edit started from the first base
		} else {
			order = append(order, id)
		}
		last[id] = e
	}
	out := make([]journalEntry, 0, len(order))
	for _, id := range order {
		out = append(out, last[id])
	}
	return out, sc.Err()
}

// rewrite keeps only entries (atomically).
func (j *journal) rewrite(entries []journalEntry) error {
	if len(entries) == 0 {
		err := os.Remove(j.path)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	tmp := j.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, e := range entries {
		b, _ := json.Marshal(e)
		w.Write(append(b, '\n'))
	}
	err = w.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, j.path)
}

// drop removes the entries of one episode (a newer save reached the server).
func (j *journal) drop(id string) error {
	es, err := j.entries()
	if err != nil || len(es) == 0 {
		return err
	}
	keep := es[:0]
	for _, e := range es {
		if e.Episode.ID != id {
			keep = append(keep, e)
		}
	}
	return j.rewrite(keep)
}

// isOffline reports an error that means the server is unreachable (as
// opposed to one the server returned about the statement).
func isOffline(err error) bool {
	if err == nil || errors.Is(err, ErrClosed) || errors.Is(err, ErrConflict) || errors.Is(err, ErrNotAllowed) ||
		errors.Is(err, context.Canceled) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		c := pe.Code
		return len(c) == 5 && (c[:2] == "08" || c == "57P01" || c == "57P02" || c == "57P03")
	}
	var ro *ReadOnlyError
	return !errors.As(err, &ro)
}

// Pending lists the episodes saved offline and not yet on the server.
func (s *Store) Pending() ([]script.Episode, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pg == nil || s.pg.journal == nil {
		return nil, nil
	}
	es, err := s.pg.journal.entries()
	out := make([]script.Episode, 0, len(es))
	for _, e := range es {
		out = append(out, e.Episode)
	}
	return out, err
}

// Sync sends the offline journal to the server. It returns the conflicts
// (kept in the journal until Resolve), and an error that Is ErrOffline if
// the server is still unreachable.
func (s *Store) Sync() ([]*ConflictError, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, ErrClosed
	}
	if s.pg == nil || s.pg.journal == nil {
		return nil, nil
	}
	es, err := s.pg.journal.entries()
	if err != nil || len(es) == 0 {
		return nil, err
	}
	var conflicts []*ConflictError
	var keep []journalEntry
	ctx := context.Background()
	for i, e := range es {
		ep := e.Episode
		if e.Base > 0 {
			s.pg.versions[ep.ID] = e.Base
		}
		err := s.inTx(ctx, func(tx *txn) error { return s.saveEpisodeTx(ctx, tx, &ep, -1, true) })
		var ce *ConflictError
		switch {
		case err == nil:
		case errors.As(err, &ce):
			conflicts = append(conflicts, ce)
			keep = append(keep, e)
		case isOffline(err):
			keep = append(keep, es[i:]...)
			if werr := s.pg.journal.rewrite(keep); werr != nil {
				return conflicts, werr
			}
			return conflicts, &OfflineError{Path: s.path, Journal: s.pg.journal.path, Cause: err}
		default:
			// Refused (rights) or broken: keep it, report it; nothing is dropped.
			keep = append(keep, es[i+1:]...)
			keep = append([]journalEntry{e}, keep...)
			_ = s.pg.journal.rewrite(keep)
			return conflicts, err
		}
	}
	s.pg.offlineUntil = time.Time{}
	return conflicts, s.pg.journal.rewrite(keep)
}

// Resolve saves the merged text of a conflicting episode over the server's
// version (the one in the ConflictError) and drops it from the journal.
func (s *Store) Resolve(ep *script.Episode, serverVersion int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return err
	}
	if s.pg == nil {
		return ErrNotShared
	}
	s.pg.versions[ep.ID] = serverVersion
	ctx := context.Background()
	if err := s.inTx(ctx, func(tx *txn) error { return s.saveEpisodeTx(ctx, tx, ep, -1, true) }); err != nil {
		return err
	}
	if s.pg.journal != nil {
		return s.pg.journal.drop(ep.ID)
	}
	return nil
}
