package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/zalando/go-keyring"
)

// A writers' room project lives in a PostgreSQL database instead of a file:
// its location is a postgres:// URL, one database per series. The tables are
// the file's (project, episode, snapshot) plus what sharing needs; the same
// code saves and loads both (see txn), so the behaviour is the same: each
// episode saved in its own transaction, history with the automatic snapshot
// policy, every project field kept. The server records who made each
// snapshot and each save.
//
// The password never lives in the project or the URL the app remembers: it
// comes from PGPASSFILE (~/.pgpass) or, when the server asks for one and the
// pass file has none, from the OS keychain (service KeyringService, account
// user@host:port).

// KeyringService is the OS keychain service holding writers' room passwords.
const KeyringService = "duanju-studio-room"

// IsURL reports whether loc names a writers' room project on a PostgreSQL
// server rather than a file.
func IsURL(loc string) bool {
	l := strings.ToLower(loc)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact returns loc with any password removed (for titles, recents, logs).
func Redact(loc string) string {
	scheme, rest, ok := strings.Cut(loc, "://")
	if !ok {
		return loc
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth := rest[:end]
	at := strings.LastIndex(auth, "@")
	if at < 0 {
		return loc
	}
	user, _, _ := strings.Cut(auth[:at], ":")
	return scheme + "://" + user + auth[at:] + rest[end:]
}

// pgState is what a store on a server has beyond the file store's fields.
type pgState struct {
	cfg      *pgx.ConnConfig
	user     string           // the login role: who saves
	versions map[string]int64 // episode id → text version this client last loaded or saved
	journal  *journal         // where saves go while the server is unreachable; nil: none
	// offlineUntil: after a failed save, saves go straight to the journal
	// until then instead of waiting for a connection timeout each time.
	offlineUntil time.Time
	importing    bool // Create: the project comes as it is (no waiver stamps)
}

// KeychainAccount is the keychain account name of a server login.
func KeychainAccount(user, host string, port uint16) string {
	return fmt.Sprintf("%s@%s:%d", user, host, port)
}

// pgConfig parses a postgres:// URL; the password comes from the URL, the
// pass file (pgx reads PGPASSFILE / ~/.pgpass) or later the keychain.
func pgConfig(loc string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(loc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(loc), err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 3 * time.Second
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "duanju-studio"
	return cfg, nil
}

// pgOpenDB connects, asking the keychain for a password when the server
// wants one the URL and the pass file did not give.
func pgOpenDB(ctx context.Context, cfg *pgx.ConnConfig) (*sql.DB, error) {
	db := stdlib.OpenDB(*cfg)
	err := db.PingContext(ctx)
	if err != nil && cfg.Password == "" && isAuthError(err) {
		if pw, kerr := keyring.Get(KeyringService, KeychainAccount(cfg.User, cfg.Host, cfg.Port)); kerr == nil && pw != "" {
			db.Close()
			c2 := cfg.Copy()
			c2.Password = pw
			*cfg = *c2
			db = stdlib.OpenDB(*cfg)
			err = db.PingContext(ctx)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	return db, nil
}

func isAuthError(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "28P01" || pe.Code == "28000"
	}
	return strings.Contains(err.Error(), "password")
}

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// ServerError is returned when the server cannot be reached or refuses the
// login; the message says what to check.
type ServerError struct {
	Loc string
	Err error
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("cannot reach the writers' room at %s: %v (check the server, the network and the password in ~/.pgpass or the keychain)", e.Loc, e.Err)
}

// ZH returns the message in Chinese.
func (e *ServerError) ZH() string {
	return fmt.Sprintf("无法连接编剧室 %s：%v（请检查服务器、网络，以及 ~/.pgpass 或系统钥匙串中的密码）", e.Loc, e.Err)
}

func (e *ServerError) Unwrap() error { return e.Err }

func openPG(loc string, readOnly bool, o options) (*Store, error) {
	cfg, err := pgConfig(loc)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	red := Redact(loc)
	db, err := pgOpenDB(ctx, cfg)
	if err != nil {
		if pgCode(err) == "3D000" {
			return nil, &NotProjectError{Path: red, Reason: "the server has no such database; push a project there first (duanju-cli push)",
				Zh: "服务器上没有这个数据库，请先上传项目（duanju-cli push）"}
		}
		return nil, &ServerError{Loc: red, Err: err}
	}
	s := &Store{path: red, db: db, opts: o, pg: newPGState(cfg, o)}
	if readOnly {
		s.readOnly = &ReadOnlyError{Path: red, Reason: "it was opened for reading only", Zh: "以只读方式打开"}
	}
	if err := s.initPG(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// initPG checks the schema version and upgrades an older one.
func (s *Store) initPG(ctx context.Context) error {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM duanju_meta WHERE key = 'schema_version'").Scan(&v)
	if pgCode(err) == "42P01" || errors.Is(err, sql.ErrNoRows) {
		return &NotProjectError{Path: s.path, Reason: "the database holds no Duanju Studio project; push one there first (duanju-cli push)",
			Zh: "这个数据库里没有短剧工坊项目，请先上传（duanju-cli push）"}
	}
	if err != nil {
		return &ServerError{Loc: s.path, Err: err}
	}
	version, err := strconv.Atoi(v)
	if err != nil || version <= 0 {
		return &NotProjectError{Path: s.path, Reason: fmt.Sprintf("it has no valid schema version (%q)", v),
			Zh: fmt.Sprintf("结构版本无效（%q）", v)}
	}
	if version > len(pgMigrations) {
		return &VersionError{Path: s.path, FileVersion: version, AppVersion: len(pgMigrations)}
	}
	if version < len(pgMigrations) {
		if s.readOnly != nil {
			return &ReadOnlyError{Path: s.path,
				Reason: fmt.Sprintf("it needs an upgrade from schema %d, which cannot be done read-only", version),
				Zh:     fmt.Sprintf("需要从结构版本 %d 升级，只读时无法升级", version)}
		}
		return migratePG(ctx, s.db)
	}
	return nil
}

// createPG makes a new writers' room project at loc, creating the database
// if the server has none of that name, and refuses a database that already
// holds a project.
func createPG(loc string, p *script.Project, o options) (*Store, error) {
	cfg, err := pgConfig(loc)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	red := Redact(loc)
	db, err := pgOpenDB(ctx, cfg)
	if pgCode(err) == "3D000" {
		if err := createDatabase(ctx, cfg); err != nil {
			return nil, &ServerError{Loc: red, Err: err}
		}
		db, err = pgOpenDB(ctx, cfg)
	}
	if err != nil {
		return nil, &ServerError{Loc: red, Err: err}
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM duanju_meta").Scan(&n)
	if err == nil {
		db.Close()
		return nil, &ExistsError{Path: red}
	}
	if pgCode(err) != "42P01" {
		db.Close()
		return nil, &ServerError{Loc: red, Err: err}
	}
	if err := migratePG(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{path: red, db: db, opts: o, pg: newPGState(cfg, o)}
	if p == nil {
		p = &script.Project{}
	}
	s.pg.importing = true // a push keeps who approved each waiver in the file
	err = s.inTx(ctx, func(tx *txn) error { return s.saveProjectTx(ctx, tx, p, true) })
	s.pg.importing = false
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// createDatabase creates cfg's database through the server's maintenance
// database (the login needs CREATEDB).
func createDatabase(ctx context.Context, cfg *pgx.ConnConfig) error {
	mc := cfg.Copy()
	mc.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, mc)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	q := "CREATE DATABASE " + pgx.Identifier{cfg.Database}.Sanitize() + " ENCODING 'UTF8' TEMPLATE template0"
	if v, _ := strconv.Atoi(strings.SplitN(conn.PgConn().ParameterStatus("server_version"), ".", 2)[0]); v >= 15 {
		q += " STRATEGY FILE_COPY" // a small new database: copying files is much faster than logging them
	}
	_, err = conn.Exec(ctx, q)
	return err
}

// migratePG brings the database to the newest schema in one transaction; an
// advisory lock keeps two clients from upgrading at once.
func migratePG(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(4474535400)"); err != nil {
		return err
	}
	from := 0
	var v string
	if _, err := tx.ExecContext(ctx, "SAVEPOINT probe"); err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, "SELECT value FROM duanju_meta WHERE key = 'schema_version'").Scan(&v)
	switch {
	case err == nil:
		from, _ = strconv.Atoi(v)
	case pgCode(err) == "42P01":
		if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT probe"); err != nil {
			return err
		}
	default:
		return err
	}
	for i := from; i < len(pgMigrations); i++ {
		if _, err := tx.ExecContext(ctx, pgMigrations[i]); err != nil {
			return fmt.Errorf("upgrade writers' room schema %d → %d: %w", i, i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO duanju_meta(key, value) VALUES('schema_version', $1)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.Itoa(len(pgMigrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// pgMigrations[i] takes a writers' room database from schema i to i+1.
var pgMigrations = []string{pgSchemaV1, pgSchemaV2}

// Schema v1: the file's tables, with server-side bookkeeping. Bodies are
// bytea, not text: the editor's text is kept byte for byte, NUL and invalid
// UTF-8 included, as in a file. version counts
// the saves of an episode (a client compares it to detect a conflicting
// edit); updated_by is who saved last. Each change is announced on the
// channel duanju (LISTEN/NOTIFY) as JSON {"table","id","version","by"}.
const pgSchemaV1 = `
CREATE TABLE duanju_meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);
INSERT INTO duanju_meta(key, value) VALUES('application', 'DJST');

CREATE TABLE project (
	key   text PRIMARY KEY,
	value text NOT NULL
);

CREATE TABLE episode (
	id         text PRIMARY KEY,
	position   integer NOT NULL,
	number     integer NOT NULL,
	title      text NOT NULL DEFAULT '',
	body       bytea NOT NULL DEFAULT '',
	status     text NOT NULL DEFAULT '',
	notes      text NOT NULL DEFAULT '',
	extra      text,
	updated    bigint NOT NULL DEFAULT 0,
	version    bigint NOT NULL DEFAULT 1,
	updated_by text NOT NULL DEFAULT current_user
);
CREATE INDEX episode_position ON episode(position, number);

CREATE TABLE snapshot (
	id         bigserial PRIMARY KEY,
	episode_id text NOT NULL,
	created    bigint NOT NULL,
	kind       text NOT NULL,
	label      text NOT NULL DEFAULT '',
	number     integer NOT NULL DEFAULT 0,
	title      text NOT NULL DEFAULT '',
	body       bytea NOT NULL,
	hash       text NOT NULL,
	chars      integer NOT NULL DEFAULT 0,
	author     text NOT NULL DEFAULT current_user
);
CREATE INDEX snapshot_episode ON snapshot(episode_id, created);

CREATE FUNCTION duanju_episode_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- version counts changes of the text only: a reorder by the head
	-- writer does not make a writer's next save a conflict.
	IF NEW.body IS DISTINCT FROM OLD.body THEN
		NEW.version := OLD.version + 1;
		NEW.updated_by := current_user;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER episode_stamp BEFORE UPDATE ON episode
	FOR EACH ROW EXECUTE FUNCTION duanju_episode_stamp();

CREATE FUNCTION duanju_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
	IF TG_TABLE_NAME = 'episode' THEN
		PERFORM pg_notify('duanju', json_build_object('table', 'episode', 'op', TG_OP, 'id', r.id,
			'version', r.version, 'by', current_user)::text);
	END IF;
	RETURN NULL;
END $$;
CREATE FUNCTION duanju_notify_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('duanju', json_build_object('table', TG_TABLE_NAME, 'op', TG_OP, 'by', current_user)::text);
	RETURN NULL;
END $$;
CREATE TRIGGER episode_notify AFTER INSERT OR UPDATE OR DELETE ON episode
	FOR EACH ROW EXECUTE FUNCTION duanju_notify();
CREATE TRIGGER project_notify AFTER INSERT OR UPDATE OR DELETE ON project
	FOR EACH STATEMENT EXECUTE FUNCTION duanju_notify_table();
`

func newPGState(cfg *pgx.ConnConfig, o options) *pgState {
	st := &pgState{cfg: cfg, user: cfg.User, versions: map[string]int64{}}
	if o.journalDir != "" {
		st.journal = &journal{path: journalPath(o.journalDir, cfg)}
	}
	return st
}
