package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// SaveEpisode saves one episode's text and fields (number, title, status,
// notes) in one short transaction; nothing is written when nothing changed,
// so it is cheap to call on every autosave tick. A new episode (empty or
// unknown ID) is appended and gets its ID set in ep. When the text changes,
// the previous text may be kept as an automatic snapshot (see history.go).
//
// The caller must not modify ep while this runs (pass a copy from the UI).
func (s *Store) SaveEpisode(ep *script.Episode) error {
	if ep == nil {
		return errors.New("store: SaveEpisode(nil)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return err
	}
	ctx := context.Background()
	if s.pg != nil {
		return s.saveEpisodePG(ctx, ep)
	}
	return s.inTx(ctx, func(tx *txn) error { return s.saveEpisodeTx(ctx, tx, ep, -1, true) })
}

// saveEpisodePG saves to the server, or to the offline journal when the
// server cannot be reached (see journal.go).
func (s *Store) saveEpisodePG(ctx context.Context, ep *script.Episode) error {
	j := s.pg.journal
	if j != nil && time.Now().Before(s.pg.offlineUntil) {
		return s.journalEpisode(ep, nil)
	}
	err := s.inTx(ctx, func(tx *txn) error { return s.saveEpisodeTx(ctx, tx, ep, -1, true) })
	if err == nil {
		s.pg.offlineUntil = time.Time{}
		if j != nil {
			return j.drop(ep.ID) // this newer text supersedes any offline one
		}
		return nil
	}
	if j != nil && isOffline(err) {
		s.pg.offlineUntil = time.Now().Add(10 * time.Second) // Sync clears it
		return s.journalEpisode(ep, err)
	}
	return err
}

func (s *Store) journalEpisode(ep *script.Episode, cause error) error {
	if ep.ID == "" {
		ep.ID = newID()
	}
	cp := *ep
	cp.Scenes = nil
	if err := s.pg.journal.append(journalEntry{Time: time.Now(), Base: s.pg.versions[ep.ID], Episode: cp}); err != nil {
		return fmt.Errorf("the server is unreachable (%v) and the offline journal cannot be written: %w", cause, err)
	}
	return &OfflineError{Path: s.path, Journal: s.pg.journal.path, Cause: cause}
}

// SaveProject saves everything except the text of existing episodes:
// metadata, cast, locations, glossary, provenance, waivers, culture plan,
// subtitle tracks, summaries, settings, title page, and the episodes' order,
// numbers, titles, statuses and notes. Episodes new to the file are inserted
// with their text; episodes no longer in p are deleted, their last text kept
// in the history (DeletedEpisodes, Restore).
func (s *Store) SaveProject(p *script.Project) error {
	return s.save(p, false)
}

// SaveAll saves the whole project, episode texts included, in one transaction.
func (s *Store) SaveAll(p *script.Project) error {
	return s.save(p, true)
}

func (s *Store) save(p *script.Project, bodies bool) error {
	if p == nil {
		return errors.New("store: save of a nil project")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return err
	}
	ctx := context.Background()
	return s.inTx(ctx, func(tx *txn) error { return s.saveProjectTx(ctx, tx, p, bodies) })
}

// SaveAs writes p with the whole history to newPath (replacing a file there:
// the app asks first) and makes the store continue on the new file. It works
// on a read-only store too, which is how a read-only project is rescued.
func (s *Store) SaveAs(p *script.Project, newPath string) error {
	if p == nil {
		return errors.New("store: SaveAs of a nil project")
	}
	abs, err := filepath.Abs(newPath)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return ErrClosed
	}
	if abs == s.path {
		if err := s.writableErr(); err != nil {
			return err
		}
		ctx := context.Background()
		return s.inTx(ctx, func(tx *txn) error { return s.saveProjectTx(ctx, tx, p, true) })
	}
	if s.isPG() {
		return errors.New("store: Save As of a writers' room project: pull it into a file instead")
	}
	lock, err := lockProject(abs)
	if errors.Is(err, errLockHeld) {
		return lockedError(abs)
	}
	if err != nil {
		return fmt.Errorf("cannot save in %s: %w", filepath.Dir(abs), err)
	}
	tmp, err := s.copyTo(abs, p)
	if err == nil {
		err = install(tmp, abs, true)
	}
	var ns *Store
	if err == nil {
		ns, err = openDB(abs, lock, nil, false, s.opts)
	}
	if err != nil {
		lock.release()
		return err
	}
	_ = s.closeLocked()
	s.path, s.db, s.lock, s.readOnly, s.recovered = ns.path, ns.db, ns.lock, nil, false
	return nil
}

// copyTo builds a copy of this database with p saved into it, next to target.
// If the database cannot be copied (a damaged file), it falls back to a fresh
// file holding p without the history.
func (s *Store) copyTo(target string, p *script.Project) (string, error) {
	tmp := tempName(target)
	ctx := context.Background()
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp)
	if err != nil && s.readOnly != nil {
		// query_only also forbids VACUUM INTO; lift it for the copy only.
		if _, e := s.db.ExecContext(ctx, "PRAGMA query_only=0"); e == nil {
			os.Remove(tmp)
			_, err = s.db.ExecContext(ctx, "VACUUM INTO ?", tmp)
			_, _ = s.db.ExecContext(ctx, "PRAGMA query_only=1")
		}
	}
	if err != nil {
		os.Remove(tmp)
		return buildFile(target, "", p, s.opts)
	}
	return buildFile(target, tmp, p, s.opts)
}

func (s *Store) writableErr() error {
	if s.db == nil {
		return ErrClosed
	}
	if s.readOnly != nil {
		return s.readOnly
	}
	return nil
}

// inTx runs f in one transaction (BEGIN IMMEDIATE, see dsn).
func (s *Store) inTx(ctx context.Context, f func(tx *txn) error) error {
	stx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &txn{Tx: stx, pg: s.isPG()}
	if err := f(tx); err != nil {
		tx.Rollback()
		if s.isPG() && pgCode(err) == "42501" && !errors.Is(err, ErrNotAllowed) {
			return &RightsError{Path: s.path, Episode: "?", Reason: "your role may not make this change",
				Zh: "：你的角色无权做这项修改", Cause: err}
		}
		return err
	}
	return tx.Commit()
}

// saveProjectTx writes the project sections and reconciles the episodes.
func (s *Store) saveProjectTx(ctx context.Context, tx *txn, p *script.Project, bodies bool) error {
	if tx.pg {
		if err := s.stampWaiversTx(ctx, tx, p); err != nil {
			return err
		}
	}
	if err := writeSections(ctx, tx, p); err != nil {
		return err
	}
	existing := map[string]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM episode")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		existing[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	seen := map[string]bool{}
	pos := 0
	for _, ep := range p.Episodes {
		if ep == nil {
			continue
		}
		if seen[ep.ID] {
			ep.ID = "" // a copied episode gets its own identity
		}
		if err := s.saveEpisodeTx(ctx, tx, ep, pos, bodies); err != nil {
			return err
		}
		seen[ep.ID] = true
		pos++
	}
	for id := range existing {
		if !seen[id] {
			if err := s.deleteEpisodeTx(ctx, tx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// episodeRow is an episode as stored.
type episodeRow struct {
	position, number          int
	title, body, status, note string
	extra                     sql.NullString
}

// saveEpisodeTx inserts or updates ep. pos < 0 keeps the stored position (or
// appends a new episode). With bodies false an existing text is left alone.
func (s *Store) saveEpisodeTx(ctx context.Context, tx *txn, ep *script.Episode, pos int, bodies bool) (err error) {
	if tx.pg {
		defer func() {
			if pgCode(err) == "42501" { // refused by the server's rights
				err = s.rightsErr(ep.ID, err)
			}
		}()
	}
	extra, err := episodeExtra(ep)
	if err != nil {
		return err
	}
	now := s.opts.now().UnixMilli()
	var cur episodeRow
	found := false
	if ep.ID != "" {
		q := "SELECT position, number, title, body, status, notes, extra FROM episode WHERE id = ?"
		if !bodies {
			q = "SELECT position, number, title, '', status, notes, extra FROM episode WHERE id = ?"
		}
		err := tx.QueryRowContext(ctx, q, ep.ID).Scan(&cur.position, &cur.number, &cur.title, &cur.body, &cur.status, &cur.note, &cur.extra)
		switch {
		case err == nil:
			found = true
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	if !found {
		if ep.ID == "" {
			ep.ID = newID()
		}
		if pos < 0 {
			if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position) + 1, 0) FROM episode").Scan(&pos); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO episode(id, position, number, title, body, status, notes, extra, updated)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ep.ID, pos, ep.Number, ep.Title, tx.body(ep.Body), string(ep.Status), ep.Notes, extra, now)
		if err == nil && tx.pg {
			s.pg.versions[ep.ID] = 1
		}
		return err
	}
	if pos < 0 {
		pos = cur.position
	}
	bodyChanged := bodies && cur.body != ep.Body
	if !bodyChanged && pos == cur.position && ep.Number == cur.number && ep.Title == cur.title &&
		string(ep.Status) == cur.status && ep.Notes == cur.note && extra == cur.extra {
		return nil
	}
	if bodyChanged && tx.pg {
		if err := s.checkConflictTx(ctx, tx, ep, cur.body); err != nil {
			return err
		}
	}
	var res sql.Result
	if bodyChanged {
		if err := s.autoSnapshotTx(ctx, tx, ep.ID, cur, ep.Body); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `UPDATE episode SET position = ?, number = ?, title = ?, body = ?, status = ?,
			notes = ?, extra = ?, updated = ? WHERE id = ?`,
			pos, ep.Number, ep.Title, tx.body(ep.Body), string(ep.Status), ep.Notes, extra, now, ep.ID)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE episode SET position = ?, number = ?, title = ?, status = ?, notes = ?,
		extra = ? WHERE id = ?`,
			pos, ep.Number, ep.Title, string(ep.Status), ep.Notes, extra, ep.ID)
	}
	if err != nil || !tx.pg {
		return err
	}
	// Row-level security hides a row this login may not change: the update
	// then matches nothing instead of failing.
	if n, _ := res.RowsAffected(); n == 0 {
		return s.rightsErr(ep.ID, nil)
	}
	if bodyChanged {
		var v int64
		if err := tx.QueryRowContext(ctx, "SELECT version FROM episode WHERE id = ?", ep.ID).Scan(&v); err != nil {
			return err
		}
		s.pg.versions[ep.ID] = v
	}
	return nil
}

// checkConflictTx refuses to overwrite a text someone else saved since this
// client loaded or saved the episode.
func (s *Store) checkConflictTx(ctx context.Context, tx *txn, ep *script.Episode, theirs string) error {
	base, known := s.pg.versions[ep.ID]
	if !known {
		return nil
	}
	var v int64
	var by string
	if err := tx.QueryRowContext(ctx, "SELECT version, updated_by FROM episode WHERE id = ?", ep.ID).Scan(&v, &by); err != nil {
		return err
	}
	if v == base || by == s.pg.user {
		return nil
	}
	return &ConflictError{Path: s.path, EpisodeID: ep.ID, Number: ep.Number, Mine: ep.Body, Theirs: theirs, By: by, Version: v}
}

// deleteEpisodeTx removes an episode, keeping its last text in the history.
func (s *Store) deleteEpisodeTx(ctx context.Context, tx *txn, id string) error {
	var cur episodeRow
	err := tx.QueryRowContext(ctx, "SELECT number, title, body FROM episode WHERE id = ?", id).Scan(&cur.number, &cur.title, &cur.body)
	if err != nil {
		return err
	}
	if _, err := s.insertSnapshotTx(ctx, tx, id, KindDeleted, "", cur.number, cur.title, cur.body); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM episode WHERE id = ?", id)
	return err
}

// episodeColumns are the JSON keys of script.Episode stored in their own
// columns (or, for scenes, derived and not stored).
var episodeColumns = []string{"id", "number", "title", "body", "status", "notes", "scenes"}

// episodeExtra returns the JSON of ep's fields that have no column, so that a
// field added to the model persists without a schema change.
func episodeExtra(ep *script.Episode) (sql.NullString, error) {
	cp := *ep
	cp.Body, cp.Scenes = "", nil
	b, err := json.Marshal(&cp)
	if err != nil {
		return sql.NullString{}, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return sql.NullString{}, err
	}
	for _, k := range episodeColumns {
		delete(m, k)
	}
	if len(m) == 0 {
		return sql.NullString{}, nil
	}
	b, err = json.Marshal(m) // sorted keys: stable, so unchanged compares equal
	return sql.NullString{String: string(b), Valid: true}, err
}

// projectKeys are the JSON keys of script.Project's fields stored as
// sections (every field but the episodes).
var projectKeys = func() []string {
	var keys []string
	t := reflect.TypeFor[script.Project]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = t.Field(i).Name
		}
		if name != "episodes" {
			keys = append(keys, name)
		}
	}
	return keys
}()

// writeSections stores each project field as its own row. A field that
// encodes to nothing (omitempty) is deleted; keys this build does not know
// (written by a newer build of the same schema) are left alone.
func writeSections(ctx context.Context, tx *txn, p *script.Project) error {
	cp := *p
	cp.Episodes = nil
	b, err := json.Marshal(&cp)
	if err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	cur := map[string]string{}
	rows, err := tx.QueryContext(ctx, "SELECT key, value FROM project")
	if err != nil {
		return err
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return err
		}
		cur[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Only what changed is written: cheap, and on a shared server a writer
	// whose rights do not cover a section can still save the rest.
	for _, k := range projectKeys {
		v, ok := m[k]
		old, had := cur[k]
		switch {
		case !ok && had:
			if _, err := tx.ExecContext(ctx, "DELETE FROM project WHERE key = ?", k); err != nil {
				return err
			}
		case ok && !had:
			if _, err := tx.ExecContext(ctx, "INSERT INTO project(key, value) VALUES(?, ?)", k, string(v)); err != nil {
				return err
			}
		case ok && old != string(v):
			res, err := tx.ExecContext(ctx, "UPDATE project SET value = ? WHERE key = ?", string(v), k)
			if err != nil {
				return err
			}
			// Row-level security hides a section this login may not change.
			if n, _ := res.RowsAffected(); n == 0 && tx.pg {
				return &RightsError{Path: "writers' room", Reason: "your role may not change the " + k + " section",
					Zh: "：你的角色不能修改“" + k + "”"}
			}
		}
	}
	return nil
}

// stampWaiversTx records who approved each new waiver in a writers' room:
// the login that saves it, whatever the client put in By (the server's
// rights already limit waivers to reviewers and the head writer).
func (s *Store) stampWaiversTx(ctx context.Context, tx *txn, p *script.Project) error {
	if len(p.Waivers) == 0 || s.pg.importing {
		return nil
	}
	var cur string
	err := tx.QueryRowContext(ctx, "SELECT value FROM project WHERE key = 'waivers'").Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var old []script.Waiver
	if cur != "" {
		_ = json.Unmarshal([]byte(cur), &old)
	}
	type key struct {
		rule, excerpt, reason string
		ep                    int
	}
	had := map[key]bool{}
	for _, w := range old {
		had[key{w.Rule, w.Excerpt, w.Reason, w.Episode}] = true
	}
	for i := range p.Waivers {
		w := &p.Waivers[i]
		if !had[key{w.Rule, w.Excerpt, w.Reason, w.Episode}] {
			w.By = s.pg.user
			if w.Time.IsZero() {
				w.Time = s.opts.now().UTC()
			}
		}
	}
	return nil
}
