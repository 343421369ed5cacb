package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestSmokeLooks starts the app in Chinese and English, light and dark, at
// its default 1280×720 and checks each screenshot: the window kept its size
// (content never grows it), nothing is drawn outside it, every part of it is
// painted (no black band where a view failed to draw), the menu bar and the
// dock have content, and nothing is cut at the window's right or bottom
// edge. With xdotool it also shows the board (Ctrl+B) and history
// (Ctrl+Shift+H). DUANJU_SMOKE_SHOT=dir keeps the screenshots to look at.
func TestSmokeLooks(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		for _, look := range []string{"light", "dark"} {
			t.Run(lang+"-"+look, func(t *testing.T) {
				locale := map[string]string{"zh": "zh_CN.UTF-8", "en": "en_US.UTF-8"}[lang]
				s := startSmokeWith(t, locale, nil, map[string]string{"lang": lang, "appearance": look})
				w, h, x, y := s.geometry(t)
				if w != 1280 || h != 720 {
					t.Errorf("window is %d×%d, want 1280×720", w, h)
				}
				views := []struct{ name, keys string }{{"editor", ""}}
				if _, err := exec.LookPath("xdotool"); err == nil {
					views = append(views, struct{ name, keys string }{"board", "ctrl+b"}, struct{ name, keys string }{"history", "ctrl+shift+h"})
				} else {
					t.Log("xdotool not found: only the editor view is checked")
				}
				for _, v := range views {
					if v.keys != "" {
						cmd := exec.Command("xdotool", "key", "--window", s.window, v.keys)
						cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
						if out, err := cmd.CombinedOutput(); err != nil {
							t.Fatalf("xdotool: %v %s", err, out)
						}
						time.Sleep(1500 * time.Millisecond) // let the tab paint; the checks below do not depend on timing
					}
					name := fmt.Sprintf("looks-%s-%s-%s.png", lang, look, v.name)
					path := s.screenshot(t, name)
					img := readPNG(t, path)
					for _, p := range checkLooks(img) {
						t.Errorf("%s: %s", name, p)
					}
					root := s.rootShot(t)
					if n := drawnOutside(root, image.Rect(x, y, x+w, y+h)); n > 0 {
						t.Errorf("%s: %d pixels drawn outside the window", name, n)
					}
					if w2, h2, _, _ := s.geometry(t); w2 != w || h2 != h {
						t.Errorf("%s: the window changed size to %d×%d", name, w2, h2)
					}
				}
				s.stop(t)
			})
		}
	}
}

// geometry is the window's size and position on the screen.
func (s *smoke) geometry(t *testing.T) (w, h, x, y int) {
	out, err := exec.Command("xwininfo", "-display", s.display, "-id", s.window).Output()
	if err != nil {
		t.Fatalf("xwininfo: %v", err)
	}
	num := func(label string) int {
		m := regexp.MustCompile(label + `:\s+(-?\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("xwininfo has no %s:\n%s", label, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return num("Width"), num("Height"), num("Absolute upper-left X"), num("Absolute upper-left Y")
}

func (s *smoke) rootShot(t *testing.T) image.Image {
	path := filepath.Join(t.TempDir(), "root.png")
	if out, err := exec.Command("import", "-display", s.display, "-window", "root", path).CombinedOutput(); err != nil {
		t.Fatalf("import root: %v %s", err, out)
	}
	return readPNG(t, path)
}

func readPNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

type rgb struct{ r, g, b uint8 }

func at(img image.Image, x, y int) rgb {
	r, g, b, _ := img.At(x, y).RGBA()
	return rgb{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func near(a, b rgb) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.r, b.r)+d(a.g, b.g)+d(a.b, b.b) <= 24
}

// drawnOutside counts root-window pixels outside win that differ from the
// screen's background (Xvfb's root is one colour).
func drawnOutside(root image.Image, win image.Rectangle) int {
	b := root.Bounds()
	bg := at(root, b.Max.X-1, b.Max.Y-1)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if !(image.Pt(x, y).In(win)) && at(root, x, y) != bg {
				n++
			}
		}
	}
	return n
}

// checkLooks lists what is wrong with a window screenshot.
func checkLooks(img image.Image) []string {
	var problems []string
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	black := rgb{}
	// Unpainted: a full row or column of pure black (the GL surface before
	// or without drawing). Neither theme paints pure black lines across.
	for y := b.Min.Y; y < b.Max.Y; y++ {
		all := true
		for x := b.Min.X; x < b.Max.X && all; x++ {
			all = at(img, x, y) == black
		}
		if all {
			problems = append(problems, fmt.Sprintf("row %d is unpainted", y))
			break
		}
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		all := true
		for y := b.Min.Y; y < b.Max.Y && all; y++ {
			all = at(img, x, y) == black
		}
		if all {
			problems = append(problems, fmt.Sprintf("column %d is unpainted", x))
			break
		}
	}
	// The menu bar and the dock have content.
	if busyIn(img, image.Rect(0, 0, w, 30)) < 0.01 {
		problems = append(problems, "the menu bar is empty")
	}
	if busyIn(img, image.Rect(w*62/100, 30, w, h)) < 0.03 {
		problems = append(problems, "the dock is empty")
	}
	// Nothing is cut at the right or bottom edge: the outermost pixels are
	// padding, so they change colour only where a divider or scroll bar
	// crosses, never along a run of glyphs or buttons.
	if n := changes(img, w-2, true); n > 16 {
		problems = append(problems, fmt.Sprintf("something is cut at the right edge (%d colour changes along it)", n))
	}
	if n := changes(img, h-2, false); n > 16 {
		problems = append(problems, fmt.Sprintf("something is cut at the bottom edge (%d colour changes along it)", n))
	}
	return problems
}

// busyIn is the share of pixels in r that differ from r's commonest colour.
func busyIn(img image.Image, r image.Rectangle) float64 {
	counts := map[rgb]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			counts[at(img, x, y)]++
		}
	}
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	total := r.Dx() * r.Dy()
	return float64(total-most) / float64(total)
}

// changes counts colour changes along column (vertical) or row i.
func changes(img image.Image, i int, vertical bool) int {
	b := img.Bounds()
	n := 0
	var prev rgb
	end := b.Max.X
	if vertical {
		end = b.Max.Y
	}
	for j := 0; j < end; j++ {
		var c rgb
		if vertical {
			c = at(img, i, j)
		} else {
			c = at(img, j, i)
		}
		if j > 0 && !near(c, prev) {
			n++
		}
		prev = c
	}
	return n
}
