package store

import "github.com/duanju-studio/duanju/script/diff"

// DiffLine is one line of a text comparison (see package diff).
type DiffLine = diff.Line

// DiffSnapshot compares a snapshot (old) with the episode's stored text (new).
// For a deleted episode the new side is empty.
func (s *Store) DiffSnapshot(epID string, snapshotID int64) ([]DiffLine, error) {
	old, err := s.SnapshotText(snapshotID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, ErrClosed
	}
	var cur string
	_ = s.queryRow("SELECT body FROM episode WHERE id = ?", epID).Scan(&cur)
	return diff.Lines(old, cur), nil
}
