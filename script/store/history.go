package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// History policy.
//
// A snapshot is a saved version of one episode's text. They are made:
//   - automatically by a save that changes the text, keeping the text as it
//     was before the save, when the episode's last snapshot is older than the
//     snapshot interval (10 min by default) or the change is large (a paste,
//     a cut, an AI rewrite: at least a third of the text and 200 bytes);
//   - explicitly by Snapshot (Ctrl+S, before an AI edit, a named version);
//   - before a Restore, and when an episode is deleted.
//
// A text equal to the latest snapshot is never stored twice. Automatic
// snapshots are thinned like a backup rotation: all of the last 24 hours,
// then the newest per day for 30 days, then the newest per week, at most
// maxAuto per episode. Named, restore and deletion snapshots are kept.

// Snapshot kinds.
const (
	KindAuto    = "auto"    // made by a save
	KindManual  = "manual"  // made on request (Snapshot)
	KindRestore = "restore" // the text replaced by a Restore
	KindDeleted = "deleted" // the last text of a deleted episode
)

const (
	maxAuto        = 200
	bigChangeBytes = 200
)

// SnapshotInfo describes one snapshot (without its text: see SnapshotText).
type SnapshotInfo struct {
	ID        int64     `json:"id"`
	EpisodeID string    `json:"episode_id"`
	Number    int       `json:"number"` // the episode number at the time
	Title     string    `json:"title,omitempty"`
	Time      time.Time `json:"time"`
	Kind      string    `json:"kind"`
	Label     string    `json:"label,omitempty"`
	Chars     int       `json:"chars"` // characters (runes) of the text
	// Author is who made it: the server's login role on a writers' room
	// project, "" in a .duanju file (one writer).
	Author string `json:"author,omitempty"`
}

// authorCol is the snapshot author column: recorded by the server (default
// current_user) in a writers' room, absent from a file.
func (s *Store) authorCol() string {
	if s.isPG() {
		return "author"
	}
	return "''"
}

// Snapshot keeps the episode's stored text as a named version. Save the
// episode first if the editor has unsaved changes. The write-ahead log is
// then checkpointed, so everything saved so far is on disk.
func (s *Store) Snapshot(epID, label string) (SnapshotInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return SnapshotInfo{}, err
	}
	ctx := context.Background()
	var info SnapshotInfo
	err := s.inTx(ctx, func(tx *txn) error {
		var cur episodeRow
		err := tx.QueryRowContext(ctx, "SELECT number, title, body FROM episode WHERE id = ?", epID).
			Scan(&cur.number, &cur.title, &cur.body)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("episode %q: %w", epID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		info, err = s.insertSnapshotTx(ctx, tx, epID, KindManual, label, cur.number, cur.title, cur.body)
		return err
	})
	if err != nil {
		return SnapshotInfo{}, err
	}
	if !s.isPG() {
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	}
	return info, nil
}

// SnapshotAll keeps every episode whose text differs from its latest
// snapshot, in one transaction (before a batch AI edit, an import, a
// renumbering). It returns how many snapshots it made.
func (s *Store) SnapshotAll(label string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return 0, err
	}
	ctx := context.Background()
	n := 0
	err := s.inTx(ctx, func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.number, e.title, e.body,
			(SELECT hash FROM snapshot WHERE episode_id = e.id ORDER BY created DESC, id DESC LIMIT 1)
			FROM episode e ORDER BY e.position`)
		if err != nil {
			return err
		}
		type todo struct {
			id string
			r  episodeRow
		}
		var list []todo
		for rows.Next() {
			var t todo
			var last sql.NullString
			if err := rows.Scan(&t.id, &t.r.number, &t.r.title, &t.r.body, &last); err != nil {
				rows.Close()
				return err
			}
			if t.r.body != "" && last.String != hashText(t.r.body) {
				list = append(list, t)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, t := range list {
			if _, err := s.insertSnapshotTx(ctx, tx, t.id, KindManual, label, t.r.number, t.r.title, t.r.body); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// History lists the snapshots of an episode, newest first.
func (s *Store) History(epID string) ([]SnapshotInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, ErrClosed
	}
	rows, err := s.query(`SELECT id, episode_id, number, title, created, kind, label, chars, `+s.authorCol()+`
		FROM snapshot WHERE episode_id = ? ORDER BY created DESC, id DESC`, epID)
	if err != nil {
		return nil, err
	}
	return scanInfos(rows)
}

// DeletedEpisodes lists, for each deleted episode, its latest snapshot (newest
// first). Restore with its EpisodeID and ID brings the episode back.
func (s *Store) DeletedEpisodes() ([]SnapshotInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, ErrClosed
	}
	rows, err := s.query(`SELECT id, episode_id, number, title, created, kind, label, chars, ` + s.authorCol() + `
		FROM snapshot s WHERE NOT EXISTS (SELECT 1 FROM episode e WHERE e.id = s.episode_id)
		AND id = (SELECT id FROM snapshot t WHERE t.episode_id = s.episode_id ORDER BY created DESC, id DESC LIMIT 1)
		ORDER BY created DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	return scanInfos(rows)
}

func scanInfos(rows *sql.Rows) ([]SnapshotInfo, error) {
	defer rows.Close()
	list := []SnapshotInfo{}
	for rows.Next() {
		var in SnapshotInfo
		var ms int64
		if err := rows.Scan(&in.ID, &in.EpisodeID, &in.Number, &in.Title, &ms, &in.Kind, &in.Label, &in.Chars, &in.Author); err != nil {
			return nil, err
		}
		in.Time = time.UnixMilli(ms)
		list = append(list, in)
	}
	return list, rows.Err()
}

// SnapshotText returns the text of a snapshot.
func (s *Store) SnapshotText(id int64) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return "", ErrClosed
	}
	var body string
	err := s.queryRow("SELECT body FROM snapshot WHERE id = ?", id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("snapshot %d: %w", id, ErrNotFound)
	}
	return body, err
}

// Restore replaces the episode's text with the snapshot's, after keeping the
// current text as a snapshot of its own, so a restore can itself be undone.
// A deleted episode comes back as the last episode. It returns the episode as
// now stored (without Scenes).
func (s *Store) Restore(epID string, snapshotID int64) (*script.Episode, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.writableErr(); err != nil {
		return nil, err
	}
	ctx := context.Background()
	var out *script.Episode
	err := s.inTx(ctx, func(tx *txn) error {
		var snap episodeRow
		var snapEp string
		err := tx.QueryRowContext(ctx, "SELECT episode_id, number, title, body FROM snapshot WHERE id = ?", snapshotID).
			Scan(&snapEp, &snap.number, &snap.title, &snap.body)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("snapshot %d: %w", snapshotID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if snapEp != epID {
			return fmt.Errorf("snapshot %d belongs to another episode: %w", snapshotID, ErrNotFound)
		}
		ep := &script.Episode{ID: epID}
		var cur episodeRow
		var status string
		err = tx.QueryRowContext(ctx, "SELECT number, title, body, status, notes FROM episode WHERE id = ?", epID).
			Scan(&ep.Number, &ep.Title, &cur.body, &status, &ep.Notes)
		switch {
		case errors.Is(err, sql.ErrNoRows): // deleted: bring it back at the end
			var pos, num int
			if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position) + 1, 0), COALESCE(MAX(number) + 1, 1) FROM episode").
				Scan(&pos, &num); err != nil {
				return err
			}
			ep.Number, ep.Title, ep.Body, ep.Status = num, snap.title, snap.body, script.StatusDraft
			_, err = tx.ExecContext(ctx, `INSERT INTO episode(id, position, number, title, body, status, notes, updated)
				VALUES(?, ?, ?, ?, ?, ?, '', ?)`, epID, pos, ep.Number, ep.Title, tx.body(ep.Body), string(ep.Status), s.opts.now().UnixMilli())
			out = ep
			return err
		case err != nil:
			return err
		}
		ep.Status = script.Status(status)
		if cur.body != snap.body {
			if _, err := s.insertSnapshotTx(ctx, tx, epID, KindRestore, "", ep.Number, ep.Title, cur.body); err != nil {
				return err
			}
		}
		ep.Body = snap.body
		_, err = tx.ExecContext(ctx, "UPDATE episode SET body = ?, updated = ? WHERE id = ?", tx.body(snap.body), s.opts.now().UnixMilli(), epID)
		out = ep
		return err
	})
	return out, err
}

// autoSnapshotTx keeps cur.body before it is replaced by next, if the policy
// says so.
func (s *Store) autoSnapshotTx(ctx context.Context, tx *txn, epID string, cur episodeRow, next string) error {
	if cur.body == "" {
		return nil
	}
	var last int64
	var lastHash string
	err := tx.QueryRowContext(ctx, "SELECT created, hash FROM snapshot WHERE episode_id = ? ORDER BY created DESC, id DESC LIMIT 1", epID).
		Scan(&last, &lastHash)
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	h := hashText(cur.body)
	if found && lastHash == h {
		return nil
	}
	now := s.opts.now().UnixMilli()
	if found && now-last < s.opts.interval.Milliseconds() && !bigChange(cur.body, next) {
		return nil
	}
	if _, err := s.insertSnapshotTx(ctx, tx, epID, KindAuto, "", cur.number, cur.title, cur.body); err != nil {
		return err
	}
	return s.thinTx(ctx, tx, epID)
}

func (s *Store) insertSnapshotTx(ctx context.Context, tx *txn, epID, kind, label string, number int, title, body string) (SnapshotInfo, error) {
	now := s.opts.now()
	chars := utf8.RuneCountInString(body)
	var id int64
	var author string
	err := tx.QueryRowContext(ctx, `INSERT INTO snapshot(episode_id, created, kind, label, number, title, body, hash, chars)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, `+s.authorCol(), epID, now.UnixMilli(), kind, label, number, title, tx.body(body), hashText(body), chars).
		Scan(&id, &author)
	return SnapshotInfo{ID: id, EpisodeID: epID, Number: number, Title: title, Time: time.UnixMilli(now.UnixMilli()),
		Kind: kind, Label: label, Chars: chars, Author: author}, err
}

// thinTx applies the rotation of automatic snapshots of one episode.
func (s *Store) thinTx(ctx context.Context, tx *txn, epID string) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, created FROM snapshot WHERE episode_id = ? AND kind = ? ORDER BY created DESC, id DESC",
		epID, KindAuto)
	if err != nil {
		return err
	}
	type snap struct{ id, created int64 }
	var all []snap
	for rows.Next() {
		var sn snap
		if err := rows.Scan(&sn.id, &sn.created); err != nil {
			rows.Close()
			return err
		}
		all = append(all, sn)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	const day = int64(24 * time.Hour / time.Millisecond)
	now := s.opts.now().UnixMilli()
	kept, buckets := 0, map[int64]bool{}
	var drop []int64
	for _, sn := range all { // newest first: the first in a bucket is kept
		age := now - sn.created
		keep := true
		switch {
		case age < day:
		case age < 30*day:
			b := sn.created / day
			keep = !buckets[b]
			buckets[b] = true
		default:
			b := -(sn.created/(7*day) + 1) // week buckets, apart from day buckets
			keep = !buckets[b]
			buckets[b] = true
		}
		if keep && kept >= maxAuto {
			keep = false
		}
		if keep {
			kept++
		} else {
			drop = append(drop, sn.id)
		}
	}
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM snapshot WHERE id = ?", id); err != nil {
			return err
		}
	}
	return nil
}

// bigChange reports an edit that replaces a large part of the text at once.
func bigChange(old, next string) bool {
	pre := 0
	for pre < len(old) && pre < len(next) && old[pre] == next[pre] {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(next)-pre && old[len(old)-1-suf] == next[len(next)-1-suf] {
		suf++
	}
	changed := max(len(old), len(next)) - pre - suf
	return changed >= bigChangeBytes && changed*3 >= len(old)
}

func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}
