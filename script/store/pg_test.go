package store

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
)

func pgExec(t testing.TB, url, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestPGNewerSchemaRefused(t *testing.T) {
	pgOnly(t)
	url := tempProject(t)
	s := mustCreate(t, url, fullProject())
	s.Close()
	pgExec(t, url, "UPDATE duanju_meta SET value = '99' WHERE key = 'schema_version'")
	if _, err := Open(url); !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("want ErrNewerVersion, got %v", err)
	}
}

func TestPGEmptyDatabaseIsNotAProject(t *testing.T) {
	pgOnly(t)
	if _, err := Open(testPG.AdminURL("postgres")); !errors.Is(err, ErrNotProject) {
		t.Fatalf("want ErrNotProject, got %v", err)
	}
	if _, err := Open(testPG.AdminURL("没有这个库")); !errors.Is(err, ErrNotProject) {
		t.Fatalf("missing database: want ErrNotProject, got %v", err)
	}
	url := tempProject(t)
	mustCreate(t, url, fullProject())
	if _, err := Create(url, fullProject()); !errors.Is(err, ErrExists) {
		t.Fatalf("second Create: want ErrExists, got %v", err)
	}
}

func TestPGSnapshotRecordsWho(t *testing.T) {
	pgOnly(t)
	p := fullProject()
	s := mustCreate(t, tempProject(t), p)
	if !s.Shared() {
		t.Fatal("not shared")
	}
	info, err := s.Snapshot(p.Episodes[0].ID, "初稿")
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.History(p.Episodes[0].ID)
	if err != nil || len(h) != 1 || h[0].Author != "duanju_admin" || info.Author != "duanju_admin" {
		t.Fatalf("author not recorded: %+v %+v %v", info, h, err)
	}
}

func TestRedact(t *testing.T) {
	if got := Redact("postgres://王一:秘:密@db.studio:5432/豫见?sslmode=disable"); got != "postgres://王一@db.studio:5432/豫见?sslmode=disable" {
		t.Fatalf("Redact = %s", got)
	}
	if !IsURL("postgresql://x/y") || IsURL("/tmp/a.duanju") {
		t.Fatal("IsURL")
	}
}
