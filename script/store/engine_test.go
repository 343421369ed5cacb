package store

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/duanju-studio/duanju/script/store/pgtest"
	"github.com/jackc/pgx/v5"
)

// The store's whole test suite runs on both engines: first on .duanju
// files, then this binary runs itself again with engineEnv=postgres against a
// throwaway PostgreSQL server, where tempProject names a fresh database.
// Tests of what only a file has (headers, locks, temp files, Save As) skip
// there with sqliteOnly.

const engineEnv = "DUANJU_STORE_ENGINE"

var testPG *pgtest.Server // set in the postgres run

func onPG() bool { return os.Getenv(engineEnv) == "postgres" }

func TestMain(m *testing.M) {
	if onPG() {
		os.Exit(pgtest.Main(m, func(s *pgtest.Server) { testPG = s }))
	}
	code := m.Run()
	if code == 0 && rerun() {
		code = runOnPostgres()
	}
	os.Exit(code)
}

// rerun reports whether this run should be repeated on PostgreSQL (not for
// fuzzing or listing).
func rerun() bool {
	for _, name := range []string{"test.fuzz", "test.list"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return false
		}
	}
	return os.Getenv("DUANJU_STORE_SQLITE_ONLY") == ""
}

func runOnPostgres() int {
	if _, err := pgtest.BinDir(); err != nil {
		if pgtest.Required() {
			fmt.Fprintf(os.Stderr, "FAIL: CI=true and the PostgreSQL engine cannot be tested: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "store: PostgreSQL engine not tested (skipped): %v\n", err)
		return 0
	}
	fmt.Println("=== store: the same suite on the PostgreSQL engine")
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), engineEnv+"=postgres")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// sqliteOnly skips a test of what only a .duanju file has.
func sqliteOnly(t testing.TB) {
	t.Helper()
	if onPG() {
		t.Skip("a .duanju file matter; not on the PostgreSQL engine")
	}
}

// pgOnly skips a test of the writers' room outside the postgres run.
func pgOnly(t testing.TB) {
	t.Helper()
	if !onPG() {
		t.Skip("runs in the PostgreSQL pass of this suite")
	}
	pgtest.Skip(t, testPG)
}

// newPGDatabase returns the admin URL of a fresh database name (not yet
// created: Create makes it) and drops it after the test.
func newPGDatabase(t testing.TB) string {
	t.Helper()
	pgtest.Skip(t, testPG)
	name := testPG.NewDBName("t")
	t.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, testPG.AdminURL("postgres"))
		if err == nil {
			conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
			conn.Close(ctx)
		}
	})
	return testPG.AdminURL(name)
}
