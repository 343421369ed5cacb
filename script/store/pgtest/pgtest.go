// Package pgtest starts a throwaway PostgreSQL server for tests and
// benchmarks: Debian's postgresql package (/usr/lib/postgresql/N/bin),
// initdb into a temporary folder, a random free port on 127.0.0.1, the unix
// socket in that folder, trust authentication for local test roles. The
// server refuses to run as root, so under root (CI) it runs as the user
// postgres through runuser.
//
// One server per test binary: call Main from TestMain.
package pgtest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Admin is the superuser initdb creates (the studio admin in tests).
const Admin = "duanju_admin"

// Server is a running test server.
type Server struct {
	Dir  string // temporary folder: data, socket, log
	Bin  string // PostgreSQL's bin folder
	Port int
	as   string // run the server's programs as this user ("" = as we are)
	dbs  atomic.Int64
}

// ErrNotInstalled means no PostgreSQL server binaries were found.
var ErrNotInstalled = errors.New("PostgreSQL server binaries not found (Debian: apt-get install postgresql; make test installs it)")

// BinDir finds the newest /usr/lib/postgresql/N/bin with initdb, or the
// folder of initdb on PATH.
func BinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start initialises and starts a server.
func Start() (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	reapOrphans(bin)
	dir, err := os.MkdirTemp("", "duanju-pg-")
	if err != nil {
		return nil, err
	}
	// Who started it: a test binary that died (a panic skips Stop) leaves
	// its server running; the next Start stops it (reapOrphans).
	if err := os.WriteFile(filepath.Join(dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{Dir: dir, Bin: bin}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and there is no user postgres to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		s.as = "postgres"
	}
	if out, err := s.run("initdb", "-D", s.data(), "-U", Admin, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	conf := "listen_addresses = '127.0.0.1'\nunix_socket_directories = '" + dir + "'\nfsync = off\nmax_connections = 200\n"
	if err := s.appendConf(conf); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.Dir, "data") }

// reapOrphans stops and removes the test servers of processes that are
// gone.
func reapOrphans(bin string) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "duanju-pg-*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner"))
		if err != nil {
			continue // not ours, or still being set up
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		s := &Server{Dir: d, Bin: bin}
		if st, err := os.Stat(d); err == nil && os.Geteuid() == 0 && st.Sys() != nil {
			s.as = "postgres"
		}
		s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop")
		os.RemoveAll(d)
	}
}

func processAlive(pid int) bool {
	_, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	return err == nil
}

func (s *Server) appendConf(text string) error {
	f, err := os.OpenFile(filepath.Join(s.data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// run runs one of the server's programs (as postgres under root).
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	name := filepath.Join(s.Bin, prog)
	if s.as != "" {
		args = append([]string{"-u", s.as, "--", name}, args...)
		name = "runuser"
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = s.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd.CombinedOutput()
}

// start picks a free port and starts the server, waiting until it accepts
// connections.
func (s *Server) start() error {
	var last error
	for range 5 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if s.Port != 0 {
			port = s.Port // a restart keeps its port: clients reconnect to the same URL
		}
		out, err := s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(s.Dir, "log"), "-w", "-t", "60",
			"-o", "-p "+strconv.Itoa(port), "start")
		if err == nil {
			s.Port = port
			return nil
		}
		log, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
		last = fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, tail(log))
		if s.Port != 0 {
			time.Sleep(time.Second)
		}
	}
	return last
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// Stop shuts the server down and removes its folder.
func (s *Server) Stop() {
	s.run("pg_ctl", "-D", s.data(), "-m", "fast", "-w", "stop")
	os.RemoveAll(s.Dir)
}

// Kill stops the server at once, as a crash would (no clean shutdown: the
// server recovers from its log on the next start).
func (s *Server) Kill() error {
	out, err := s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// Restart starts a stopped server again on the same port.
func (s *Server) Restart() error { return s.start() }

// URL is a connection URL for user to database db over TCP.
func (s *Server) URL(user, db string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", user, s.Port, db)
}

// AdminURL connects as the superuser to db.
func (s *Server) AdminURL(db string) string { return s.URL(Admin, db) }

// NewDBName returns a database name not used before by this server.
func (s *Server) NewDBName(prefix string) string {
	return fmt.Sprintf("%s_%d", prefix, s.dbs.Add(1))
}

// Psql runs SQL as the admin on db (setup in tests).
func (s *Server) Psql(db, sql string) error {
	out, err := s.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.Dir, "-p", strconv.Itoa(s.Port),
		"-U", Admin, "-d", db, "-c", sql)
	if err != nil {
		return fmt.Errorf("psql: %v\n%s", err, out)
	}
	return nil
}

// Main runs a test binary's tests with one server started before and
// stopped after. Without PostgreSQL the tests that need it skip (the
// server is nil) — except in CI (CI=true), where that is a failure.
func Main(m *testing.M, set func(*Server)) int {
	srv, err := Start()
	if err != nil {
		if Required() {
			fmt.Fprintf(os.Stderr, "FAIL: CI=true and no PostgreSQL test server: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "pgtest: no PostgreSQL test server, its tests skip: %v\n", err)
		set(nil)
		return m.Run()
	}
	set(srv)
	code := m.Run()
	srv.Stop()
	return code
}

// Required reports whether a missing server is a failure (in CI).
func Required() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}

// Skip skips t when srv is nil (no PostgreSQL here).
func Skip(t testing.TB, srv *Server) {
	t.Helper()
	if srv == nil {
		t.Skip("no PostgreSQL server binaries (apt-get install postgresql); CI runs these tests")
	}
}
