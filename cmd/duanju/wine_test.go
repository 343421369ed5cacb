package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestWineRelease runs the Windows release as a Windows user would, under
// Wine and Xvfb: it installs it with the NSIS installer (silently), creates
// a project with the Windows CLI under a path with Chinese and spaces,
// starts the app on the demo, checks a screenshot for Chinese from the
// bundled font, closes it with Alt+F4, opens the project from that path,
// checks that data and settings went to %APPDATA%, that the keychain falls
// back to a clear message, runs ui/ime's Windows tests against Wine's imm32,
// and uninstalls. It runs when DUANJU_WINE_SETUP names the installer (make
// test-wine sets it) and needs wine, xvfb, x11-utils, xdotool, imagemagick
// and gcc-mingw-w64-x86-64.
//
// Wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), which Go's Windows
// runtime needs and Windows 10+ has: the test builds a stand-in from
// .ci/processprng.c with mingw into the prefix's system32.
func TestWineRelease(t *testing.T) {
	setup := os.Getenv("DUANJU_WINE_SETUP")
	if setup == "" {
		t.Skip("set DUANJU_WINE_SETUP to the installer (make test-wine)")
	}
	setup, _ = filepath.Abs(setup)
	for _, tool := range []string{"wine", "wineserver", "Xvfb", "xwininfo", "xdotool", "import", "x86_64-w64-mingw32-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: install wine, xvfb, x11-utils, xdotool, imagemagick and gcc-mingw-w64-x86-64", tool)
		}
	}
	w := newWine(t)

	start := time.Now()
	w.run(t, 4*time.Minute, "wineboot", "-i")
	w.run(t, time.Minute, "wineserver", "-w")
	t.Logf("new Wine prefix in %v", time.Since(start).Round(time.Millisecond))
	sys32 := filepath.Join(w.prefix, "drive_c", "windows", "system32")
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o",
		filepath.Join(sys32, "bcryptprimitives.dll"), "../../.ci/processprng.c", "-ladvapi32").CombinedOutput(); err != nil {
		t.Fatalf("building the ProcessPrng stand-in: %v\n%s", err, out)
	}

	// Install silently, as an administrator would deploy it.
	start = time.Now()
	w.run(t, 2*time.Minute, "wine", setup, "/S")
	w.run(t, time.Minute, "wineserver", "-w")
	t.Logf("installed in %v", time.Since(start).Round(time.Millisecond))
	const installDir = `C:\Program Files\Duanju Studio`
	exe, cli := installDir+`\Duanju Studio.exe`, installDir+`\duanju-cli.exe`
	for _, p := range []string{
		"drive_c/Program Files/Duanju Studio/Duanju Studio.exe",
		"drive_c/Program Files/Duanju Studio/duanju-cli.exe",
		"drive_c/Program Files/Duanju Studio/Uninstall.exe",
		"drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Duanju Studio/Duanju Studio.lnk",
	} {
		if _, err := os.Stat(filepath.Join(w.prefix, p)); err != nil {
			t.Errorf("installer did not create %s", p)
		}
	}
	if out := w.run(t, time.Minute, "wine", "reg", "query", `HKCR\DuanjuStudio.Project\shell\open\command`); !strings.Contains(out, `Duanju Studio.exe" "%1"`) {
		t.Errorf(".duanju is not associated with the app:\n%s", out)
	}
	if out := w.run(t, time.Minute, "wine", "reg", "query", `HKCR\.duanju`); !strings.Contains(out, "DuanjuStudio.Project") {
		t.Errorf(".duanju has no ProgID:\n%s", out)
	}

	// A project under a path with Chinese and spaces, made by the Windows CLI.
	const project = `C:\Users\编剧\我的剧本\黄河谣.duanju`
	if err := os.MkdirAll(filepath.Join(w.prefix, "drive_c", "users", "编剧", "我的剧本"), 0o755); err != nil {
		t.Fatal(err)
	}
	w.run(t, time.Minute, "wine", cli, "new", project, "--title", "黄河谣")
	if _, err := os.Stat(filepath.Join(w.prefix, "drive_c", "users", "编剧", "我的剧本", "黄河谣.duanju")); err != nil {
		t.Fatalf("the CLI did not create %s: %v", project, err)
	}
	if out := w.run(t, time.Minute, "wine", cli, "stats", project, "--json"); !strings.Contains(out, "黄河谣") {
		t.Errorf("duanju-cli stats %s does not name the series:\n%s", project, out)
	}

	// No key anywhere: the Windows Credential Manager (Wine's stands in) is
	// asked and the CLI says where to put a key, without hanging or crashing.
	ai := w.cmd(time.Minute, "wine", cli, "ai", "continue", project, "--episode", "1")
	ai.Env = append(ai.Env, "DUANJU_AI_PROVIDER=deepseek", "DUANJU_AI_MODEL=deepseek-chat", "DUANJU_AI_BASE_URL=http://127.0.0.1:9/v1", "DEEPSEEK_API_KEY=", "DUANJU_AI_KEY=")
	out, err := w.output(ai)
	if err == nil || strings.Contains(out, "panic") || !strings.Contains(out, "DEEPSEEK_API_KEY") {
		t.Errorf("duanju-cli ai without a key: err %v, want a failure naming DEEPSEEK_API_KEY:\n%s", err, out)
	}

	// First start: the demo, rendered with the bundled font.
	app := w.startApp(t, exe)
	shot := app.screenshot(t, "wine-demo.png")
	if busy := editorBusy(t, shot); busy < 0.02 {
		t.Errorf("the editor area is nearly empty (%.1f%% ink): the demo's Chinese text did not render", busy*100)
	}
	app.close(t)
	roaming := w.appData(t)
	if m, _ := filepath.Glob(filepath.Join(roaming, "duanju", "*.duanju")); len(m) != 1 {
		t.Errorf("the demo project is not under %%APPDATA%%\\duanju: %v", m)
	}

	// Second start: open the project through the file association, as a
	// double-click in Explorer does.
	app = w.startApp(t, "start", "/wait", project)
	if name := app.title(t); !strings.Contains(name, "黄河谣") {
		t.Errorf("window title %q does not name the opened project", name)
	}
	app.screenshot(t, "wine-project.png")
	app.close(t)
	prefs, err := os.ReadFile(filepath.Join(roaming, "fyne", "studio.duanju.app", "preferences.json"))
	if err != nil {
		t.Errorf("no settings under %%APPDATA%%\\fyne\\studio.duanju.app: %v", err)
	} else if !strings.Contains(string(prefs), "黄河谣.duanju") {
		t.Errorf("settings do not remember the opened project:\n%s", prefs)
	}

	// ui/ime's Windows tests, against Wine's imm32 on a real window.
	imeTest := filepath.Join(w.dir, "ime.test.exe")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "test", "-c", "-o", imeTest, "../../ui/ime")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building ui/ime's tests for Windows: %v\n%s", err, out)
	}
	if out := w.run(t, 2*time.Minute, "wine", imeTest, "-test.v", "-test.run", "Form|SetIMEWindows"); !strings.Contains(out, "--- PASS: TestSetIMEWindows") {
		t.Errorf("ui/ime under Wine:\n%s", out)
	}

	// Uninstall: program, shortcut and association go; the user's data stays.
	w.run(t, 2*time.Minute, "wine", installDir+`\Uninstall.exe`, "/S")
	w.run(t, time.Minute, "wineserver", "-w")
	if _, err := os.Stat(filepath.Join(w.prefix, "drive_c/Program Files/Duanju Studio/Duanju Studio.exe")); err == nil {
		t.Error("the uninstaller left the app")
	}
	if out, _ := w.output(w.cmd(time.Minute, "wine", "reg", "query", `HKCR\.duanju`)); strings.Contains(out, "DuanjuStudio.Project") {
		t.Errorf("the uninstaller left the association:\n%s", out)
	}
	if m, _ := filepath.Glob(filepath.Join(roaming, "duanju", "*.duanju")); len(m) != 1 {
		t.Errorf("the uninstaller removed the user's projects: %v", m)
	}
}

type wine struct {
	dir, prefix, display string
	env                  []string
}

func newWine(t *testing.T) *wine {
	dir := t.TempDir()
	w := &wine{dir: dir, prefix: filepath.Join(dir, "prefix")}
	n := freeDisplay(t)
	w.display = fmt.Sprintf(":%d", n)
	xvfb := exec.Command("Xvfb", w.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "Xvfb socket", func() bool {
		_, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		return err == nil
	})
	w.env = append(os.Environ(),
		"WINEPREFIX="+w.prefix, "DISPLAY="+w.display, "WINEARCH=win64",
		"WINEDEBUG=-all",
		"WINEDLLOVERRIDES=mscoree,mshtml=", // no Mono/Gecko install prompts
		"LANG=C.UTF-8", "LC_ALL=C.UTF-8",   // file names in UTF-8
		"HOME="+filepath.Join(dir, "home"))
	t.Cleanup(func() {
		// Nothing may outlive the test: stop every Wine process of the prefix.
		k := exec.Command("wineserver", "-k")
		k.Env = w.env
		_ = k.Run()
		xvfb.Process.Kill()
		xvfb.Wait()
	})
	return w
}

// cmd is a command with the prefix's environment that is killed after d.
func (w *wine) cmd(d time.Duration, name string, args ...string) *exec.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	time.AfterFunc(d+time.Second, cancel)
	c := exec.CommandContext(ctx, name, args...)
	c.Env = append([]string(nil), w.env...)
	c.WaitDelay = 5 * time.Second
	return c
}

func (w *wine) run(t *testing.T, d time.Duration, name string, args ...string) string {
	t.Helper()
	out, err := w.output(w.cmd(d, name, args...))
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// output runs c with its output in a file, not a pipe: wineserver and
// Wine's helper processes outlive the command and would hold a pipe open.
func (w *wine) output(c *exec.Cmd) (string, error) {
	f, err := os.CreateTemp(w.dir, "out")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	c.Stdout, c.Stderr = f, f
	err = c.Run()
	out, _ := os.ReadFile(f.Name())
	return string(out), err
}

// appData is %APPDATA% of the prefix's user.
func (w *wine) appData(t *testing.T) string {
	m, _ := filepath.Glob(filepath.Join(w.prefix, "drive_c", "users", "*", "AppData", "Roaming"))
	for _, d := range m {
		if !strings.Contains(d, "Public") {
			return d
		}
	}
	t.Fatalf("no AppData\\Roaming in the prefix: %v", m)
	return ""
}

type wineApp struct {
	w      *wine
	cmd    *exec.Cmd
	log    string // the app's output (a file: see output)
	window string
	done   chan error
}

func (a *wineApp) output() string {
	b, _ := os.ReadFile(a.log)
	return string(b)
}

// startApp starts the app through wine and waits for its first painted frame.
func (w *wine) startApp(t *testing.T, args ...string) *wineApp {
	t.Helper()
	a := &wineApp{w: w, log: filepath.Join(w.dir, fmt.Sprintf("app-%d.log", time.Now().UnixNano())), done: make(chan error, 1)}
	a.cmd = w.cmd(3*time.Minute, "wine", args...)
	f, err := os.Create(a.log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a.cmd.Stdout, a.cmd.Stderr = f, f
	start := time.Now()
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.done <- a.cmd.Wait() }()
	waitFor(t, 90*time.Second, "the app window under Wine", func() bool {
		c := exec.Command("xdotool", "search", "--onlyvisible", "--name", "Duanju Studio|短剧工坊")
		c.Env = append(os.Environ(), "DISPLAY="+w.display)
		out, _ := c.Output()
		if f := strings.Fields(string(out)); len(f) > 0 {
			a.window = f[0]
			return true
		}
		return false
	})
	t.Logf("window mapped %v after exec", time.Since(start).Round(time.Millisecond))
	shot := filepath.Join(w.dir, "first.png")
	waitFor(t, 60*time.Second, "a painted window under Wine", func() bool {
		colours, busy, err := a.capture(shot)
		return err == nil && colours >= 50 && busy >= 0.05
	})
	t.Logf("first painted frame under Wine %v after exec", time.Since(start).Round(time.Millisecond))
	return a
}

func (a *wineApp) capture(path string) (colours int, busy float64, err error) {
	s := &smoke{display: a.w.display, window: a.window}
	return s.capture(path)
}

func (a *wineApp) screenshot(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("DUANJU_SMOKE_SHOT")
	if dir == "" {
		dir = a.w.dir
	}
	path := filepath.Join(dir, name)
	colours, busy, err := a.capture(path)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	t.Logf("%s: %d colours, %.0f%% non-background pixels", path, colours, busy*100)
	return path
}

func (a *wineApp) title(t *testing.T) string {
	c := exec.Command("xdotool", "getwindowname", a.window)
	c.Env = append(os.Environ(), "DISPLAY="+a.w.display)
	out, err := c.Output()
	if err != nil {
		t.Errorf("window name: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// close closes the window as a user does, with Alt+F4 (Wine turns it into
// WM_SYSCOMMAND SC_CLOSE → WM_CLOSE, as Windows does; Xvfb has no window
// manager), and waits for a clean exit.
func (a *wineApp) close(t *testing.T) {
	t.Helper()
	key := exec.Command("xdotool", "windowfocus", "--sync", a.window, "key", "--clearmodifiers", "alt+F4")
	key.Env = append(os.Environ(), "DISPLAY="+a.w.display)
	if out, err := key.CombinedOutput(); err != nil {
		t.Logf("xdotool: %v %s", err, out)
	}
	start := time.Now()
	select {
	case err := <-a.done:
		if err != nil {
			t.Errorf("the app exited with %v after Alt+F4\n%s", err, a.output())
		}
		t.Logf("closed %v after Alt+F4", time.Since(start).Round(time.Millisecond))
	case <-time.After(30 * time.Second):
		t.Fatalf("the app did not close within 30 s of Alt+F4\n%s", a.output())
	}
	for _, line := range strings.Split(a.output(), "\n") {
		if l := strings.ToLower(line); strings.Contains(l, "panic") || strings.Contains(l, "duanju:") {
			t.Errorf("output: %s", line)
		}
	}
}

// editorBusy is the share of ink in the middle of the window, where the
// editor shows the episode's text.
func editorBusy(t *testing.T, path string) float64 {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	mid := image.Rect(b.Min.X+b.Dx()*35/100, b.Min.Y+b.Dy()*25/100, b.Min.X+b.Dx()*65/100, b.Min.Y+b.Dy()*75/100)
	_, busy := inspect(img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(mid))
	return busy
}
