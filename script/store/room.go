package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/jackc/pgx/v5"
)

// The writers' room: what a project on a server has beyond a file. On a
// .duanju file these return ErrNotShared.

// ErrNotShared is returned by writers' room calls on a .duanju file.
var ErrNotShared = errors.New("not a writers' room project (a local file has one writer)")

// ErrNotAllowed is returned when the server refuses a change to this login:
// the episode is someone else's, locked, or leased by another person.
var ErrNotAllowed = errors.New("not allowed in the writers' room")

// Role is a writers' room role (a PostgreSQL group role).
type Role string

const (
	RoleHead       Role = "duanju_head"       // head writer: everything, assigns and locks
	RoleWriter     Role = "duanju_writer"     // edits assigned episodes, reads the rest
	RoleReviewer   Role = "duanju_reviewer"   // check, waivers with a reason, comments
	RoleTranslator Role = "duanju_translator" // subtitle tracks only
)

// ParseRole accepts head, writer, reviewer, translator (or the role name).
func ParseRole(s string) (Role, error) {
	switch strings.TrimPrefix(strings.ToLower(s), "duanju_") {
	case "head", "headwriter", "主编剧":
		return RoleHead, nil
	case "writer", "编剧":
		return RoleWriter, nil
	case "reviewer", "审核":
		return RoleReviewer, nil
	case "translator", "译者":
		return RoleTranslator, nil
	}
	return "", fmt.Errorf("unknown role %q (head, writer, reviewer, translator)", s)
}

// LeaseTTL is how long a lease lasts without a heartbeat; the app renews it
// every LeaseTTL/3 while the episode is open for editing.
const LeaseTTL = 30 * time.Second

// Lease says who edits an episode until when.
type Lease struct {
	EpisodeID string
	Holder    string
	Expires   time.Time
	Mine      bool // held by this login
}

// RightsError says why the server refused a change.
type RightsError struct {
	Path, Episode, Reason, Zh string
	Cause                     error
}

func (e *RightsError) Error() string {
	if e.Episode == "" {
		return fmt.Sprintf("%s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("%s: episode %s: %s", e.Path, e.Episode, e.Reason)
}

// ZH returns the message in Chinese.
func (e *RightsError) ZH() string {
	if e.Episode == "" {
		return fmt.Sprintf("%s%s", e.Path, e.Zh)
	}
	return fmt.Sprintf("%s：第 %s 集%s", e.Path, e.Episode, e.Zh)
}

func (e *RightsError) Is(target error) bool { return target == ErrNotAllowed }
func (e *RightsError) Unwrap() error        { return e.Cause }

// User is the login role saves are recorded under ("" for a file).
func (s *Store) User() string {
	if s.pg == nil {
		return ""
	}
	return s.pg.user
}

func (s *Store) sharedErr() error {
	if s.db == nil {
		return ErrClosed
	}
	if s.pg == nil {
		return ErrNotShared
	}
	return nil
}

// AddMember creates a login for a person (or changes its password) and
// makes it a member of role. Needs an admin login (CREATEROLE). An empty
// password leaves it unchanged (or none: PGPASSFILE/peer authentication).
func (s *Store) AddMember(login, password string, role Role) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return err
	}
	ctx := context.Background()
	var exists bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", login).Scan(&exists); err != nil {
		return err
	}
	verb := "CREATE"
	if exists {
		verb = "ALTER"
	}
	var stmt string
	if password != "" {
		if err := s.db.QueryRowContext(ctx, "SELECT format('"+verb+" ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)", login, password).Scan(&stmt); err != nil {
			return err
		}
	} else if err := s.db.QueryRowContext(ctx, "SELECT format('"+verb+" ROLE %I LOGIN', $1::text)", login).Scan(&stmt); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, stmt); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "GRANT "+pgx.Identifier{string(role)}.Sanitize()+" TO "+pgx.Identifier{login}.Sanitize())
	return err
}

// Assign gives an episode to a writer ("" = nobody). Head writer or admin.
func (s *Store) Assign(epID, login string) error {
	return s.roomUpdate(epID, "UPDATE episode SET assignee = NULLIF($1, '') WHERE id = $2", login, epID)
}

// SetLocked locks an approved episode against edits (or unlocks it). Head
// writer or admin.
func (s *Store) SetLocked(epID string, locked bool) error {
	return s.roomUpdate(epID, "UPDATE episode SET locked = $1 WHERE id = $2", locked, epID)
}

func (s *Store) roomUpdate(epID, q string, args ...any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return err
	}
	res, err := s.db.ExecContext(context.Background(), q, args...)
	if err != nil {
		return s.rightsErr(epID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return s.rightsErr(epID, nil)
	}
	return nil
}

// TakeLease takes or renews the lease of an episode for this login. It
// returns the lease as it is now: Mine is false when someone else holds an
// unexpired one (force takes it over at once, for the head writer only).
func (s *Store) TakeLease(epID string, force bool) (Lease, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return Lease{}, err
	}
	l := Lease{EpisodeID: epID}
	err := s.db.QueryRowContext(context.Background(), "SELECT holder, expires FROM duanju_take_lease($1, $2, $3)",
		epID, int(LeaseTTL/time.Second), force).Scan(&l.Holder, &l.Expires)
	l.Mine = l.Holder == s.pg.user
	return l, err
}

// ReleaseLease gives up this login's lease of an episode.
func (s *Store) ReleaseLease(epID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(context.Background(), "SELECT duanju_release_lease($1)", epID)
	return err
}

// EpisodeState is an episode's place in the room.
type EpisodeState struct {
	ID, Assignee, UpdatedBy string
	Number                  int
	Locked                  bool
	Version                 int64
	Lease                   *Lease // nil when nobody holds an unexpired lease
}

// Room lists every episode's assignment, lock, lease and version, in order.
func (s *Store) Room() ([]EpisodeState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sharedErr(); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(context.Background(), `SELECT e.id, e.number, COALESCE(e.assignee, ''), e.locked,
		e.version, e.updated_by, l.holder, l.expires
		FROM episode e LEFT JOIN lease l ON l.episode_id = e.id AND l.expires > now()
		ORDER BY e.position, e.number, e.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EpisodeState
	for rows.Next() {
		var st EpisodeState
		var holder sql.NullString
		var expires sql.NullTime
		if err := rows.Scan(&st.ID, &st.Number, &st.Assignee, &st.Locked, &st.Version, &st.UpdatedBy, &holder, &expires); err != nil {
			return nil, err
		}
		if holder.Valid {
			st.Lease = &Lease{EpisodeID: st.ID, Holder: holder.String, Expires: expires.Time, Mine: holder.String == s.pg.user}
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// rightsErr explains a refused change of an episode (cause: the server's
// error, or nil when an update matched no row it may change).
func (s *Store) rightsErr(epID string, cause error) error {
	if cause != nil && pgCode(cause) != "42501" && pgCode(cause) != "" {
		return cause
	}
	if cause != nil && pgCode(cause) == "" {
		return cause
	}
	ctx := context.Background()
	var num int
	var assignee, holder sql.NullString
	var locked bool
	err := s.db.QueryRowContext(ctx, `SELECT e.number, e.assignee, e.locked,
		(SELECT holder FROM lease l WHERE l.episode_id = e.id AND l.expires > now() AND l.holder <> current_user)
		FROM episode e WHERE e.id = $1`, epID).Scan(&num, &assignee, &locked, &holder)
	e := &RightsError{Path: s.path, Episode: epID, Cause: cause}
	if err == nil {
		e.Episode = fmt.Sprint(num)
	}
	switch {
	case err != nil:
		e.Reason, e.Zh = "your role may not make this change", "：你的角色无权做这项修改"
	case holder.Valid:
		e.Reason, e.Zh = holder.String+" is editing it (read-only until they close it or the lease expires)",
			"正由 "+holder.String+" 编辑（对方关闭或租约过期前只读）"
	case locked:
		e.Reason, e.Zh = "it is locked (approved); ask the head writer", "已锁定（已通过），请联系主编剧"
	case assignee.String != s.pg.user:
		who := assignee.String
		if who == "" {
			who = "nobody"
		}
		e.Reason, e.Zh = "it is assigned to "+who+"; you can read it", "分配给了 "+who+"，你只能阅读"
	default:
		e.Reason, e.Zh = "your role may not make this change", "：你的角色无权做这项修改"
	}
	return e
}

// Change is one notification from the server: someone saved an episode
// (Table "episode", ID, Version), the project sections, a lease or a
// comment. Table "*" after a reconnection: reload everything.
type Change struct {
	Table   string `json:"table"`
	Op      string `json:"op"`
	ID      string `json:"id"`
	Version int64  `json:"version"`
	By      string `json:"by"`
}

// Listen calls f for every change the server announces (LISTEN duanju)
// until ctx ends, on a connection of its own. When the connection drops it
// reconnects (every second) and then reports Change{Table: "*"}. f runs on
// Listen's goroutine. ready, if not nil, is closed once listening.
func (s *Store) Listen(ctx context.Context, f func(Change), ready chan<- struct{}) error {
	s.mu.Lock()
	if err := s.sharedErr(); err != nil {
		s.mu.Unlock()
		return err
	}
	cfg := s.pg.cfg.Copy()
	s.mu.Unlock()
	first := true
	for ctx.Err() == nil {
		err := listenOnce(ctx, cfg, f, func() {
			if first {
				first = false
				if ready != nil {
					close(ready)
				}
				return
			}
			f(Change{Table: "*"})
		})
		if ctx.Err() != nil {
			break
		}
		_ = err
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
	return ctx.Err()
}

func listenOnce(ctx context.Context, cfg *pgx.ConnConfig, f func(Change), up func()) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN duanju"); err != nil {
		return err
	}
	up()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var c Change
		if json.Unmarshal([]byte(n.Payload), &c) == nil {
			f(c)
		}
	}
}

// Editable reports whether this login may edit an episode's text now; when
// not, the error says why (assigned to whom, locked, who is editing it). The
// server enforces the same on save; this lets the app show the episode
// read-only up front.
func (s *Store) Editable(epID string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return false, ErrClosed
	}
	if s.pg == nil {
		return s.readOnly == nil, nil
	}
	var ok bool
	err := s.db.QueryRowContext(context.Background(), `SELECT
		((SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'episode') = current_user
		 OR duanju_is('duanju_head')
		 OR (duanju_is('duanju_writer') AND e.assignee = current_user AND NOT e.locked))
		AND duanju_free_for_me(e.id)
		FROM episode e WHERE e.id = $1`, epID).Scan(&ok)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil // new, not on the server yet
	}
	if err != nil {
		return false, err
	}
	if ok {
		return true, nil
	}
	return false, s.rightsErr(epID, nil)
}

// Keep puts an episode's text into the offline journal (a conflict not
// merged yet): it is never lost, and the next Sync reports the conflict
// again.
func (s *Store) Keep(ep *script.Episode) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pg == nil || s.pg.journal == nil {
		return ErrNotShared
	}
	err := s.journalEpisode(ep, nil)
	if errors.Is(err, ErrOffline) {
		return nil
	}
	return err
}
