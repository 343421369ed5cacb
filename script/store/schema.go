package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplicationID marks a SQLite file as a Duanju Studio project
// (PRAGMA application_id, bytes 68–71 of the header): "DJST".
const ApplicationID = 0x444A5354

// SchemaVersion is the schema this build writes (PRAGMA user_version).
// Raise it only by appending to migrations.
const SchemaVersion = 1

// migration takes the schema from version index to index+1. Each runs in the
// same transaction as the user_version bump, so a failed upgrade leaves the
// file as it was.
type migration func(ctx context.Context, tx *sql.Tx) error

// migrations[i] upgrades version i to i+1. A variable so that tests can
// exercise an upgrade path beyond the current schema.
var migrations = []migration{
	migrateV1,
}

// Schema v1.
//
//   - project: one row per top-level field of script.Project (except
//     Episodes), the value being that field's JSON. New model fields persist
//     without a migration; keys this build does not know are kept untouched.
//   - episode: one row per episode, keyed by a stable id; position orders
//     them, number is the episode number as written. extra holds the JSON of
//     episode fields that have no column yet.
//   - snapshot: saved versions of an episode's text (history). Rows of a
//     deleted episode stay, so a deletion can be undone.
//   - session: clean-shutdown flag and bookkeeping.
const schemaV1 = `
CREATE TABLE project (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE episode (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	number   INTEGER NOT NULL,
	title    TEXT NOT NULL DEFAULT '',
	body     TEXT NOT NULL DEFAULT '',
	status   TEXT NOT NULL DEFAULT '',
	notes    TEXT NOT NULL DEFAULT '',
	extra    TEXT,
	updated  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX episode_position ON episode(position, number);

CREATE TABLE snapshot (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	episode_id TEXT NOT NULL,
	created    INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	label      TEXT NOT NULL DEFAULT '',
	number     INTEGER NOT NULL DEFAULT 0,
	title      TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL,
	hash       TEXT NOT NULL,
	chars      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX snapshot_episode ON snapshot(episode_id, created);

CREATE TABLE session (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
`

func migrateV1(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, schemaV1)
	return err
}

// migrate brings the database from version from to the newest version, in one
// transaction.
func migrate(ctx context.Context, db *sql.DB, from int) error {
	target := len(migrations)
	if from >= target {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for v := from; v < target; v++ {
		if err := migrations[v](ctx, tx); err != nil {
			return fmt.Errorf("upgrade project schema %d → %d: %w", v, v+1, err)
		}
	}
	// PRAGMA user_version is transactional: it is part of page 1.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", target)); err != nil {
		return err
	}
	return tx.Commit()
}

// currentVersion is the schema version this build (with its migrations) writes.
func currentVersion() int { return len(migrations) }
