package subtitle

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBuiltinProfiles(t *testing.T) {
	want := map[string]float64{"zh-Hans": 16, "zh-Hant": 16, "en": 42, "es": 42, "pt": 42, "id": 42, "th": 35, "ja": 13, "ko": 16, "ar": 42}
	for id, cpl := range want {
		p := ProfileByID(id)
		if p == nil || p.CPL != cpl || p.Validate() != nil || p.Source == "" {
			t.Errorf("%s: %+v", id, p)
		}
	}
	for tag, id := range map[string]string{"zh-CN": "zh-Hans", "zh-TW": "zh-Hant", "zh-Hant-HK": "zh-Hant", "pt-BR": "pt", "es-419": "es", "en_US": "en", "": "zh-Hans"} {
		p, err := Resolve(tag, "")
		if err != nil || p.ID != id {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tag, p, err, id)
		}
	}
	v, err := Resolve("zh-Hans", "vertical")
	if err != nil || v.CPL != 12 || v.MaxCPS != 9 || v.Video.Height != 1920 {
		t.Errorf("vertical zh: %+v %v", v, err)
	}
	if v, _ := Resolve("en", "vertical"); v.CPL != 26 {
		t.Errorf("vertical en CPL %v", v.CPL)
	}
	for _, tag := range []string{"xx", "fr", "fr-FR", "de-DE"} {
		if p, err := Resolve(tag, ""); err != nil || !p.Generic || p.Lang != tag || p.Validate() != nil {
			t.Errorf("Resolve(%q) = %+v, %v; want the generic profile", tag, p, err)
		}
	}
	for tag, id := range map[string]string{"cmn": "zh-Hans", "cmn-Hans-CN": "zh-Hans", "cmn-Hant-TW": "zh-Hant", "yue": "zh-Hant"} {
		if p, err := Resolve(tag, ""); err != nil || p.ID != id {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tag, p, err, id)
		}
	}
	if _, err := Resolve("zh-Hans", "nope"); err == nil {
		t.Error("unknown profile accepted")
	}
}

func TestUserProfiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "studio.json"), []byte(`{"id":"studio-zh","lang":"zh-Hans","cpl":14,"max_lines":1,"max_cps":8,"min_duration_ms":1000,"max_duration_ms":6000,"min_gap_ms":100,"cjk":true}`), 0o644)
	if err := LoadProfileDir(dir); err != nil {
		t.Fatal(err)
	}
	p, err := Resolve("zh-Hans", "studio-zh")
	if err != nil || p.CPL != 14 || p.HalfWidth != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	p2, err := Resolve("zh-Hans", filepath.Join(dir, "studio.json"))
	if err != nil || p2.MaxLines != 1 {
		t.Fatalf("by path: %+v %v", p2, err)
	}
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"id":"bad","cpl":0}`), 0o644)
	if err := LoadProfileDir(dir); err == nil {
		t.Error("a profile without limits was accepted")
	}
	if err := LoadProfileDir(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("missing dir: %v", err)
	}
}

func TestWidth(t *testing.T) {
	cases := []struct {
		s    string
		half float64
		want float64
	}{
		{"三年了，你终于回来了。", 1, 11},
		{"Hello, world", 1, 12},
		{"東京タワーへ行く", 0.5, 8},
		{"ABCあ", 0.5, 2.5},
		{"ที่นี่", 1, 2}, // Thai: the vowel and tone marks above do not count
	}
	for _, c := range cases {
		if got := Width(c.s, c.half); got != c.want {
			t.Errorf("Width(%q, %v) = %v, want %v", c.s, c.half, got, c.want)
		}
	}
}
