package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// The killed-writer test runs this test binary again as a child process
// (TestHelperWriter) that saves episodes in a loop, and SIGKILLs it.

const (
	envWriterPath = "DUANJU_STORE_TEST_WRITER"
	crashEpisodes = 6
)

// crashBody is the text of episode ep after round r: long enough to span
// several database pages, and checkable as a whole.
func crashBody(ep, r int) string {
	line := fmt.Sprintf("第%d集 第%d轮：林晚：（冷笑）你也配？△她推门而出。\n", ep, r)
	return fmt.Sprintf("ROUND %d\n%s", r, strings.Repeat(line, 60+r%40))
}

// roundOf checks a body is exactly some crashBody and returns its round.
func roundOf(ep int, body string) (int, bool) {
	first, _, ok := strings.Cut(body, "\n")
	if !ok {
		return 0, false
	}
	r, err := strconv.Atoi(strings.TrimPrefix(first, "ROUND "))
	return r, err == nil && body == crashBody(ep, r)
}

func TestHelperWriter(t *testing.T) {
	path := os.Getenv(envWriterPath)
	if path == "" {
		t.Skip("helper process for TestKilledWriter")
	}
	s, err := Open(path, WithSnapshotInterval(time.Millisecond))
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	p, err := s.Load()
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	for r := 1; ; r++ {
		if r%5 == 0 {
			// Every episode at once: all or nothing.
			for i, ep := range p.Episodes {
				ep.Body = crashBody(i+1, r)
			}
			err = s.SaveAll(p)
		} else {
			i := r % len(p.Episodes)
			ep := *p.Episodes[i]
			ep.Body = crashBody(i+1, r)
			err = s.SaveEpisode(&ep)
		}
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println("SAVED", r)
	}
}

func TestKilledWriter(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("spawns a process")
	}
	// Given a project being written by another process in a tight loop
	path := tempProject(t)
	p := &script.Project{Meta: script.Meta{Title: "崩溃测试"}}
	for i := 1; i <= crashEpisodes; i++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i, Body: crashBody(i, 0)})
	}
	s := mustCreate(t, path, p)
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), envWriterPath+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	saved := 0
	for saved < 60 && lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "SAVED "); ok {
			saved, _ = strconv.Atoi(n)
		} else if strings.HasPrefix(lines.Text(), "ERR") {
			t.Fatalf("writer: %s", lines.Text())
		}
		if saved == 30 {
			// While it writes, a second opener is read-only and reads a
			// consistent project.
			r, err := Open(path)
			if err != nil {
				t.Fatalf("open while written: %v", err)
			}
			if !r.ReadOnly() {
				t.Error("open while another process writes is not read-only")
			}
			if _, err := r.Load(); err != nil {
				t.Errorf("load while written: %v", err)
			}
			r.Close()
		}
	}
	if saved < 60 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("writer stopped after %d saves", saved)
	}
	// When it is killed mid-way
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	go func() {
		for lines.Scan() {
		}
	}()
	cmd.Wait()

	// Then the project opens writable, reports the crash and is sound
	s, err = Open(path)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	if s.ReadOnly() {
		t.Fatalf("still locked after the writer died: %v", s.ReadOnlyReason())
	}
	if !s.Recovered() {
		t.Error("Recovered() is false after a killed writer")
	}
	if err := s.Check(); err != nil {
		t.Fatalf("integrity: %v", err)
	}
	// And every episode holds a whole saved text, never a partial one
	got := mustLoad(t, s)
	if len(got.Episodes) != crashEpisodes {
		t.Fatalf("%d episodes", len(got.Episodes))
	}
	last := 0
	rounds := make([]int, len(got.Episodes))
	for i, ep := range got.Episodes {
		r, ok := roundOf(i+1, ep.Body)
		if !ok {
			t.Fatalf("episode %d holds a partial text (%d bytes)", i+1, len(ep.Body))
		}
		rounds[i] = r
		last = max(last, r)
		h, err := s.History(ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range h {
			txt, _ := s.SnapshotText(in.ID)
			if _, ok := roundOf(i+1, txt); !ok {
				t.Fatalf("episode %d snapshot %d is partial", i+1, in.ID)
			}
		}
	}
	// The last SaveAll before the newest save committed as a whole.
	for i, r := range rounds {
		if r < last/5*5 {
			t.Errorf("episode %d at round %d, older than the SaveAll of round %d", i+1, r, last/5*5)
		}
	}
	if last < saved {
		t.Errorf("last acknowledged save %d lost (file has round %d)", saved, last)
	}
	t.Logf("killed after %d acknowledged saves; file has up to round %d", saved, last)
}
