package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script/format/formattest"
)

// The smoke tests build the real app (cgo, GLFW; tags migrated_fynedo and
// no_emoji as a release build), run it under Xvfb, take a screenshot, check
// it is not blank and quit it with SIGTERM. They run only with
// DUANJU_SMOKE=1 and need the Debian packages xvfb, x11-utils (xwininfo),
// imagemagick (import) and libgl1-mesa-dri:
//
//	DUANJU_SMOKE=1 go test -run Smoke -v ./cmd/duanju
//
// DUANJU_SMOKE_SHOT=dir keeps the screenshots there.

// harmless are stderr lines that are not our errors: Fyne's locale parse
// under LANG=C, Fyne's preferences watcher reading the file while Fyne
// itself rewrites it (app/preferences.go: "writes are not always atomic"),
// and Mesa/X notices on a headless server.
var harmless = regexp.MustCompile(`(?i)error parsing user locale|Cause: language: tag is not well-formed|At: .*lang/locale\.go|Preferences load error|Cause: (EOF|unexpected EOF|invalid character)|At: .*app/preferences\.go|libEGL warning|MESA-LOADER|XDG_RUNTIME_DIR|glx: failed to create dri`)

func TestSmokeDemo(t *testing.T) {
	s := startSmoke(t, "en_US.UTF-8", nil)
	s.screenshot(t, "smoke-demo-en.png")
	s.stop(t)
	data := filepath.Join(s.home, "data", "duanju")
	if m, _ := filepath.Glob(filepath.Join(data, "*.duanju")); len(m) != 1 {
		t.Errorf("the demo project was not created in %s: %v", data, m)
	}
}

// TestSmokeLargeSeries opens a generated 100-episode series (imported from
// text on the command line) and reports start time and resident memory.
func TestSmokeLargeSeries(t *testing.T) {
	src := filepath.Join(t.TempDir(), "series100.txt")
	if err := os.WriteFile(src, []byte(formattest.GenerateSeries(100, 1500)), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSmoke(t, "zh_CN.UTF-8", []string{src})
	time.Sleep(3 * time.Second) // steady state: the app returns start-up garbage after 2 s
	if rss := rssKB(s.cmd.Process.Pid); rss > 0 {
		t.Logf("resident memory with 100 episodes: %d MB (of which Mesa's software renderer, when used: %d MB)", rss/1024, mappedKB(s.cmd.Process.Pid, "libLLVM", "swrast_dri", "libgallium")/1024)
	}
	s.screenshot(t, "smoke-100-zh.png")
	s.stop(t)
}

type smoke struct {
	window  string // X window id
	display string
	home    string
	cmd     *exec.Cmd
	stderr  *bytes.Buffer
}

func startSmoke(t *testing.T, lang string, args []string) *smoke {
	return startSmokeWith(t, lang, args, nil)
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// appBinary builds the app once per test run.
func appBinary(t *testing.T) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "duanju-smoke")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "duanju")
		build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-tags", "migrated_fynedo,no_emoji", "-o", builtBin, ".")
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// startSmokeWith starts the app with the given app preferences (e.g. the
// UI language and appearance) already saved.
func startSmokeWith(t *testing.T, lang string, args []string, prefs map[string]string) *smoke {
	if os.Getenv("DUANJU_SMOKE") != "1" {
		t.Skip("set DUANJU_SMOKE=1 to build and run the real app under Xvfb")
	}
	for _, tool := range []string{"Xvfb", "xwininfo", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: install xvfb, x11-utils and imagemagick", tool)
		}
	}
	dir := t.TempDir()
	bin := appBinary(t)

	n := freeDisplay(t)
	display := fmt.Sprintf(":%d", n)
	// The screen is larger than the window so that the pointer (at the
	// screen's centre) is outside it: Fyne 2.7.1 can crash when its first
	// pointer event arrives while the window is closing (nil viewport in
	// processMouseMoved → SetInputMode), which on a desktop never happens
	// because the pointer has moved long before quitting.
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "2600x1800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// SIGTERM lets Xvfb remove its socket and lock file, so later runs
		// on this machine do not run out of display numbers.
		xvfb.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { xvfb.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			xvfb.Process.Kill()
			<-done
		}
	})
	waitFor(t, 10*time.Second, "Xvfb socket", func() bool {
		_, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		return err == nil
	})

	home := filepath.Join(dir, "home")
	if len(prefs) > 0 {
		pdir := filepath.Join(home, "config", "fyne", "studio.duanju.app")
		b, _ := json.Marshal(prefs)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pdir, "preferences.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &smoke{display: display, home: home, stderr: &bytes.Buffer{}}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Env = append(os.Environ(),
		"DISPLAY="+display, "HOME="+home, "LANG="+lang, "LC_ALL=", "LANGUAGE=",
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
	)
	s.cmd.Stderr = s.stderr
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
	})
	title := regexp.MustCompile(`(0x[0-9a-f]+) ".*(Duanju Studio|短剧工坊)"`)
	var tree []byte
	waitFor(t, 60*time.Second, "the app window", func() bool {
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		tree = out
		if m := title.FindSubmatch(out); m != nil {
			s.window = string(m[1])
			return true
		}
		if s.cmd.ProcessState != nil || (s.cmd.Process != nil && s.cmd.Process.Signal(syscall.Signal(0)) != nil) {
			t.Fatalf("the app exited before its window appeared\nstderr:\n%s", s.stderr)
		}
		return false
	}, func() string { return fmt.Sprintf("windows:\n%s\nstderr:\n%s", tree, s.stderr) })
	t.Logf("window mapped %v after exec", time.Since(start).Round(time.Millisecond))
	shot := filepath.Join(dir, "first.png")
	waitFor(t, 60*time.Second, "a painted window", func() bool {
		colours, busy, err := s.capture(shot)
		return err == nil && colours >= 50 && busy >= 0.05
	})
	t.Logf("first painted frame seen %v after exec", time.Since(start).Round(time.Millisecond))
	return s
}

// capture saves the window as a PNG and inspects it.
func (s *smoke) capture(path string) (colours int, busy float64, err error) {
	if out, err := exec.Command("import", "-display", s.display, "-window", s.window, path).CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("%v: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return 0, 0, err
	}
	colours, busy = inspect(img)
	return colours, busy, nil
}

// screenshot saves the window as name (in $DUANJU_SMOKE_SHOT, else a temp
// folder), checks it is not blank and returns its path.
func (s *smoke) screenshot(t *testing.T, name string) string {
	dir := os.Getenv("DUANJU_SMOKE_SHOT")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	colours, busy, err := s.capture(path)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	t.Logf("%s: %d colours, %.0f%% non-background pixels", path, colours, busy*100)
	if colours < 50 || busy < 0.05 {
		t.Errorf("screenshot looks blank: %d colours, %.1f%% non-background", colours, busy*100)
	}
	return path
}

// inspect counts distinct colours and the share of pixels that differ from
// the most common colour.
func inspect(img image.Image) (colours int, busy float64) {
	counts := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	total := b.Dx() * b.Dy()
	return len(counts), float64(total-most) / float64(total)
}

func (s *smoke) stop(t *testing.T) {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\nstderr:\n%s", err, s.stderr)
		}
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		t.Fatalf("the app did not quit within 10 s of SIGTERM\nstderr:\n%s", s.stderr)
	}
	for _, line := range strings.Split(s.stderr.String(), "\n") {
		l := strings.ToLower(line)
		if (strings.Contains(l, "error") || strings.Contains(l, "panic")) && !harmless.MatchString(line) {
			t.Errorf("stderr: %s", line)
		}
	}
}

func freeDisplay(t *testing.T) int {
	for n := 90; n < 1000; n++ {
		_, e1 := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		_, e2 := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n))
		if os.IsNotExist(e1) && os.IsNotExist(e2) {
			return n
		}
	}
	t.Fatal("no free X display number")
	return 0
}

// waitFor polls ok until it holds or d passes; details, if given, say what
// was seen when it times out.
func waitFor(t *testing.T, d time.Duration, what string, ok func() bool, details ...func() string) {
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			msg := ""
			for _, f := range details {
				msg += "\n" + f()
			}
			t.Fatalf("timed out waiting for %s%s", what, msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// rssKB reads VmRSS of a process (Linux).
func rssKB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			var kb int
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:")), "%d", &kb)
			return kb
		}
	}
	return 0
}

// mappedKB sums the resident size of the mappings whose path contains any
// of names (Linux).
func mappedKB(pid int, names ...string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return 0
	}
	total, match := 0, false
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) >= 5 && strings.Contains(f[0], "-") {
			match = false
			if len(f) >= 6 {
				for _, n := range names {
					if strings.Contains(f[5], n) {
						match = true
					}
				}
			}
			continue
		}
		if match && len(f) >= 2 && f[0] == "Rss:" {
			var kb int
			fmt.Sscanf(f[1], "%d", &kb)
			total += kb
		}
	}
	return total
}
