package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/duanju-studio/duanju/script"
)

// Load reads the whole project: metadata and every episode in order with
// ID, Number, Title, Body, Status and Notes. Scenes are not parsed here: run
// format.ParseBody on each episode.
func (s *Store) Load() (*script.Project, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, ErrClosed
	}
	p, err := s.load()
	if err != nil && s.isPG() && isOffline(err) {
		// A connection the server dropped (a restart) fails once; the
		// pool then connects afresh.
		p, err = s.load()
	}
	return p, err
}

func (s *Store) load() (*script.Project, error) {
	ctx := context.Background()
	// One read transaction: a consistent view even while another process writes.
	opts := &sql.TxOptions{ReadOnly: true}
	if s.isPG() {
		opts.Isolation = sql.LevelRepeatableRead // one snapshot of the whole series
	}
	stx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer stx.Rollback()
	tx := &txn{Tx: stx, pg: s.isPG()}
	p, err := loadSections(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read project %s: %w", s.path, err)
	}
	p.Episodes, err = loadEpisodes(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read episodes of %s: %w", s.path, err)
	}
	if s.isPG() {
		if err := s.loadVersions(ctx, tx); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func loadSections(ctx context.Context, tx *txn) (*script.Project, error) {
	rows, err := tx.QueryContext(ctx, "SELECT key, value FROM project ORDER BY key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var buf bytes.Buffer
	buf.WriteByte('{')
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.WriteString(v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	buf.WriteByte('}')
	p := &script.Project{}
	if err := json.Unmarshal(buf.Bytes(), p); err != nil {
		return nil, err
	}
	return p, nil
}

func loadEpisodes(ctx context.Context, tx *txn) ([]*script.Episode, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT id, number, title, body, status, notes, extra FROM episode ORDER BY position, number, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	eps := []*script.Episode{}
	for rows.Next() {
		ep := &script.Episode{}
		var status string
		var extra sql.NullString
		if err := rows.Scan(&ep.ID, &ep.Number, &ep.Title, &ep.Body, &status, &ep.Notes, &extra); err != nil {
			return nil, err
		}
		if extra.Valid && extra.String != "" {
			if err := json.Unmarshal([]byte(extra.String), ep); err != nil {
				return nil, fmt.Errorf("episode %d: %w", ep.Number, err)
			}
		}
		ep.Status = script.Status(status)
		eps = append(eps, ep)
	}
	return eps, rows.Err()
}

// loadVersions remembers the text version of every episode as loaded: a
// later save over a text someone else changed meanwhile is a conflict.
func (s *Store) loadVersions(ctx context.Context, tx *txn) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, version FROM episode")
	if err != nil {
		return err
	}
	defer rows.Close()
	v := map[string]int64{}
	for rows.Next() {
		var id string
		var n int64
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		v[id] = n
	}
	s.pg.versions = v
	return rows.Err()
}
