package store

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Comment is a note on a span of lines of an episode, in a thread
// (ParentID) and resolved or not. It is anchored by the text of its lines
// (Quote): after edits it moves with that text (see Anchor); Orphaned when
// the text is gone.
type Comment struct {
	ID, ParentID int64
	EpisodeID    string
	Author       string
	Created      time.Time
	Body         string
	From, To     int // 1-based lines in the current text (0 for a reply)
	Quote        string
	Resolved     bool
	ResolvedBy   string
	Orphaned     bool
}

// AddComment adds a comment on lines from..to (1-based) of text, the
// episode's current text, or a reply when parent is not 0.
func (s *Store) AddComment(epID string, parent int64, text string, from, to int, body string) (Comment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return Comment{}, err
	}
	if strings.TrimSpace(body) == "" {
		return Comment{}, errors.New("empty comment")
	}
	quote := ""
	if parent == 0 {
		quote = lineSpan(text, from, to)
	} else {
		from, to = 0, 0
	}
	c := Comment{EpisodeID: epID, ParentID: parent, Body: body, From: from, To: to, Quote: quote}
	var par any
	if parent != 0 {
		par = parent
	}
	err := s.db.QueryRowContext(context.Background(), `INSERT INTO comment(episode_id, parent_id, body, line_from, line_to, quote)
		VALUES($1, $2, $3, $4, $5, $6) RETURNING id, author, created`, epID, par, body, from, to, quote).
		Scan(&c.ID, &c.Author, &c.Created)
	if err != nil && pgCode(err) == "42501" {
		return Comment{}, &RightsError{Path: s.path, Episode: epID, Reason: "your role may not comment", Zh: "：你的角色不能评论", Cause: err}
	}
	return c, err
}

// Comments lists an episode's comments, threads in order (each reply after
// its parent), anchored to text (the episode's current text).
func (s *Store) Comments(epID, text string) ([]Comment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(context.Background(), `SELECT id, COALESCE(parent_id, 0), author, created, body,
		line_from, line_to, quote, resolved, resolved_by FROM comment WHERE episode_id = $1 ORDER BY id`, epID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []Comment
	for rows.Next() {
		c := Comment{EpisodeID: epID}
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Author, &c.Created, &c.Body, &c.From, &c.To, &c.Quote, &c.Resolved, &c.ResolvedBy); err != nil {
			return nil, err
		}
		if c.ParentID == 0 {
			if f, t, ok := Anchor(text, c.Quote, c.From); ok {
				c.From, c.To = f, t
			} else {
				c.Orphaned = true
			}
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Threads: each top-level comment followed by its replies (ids rise).
	kids := map[int64][]Comment{}
	var tops []Comment
	for _, c := range all {
		if c.ParentID == 0 {
			tops = append(tops, c)
		} else {
			kids[c.ParentID] = append(kids[c.ParentID], c)
		}
	}
	out := make([]Comment, 0, len(all))
	var add func(c Comment)
	add = func(c Comment) {
		out = append(out, c)
		for _, k := range kids[c.ID] {
			add(k)
		}
	}
	for _, c := range tops {
		add(c)
	}
	return out, nil
}

// ResolveComment marks a comment (thread) resolved or open again.
func (s *Store) ResolveComment(id int64, resolved bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return err
	}
	by := ""
	if resolved {
		by = s.pg.user
	}
	_, err := s.db.ExecContext(context.Background(), "UPDATE comment SET resolved = $1, resolved_by = $2 WHERE id = $3", resolved, by, id)
	return err
}

// lineSpan returns lines from..to (1-based, inclusive) of text.
func lineSpan(text string, from, to int) string {
	lines := strings.Split(text, "\n")
	if from < 1 {
		from = 1
	}
	if to < from {
		to = from
	}
	if from > len(lines) {
		return ""
	}
	to = min(to, len(lines))
	return strings.Join(lines[from-1:to], "\n")
}

// Anchor finds quote (whole lines) in text, the occurrence nearest to line
// hint, and returns its 1-based line span. A comment thus stays on its lines
// when lines are inserted or removed above them; when the quoted lines were
// edited, it keeps to the line that still matches best (the first or last
// quoted line); ok is false when none of them is left.
func Anchor(text, quote string, hint int) (from, to int, ok bool) {
	if quote == "" {
		return 0, 0, false
	}
	lines := strings.Split(text, "\n")
	q := strings.Split(quote, "\n")
	best, bestDist := -1, 0
	for i := 0; i+len(q) <= len(lines); i++ {
		match := true
		for k := range q {
			if lines[i+k] != q[k] {
				match = false
				break
			}
		}
		if match {
			if d := abs(i + 1 - hint); best < 0 || d < bestDist {
				best, bestDist = i, d
			}
		}
	}
	if best >= 0 {
		return best + 1, best + len(q), true
	}
	// The span was edited: keep to a surviving quoted line.
	for _, want := range []string{q[0], q[len(q)-1]} {
		if strings.TrimSpace(want) == "" {
			continue
		}
		best = -1
		for i, l := range lines {
			if l == want {
				if d := abs(i + 1 - hint); best < 0 || d < bestDist {
					best, bestDist = i, d
				}
			}
		}
		if best >= 0 {
			return best + 1, best + 1, true
		}
	}
	return 0, 0, false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
