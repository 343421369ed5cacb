package store

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// A project on read-only media (a folder the user cannot write, a CD, a
// network share without write rights) must open read-only, say why, and
// leave no -wal/-shm/-lock files behind.
//
// Root ignores file permissions, so under root (CI) the checks run in a
// copy of this test binary started as the unprivileged user "nobody"
// through runuser: the permissions are real, not simulated.

const roDirEnv = "DUANJU_TEST_RO_DIR"

func TestReadOnlyMedia(t *testing.T) {
	sqliteOnly(t)
	if runtime.GOOS == "windows" {
		t.Skip("permissions are tested on Unix")
	}
	cases := []struct {
		name           string
		dirMode, fMode os.FileMode
		wantReason     string
	}{
		{"只读文件夹", 0o555, 0o444, "folder cannot be written"},
		{"只读文件夹里的可写文件", 0o555, 0o666, "folder cannot be written"},
		{"可写文件夹里的只读文件", 0o777, 0o444, "write-protected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base, err := os.MkdirTemp("", "duanju-ro-")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(filepath.Join(base, "盘"), 0o755); os.RemoveAll(base) })
			os.Chmod(base, 0o755)
			dir := filepath.Join(base, "盘")
			os.Mkdir(dir, 0o755)
			path := filepath.Join(dir, "光盘上的剧.duanju")
			s := mustCreate(t, path, fullProject())
			s.Close()
			os.Chmod(path, c.fMode)
			os.Chmod(dir, c.dirMode)
			asUser := os.Geteuid() == 0
			if asUser {
				runChildAsNobody(t, base, dir, c.wantReason)
			} else {
				checkReadOnlyMedia(t, dir, c.wantReason)
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if len(names) != 1 {
				t.Fatalf("files left next to the project: %v", names)
			}
		})
	}
}

// runChildAsNobody runs TestReadOnlyMediaChild in a copy of this binary as
// the user nobody.
func runChildAsNobody(t *testing.T, base, dir, want string) {
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		t.Skip("running as root without runuser: cannot test permissions")
	}
	bin := filepath.Join(base, "store.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.Copy(dst, src)
	src.Close()
	dst.Close()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(runuser, "-u", "nobody", "--", bin, "-test.run", "^TestReadOnlyMediaChild$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), roDirEnv+"="+dir, "DUANJU_TEST_RO_WANT="+want, "HOME=/tmp", "GOCOVERDIR=")
	cmd.Dir = "/"
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnlyMediaChild") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

func TestReadOnlyMediaChild(t *testing.T) {
	dir := os.Getenv(roDirEnv)
	if dir == "" {
		t.Skip("run by TestReadOnlyMedia")
	}
	checkReadOnlyMedia(t, dir, os.Getenv("DUANJU_TEST_RO_WANT"))
}

func checkReadOnlyMedia(t *testing.T, dir, want string) {
	path := filepath.Join(dir, "光盘上的剧.duanju")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if !s.ReadOnly() {
		s.Close()
		t.Fatal("opened writable")
	}
	reason := s.ReadOnlyReason()
	if !strings.Contains(reason.Error(), want) || !strings.Contains(ZH(reason), "只读") {
		t.Errorf("reason = %v / %s", reason, ZH(reason))
	}
	p, err := s.Load()
	if err != nil || p.Meta.Title != "豫见你的光" || len(p.Episodes) == 0 {
		t.Fatalf("Load: %v %+v", err, p)
	}
	if _, err := s.History(p.Episodes[0].ID); err != nil {
		t.Errorf("History: %v", err)
	}
	if err := s.SaveEpisode(&script.Episode{ID: p.Episodes[0].ID, Body: "改"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("save: want ErrReadOnly, got %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	r, err := OpenReadOnly(path) // the CLI's way
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	if _, err := r.Load(); err != nil {
		t.Errorf("OpenReadOnly Load: %v", err)
	}
	r.Close()
}
