package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// txn is a transaction of either engine. The store's SQL is written once with
// SQLite's ? placeholders; on PostgreSQL they become $1, $2, …
type txn struct {
	*sql.Tx
	pg bool
}

func (t *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, rebind(q, t.pg), args...)
}

func (t *txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, rebind(q, t.pg), args...)
}

func (t *txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, rebind(q, t.pg), args...)
}

// rebind turns ? placeholders into PostgreSQL's $n. The store's queries have
// no ? inside string literals.
func rebind(q string, pg bool) string {
	if !pg || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPG reports whether the store is on a PostgreSQL server.
func (s *Store) isPG() bool { return s.pg != nil }

// query and queryRow run a statement outside a transaction on either engine.
func (s *Store) query(q string, args ...any) (*sql.Rows, error) {
	return s.db.Query(rebind(q, s.isPG()), args...)
}

func (s *Store) queryRow(q string, args ...any) *sql.Row {
	return s.db.QueryRow(rebind(q, s.isPG()), args...)
}

// body is an episode text as a statement argument: bytes on PostgreSQL (a
// bytea column, so NUL and invalid UTF-8 survive as in a file), a string on
// SQLite.
func (t *txn) body(b string) any {
	if t.pg {
		return []byte(b)
	}
	return b
}
