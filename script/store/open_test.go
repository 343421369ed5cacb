package store

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

func TestOpenNotAProject(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	var zipBuf bytes.Buffer
	zw := zip.NewWriter(&zipBuf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()

	otherDB := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", otherDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes(x TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	otherBytes, _ := os.ReadFile(otherDB)

	tests := []struct {
		name    string
		content []byte
		dir     bool
		want    string // in the English message
	}{
		{name: "text.duanju", content: []byte("第1集 归来\n1-1 日 内 客厅\n△林晚推门进来。\n"), want: "import"},
		{name: "script.docx.duanju", content: zipBuf.Bytes(), want: "zip"},
		{name: "empty.duanju", content: nil, want: "empty"},
		{name: "other.duanju", content: otherBytes, want: "another program"},
		{name: "short.duanju", content: []byte("SQLite format 3\x00abc"), want: "cut short"},
		{name: "folder.duanju", dir: true, want: "folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if tt.dir {
				os.Mkdir(path, 0o755)
			} else if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened a file that is not a project")
			}
			if !errors.Is(err, ErrNotProject) {
				t.Fatalf("want ErrNotProject, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q lacks %q", err, tt.want)
			}
			if zh := ZH(err); !strings.Contains(zh, "不是短剧工坊项目文件") {
				t.Errorf("Chinese message %q", zh)
			}
			if !tt.dir {
				if b, _ := os.ReadFile(path); !bytes.Equal(b, tt.content) {
					t.Errorf("file was modified")
				}
			}
			if _, err := os.Stat(lockPath(path)); err == nil {
				t.Errorf("lock file left behind")
			}
		})
	}
}

func TestOpenMissingFile(t *testing.T) {
	sqliteOnly(t)
	_, err := Open(filepath.Join(t.TempDir(), "nope.duanju"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("want ErrNotExist, got %v", err)
	}
}

// setUserVersion rewrites the schema version of a closed project.
func setUserVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		t.Fatal(err)
	}
}

func TestOpenNewerVersion(t *testing.T) {
	sqliteOnly(t)
	// Given a project written by a future schema
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	s.Close()
	setUserVersion(t, path, SchemaVersion+1)
	before, _ := os.ReadFile(path)
	// When this build opens it
	_, err := Open(path)
	// Then it refuses clearly and leaves the file alone
	if !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("want ErrNewerVersion, got %v", err)
	}
	var ve *VersionError
	if !errors.As(err, &ve) || ve.FileVersion != SchemaVersion+1 {
		t.Fatalf("want VersionError, got %#v", err)
	}
	for _, s := range []string{"newer version of Duanju Studio", fmt.Sprintf("schema %d", SchemaVersion+1), "update the app"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q lacks %q", err, s)
		}
	}
	if !strings.Contains(ZH(err), "升级") {
		t.Errorf("Chinese message %q", ZH(err))
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("file modified")
	}
}

func TestSchemaVersionMatchesMigrations(t *testing.T) {
	sqliteOnly(t)
	if len(migrations) != SchemaVersion {
		t.Fatalf("SchemaVersion %d but %d migrations", SchemaVersion, len(migrations))
	}
}

func TestOlderVersionMigrates(t *testing.T) {
	sqliteOnly(t)
	// Given a v1 project and a build that knows a v2 schema
	path := tempProject(t)
	p := fullProject()
	s := mustCreate(t, path, p)
	s.Close()
	old := migrations
	t.Cleanup(func() { migrations = old })
	migrations = append(append([]migration{}, old...), func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "ALTER TABLE episode ADD COLUMN word_goal INTEGER NOT NULL DEFAULT 0")
		return err
	})
	// When it is opened
	s = mustOpen(t, path)
	// Then it is upgraded, data intact, and a backup of v1 is kept
	var v, goal int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != 2 {
		t.Fatalf("user_version %d", v)
	}
	if err := s.db.QueryRow("SELECT word_goal FROM episode LIMIT 1").Scan(&goal); err != nil {
		t.Fatalf("new column: %v", err)
	}
	if got := mustLoad(t, s); got.Episodes[0].Body != p.Episodes[0].Body || got.Meta.Title != p.Meta.Title {
		t.Fatalf("data lost in migration")
	}
	if _, err := os.Stat(path + ".v1.bak"); err != nil {
		t.Fatalf("no backup: %v", err)
	}
	s.Close()
	// And the backup is a v1 project an old build could open
	migrations = old
	b := mustOpen(t, path+".v1.bak")
	if got := mustLoad(t, b); got.Meta.Title != p.Meta.Title {
		t.Fatalf("backup title %q", got.Meta.Title)
	}
}

func TestFailedMigrationLeavesFileAsItWas(t *testing.T) {
	sqliteOnly(t)
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	s.Close()
	old := migrations
	t.Cleanup(func() { migrations = old })
	migrations = append(append([]migration{}, old...), func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE half(x)"); err != nil {
			return err
		}
		return errors.New("boom")
	})
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("want the migration error, got %v", err)
	}
	migrations = old
	s = mustOpen(t, path)
	var n int
	s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half'").Scan(&n)
	if n != 0 {
		t.Fatal("half-applied migration left a table")
	}
}

func TestSecondOpenIsReadOnly(t *testing.T) {
	sqliteOnly(t)
	// Given a project open for writing
	path := tempProject(t)
	p := fullProject()
	w := mustCreate(t, path, p)
	// When it is opened again (another window)
	r := mustOpen(t, path)
	// Then the second is read-only, says why, and still reads
	if !r.ReadOnly() {
		t.Fatal("second open is writable")
	}
	if w.ReadOnly() {
		t.Fatal("first open became read-only")
	}
	if msg := r.ReadOnlyReason().Error(); !strings.Contains(msg, "another window or process") || !strings.Contains(msg, fmt.Sprint(os.Getpid())) {
		t.Errorf("reason %q", msg)
	}
	ep := *p.Episodes[0]
	ep.Body = "新的文本\n"
	for name, err := range map[string]error{
		"SaveEpisode": r.SaveEpisode(&ep),
		"SaveProject": r.SaveProject(p),
		"SaveAll":     r.SaveAll(p),
	} {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: want ErrReadOnly, got %v", name, err)
		}
	}
	if _, err := r.Snapshot(ep.ID, "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Snapshot: %v", err)
	}
	// And it sees what the writer saves
	if err := w.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, r); got.Episodes[0].Body != ep.Body {
		t.Errorf("reader does not see the write: %q", got.Episodes[0].Body)
	}
	// And the reader closing does not disturb the writer or mark it clean
	r.Close()
	ep.Body = "再改一次\n"
	if err := w.SaveEpisode(&ep); err != nil {
		t.Fatalf("writer after reader closed: %v", err)
	}
	// And when the writer closes, the next open is writable again
	w.Close()
	again := mustOpen(t, path)
	if again.ReadOnly() || again.Recovered() {
		t.Fatalf("after close: read-only %v recovered %v", again.ReadOnly(), again.Recovered())
	}
}

func TestReadOnlySaveAsRescues(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.duanju")
	p := fullProject()
	w := mustCreate(t, path, p)
	if _, err := w.Snapshot(p.Episodes[0].ID, "初稿"); err != nil {
		t.Fatal(err)
	}
	r := mustOpen(t, path)
	p.Meta.Title = "副本"
	copyPath := filepath.Join(dir, "copy.duanju")
	if err := r.SaveAs(p, copyPath); err != nil {
		t.Fatal(err)
	}
	if r.ReadOnly() {
		t.Fatal("still read-only after SaveAs")
	}
	if h, _ := r.History(p.Episodes[0].ID); len(h) != 1 {
		t.Fatalf("history not carried into the copy: %+v", h)
	}
	ep := *p.Episodes[0]
	ep.Body = "在副本里继续写\n"
	if err := r.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, w); got.Meta.Title == "副本" || got.Episodes[0].Body == ep.Body {
		t.Fatal("the original changed")
	}
}

func TestWriteProtectedFileOpensReadOnly(t *testing.T) {
	sqliteOnly(t)
	if os.Geteuid() == 0 {
		t.Skip("root can write any file")
	}
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	s.Close()
	os.Chmod(path, 0o444)
	s = mustOpen(t, path)
	if !s.ReadOnly() {
		t.Fatal("write-protected file opened writable")
	}
	if p := mustLoad(t, s); p.Meta.Title == "" {
		t.Fatal("cannot read")
	}
}

func TestRecoveredAfterUncleanClose(t *testing.T) {
	sqliteOnly(t)
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	if s.Recovered() {
		t.Fatal("new project reports recovery")
	}
	// Simulate a crash: the connection goes away without Close.
	s.db.Close()
	s.db = nil
	s.lock.release()
	s = mustOpen(t, path)
	if !s.Recovered() {
		t.Fatal("unclean shutdown not reported")
	}
	s.Close()
	if s = mustOpen(t, path); s.Recovered() {
		t.Fatal("clean shutdown reported as recovery")
	}
}

func TestTryWritableAfterOtherCloses(t *testing.T) {
	sqliteOnly(t)
	path := tempProject(t)
	p := fullProject()
	w := mustCreate(t, path, p)
	r := mustOpen(t, path)
	if ok, err := r.TryWritable(); ok || err != nil {
		t.Fatalf("writable while the other has it: %v %v", ok, err)
	}
	w.Close()
	if ok, err := r.TryWritable(); !ok || err != nil {
		t.Fatalf("not writable after the other closed: %v %v", ok, err)
	}
	ep := *p.Episodes[0]
	ep.Body = "接手编辑\n"
	if err := r.SaveEpisode(&ep); err != nil {
		t.Fatal(err)
	}
	// And now it holds the lock
	if o := mustOpen(t, path); !o.ReadOnly() {
		t.Fatal("third open is writable")
	}
}

func TestOpenReadOnlyLeavesFileUntouched(t *testing.T) {
	sqliteOnly(t)
	path := tempProject(t)
	s := mustCreate(t, path, fullProject())
	s.Close()
	before, _ := os.ReadFile(path)
	// When a reader opens, loads and closes it
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.ReadOnly() {
		t.Fatal("OpenReadOnly is writable")
	}
	if p := mustLoad(t, r); p.Meta.Title == "" {
		t.Fatal("no title")
	}
	// And a writer can open it meanwhile
	w := mustOpen(t, path)
	if w.ReadOnly() {
		t.Fatal("OpenReadOnly took the lock")
	}
	w.Close()
	r.Close()
	// Then the file is as the writer left it, not marked crashed
	s = mustOpen(t, path)
	if s.Recovered() {
		t.Fatal("reader left the file looking crashed")
	}
	s.Close()
	// And a reader alone changes no byte
	before, _ = os.ReadFile(path)
	r, _ = OpenReadOnly(path)
	mustLoad(t, r)
	r.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("OpenReadOnly changed the file")
	}
}

func TestDamagedFile(t *testing.T) {
	sqliteOnly(t)
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"cut in half (an interrupted copy)", func(b []byte) []byte { return b[:len(b)/2] }},
		{"garbage in the middle (a disk error)", func(b []byte) []byte {
			for i := len(b) / 3; i < len(b)/3+8192; i++ {
				b[i] = byte(i * 7)
			}
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempProject(t)
			s := mustCreate(t, path, series(30, 1500))
			s.Close()
			b, _ := os.ReadFile(path)
			os.WriteFile(path, tt.damage(b), 0o644)
			// Either it does not open, saying it is damaged, or it opens
			// read-only, saying so; it is never written to.
			s, err := Open(path)
			if err != nil {
				if !errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotProject) {
					t.Fatalf("want ErrDamaged, got %v", err)
				}
				if !strings.Contains(ZH(err), "损坏") {
					t.Errorf("Chinese message %q", ZH(err))
				}
				return
			}
			defer s.Close()
			if !s.ReadOnly() || !errors.Is(s.ReadOnlyReason(), ErrDamaged) {
				t.Fatalf("damaged file opened writable (reason %v)", s.ReadOnlyReason())
			}
			if err := s.SaveEpisode(&script.Episode{Body: "x"}); !errors.Is(err, ErrReadOnly) {
				t.Fatalf("save into a damaged file: %v", err)
			}
		})
	}
}

func TestOpenInvalidVersion(t *testing.T) {
	sqliteOnly(t)
	// Found by FuzzOpen: user_version is a signed 32-bit number.
	for _, v := range []int{0, -100663295} {
		path := tempProject(t)
		s := mustCreate(t, path, fullProject())
		s.Close()
		setUserVersion(t, path, v)
		if _, err := Open(path); !errors.Is(err, ErrNotProject) {
			t.Errorf("version %d: want ErrNotProject, got %v", v, err)
		}
	}
}
