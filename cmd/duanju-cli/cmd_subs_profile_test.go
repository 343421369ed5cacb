package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A TTML in a language that has no subtitle profile converts anyway:
// conversion never needs a profile (issue: fr, fr-FR, de-DE, cmn refused).
func TestSubsConvertNeedsNoProfile(t *testing.T) {
	dir := t.TempDir()
	for _, lang := range []string{"fr", "fr-FR", "de-DE", "cmn", "cmn-Hant", "tlh"} {
		in := filepath.Join(dir, lang+".ttml")
		ttml := `<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="` + lang + `"><body><div>
<p begin="00:00:01.000" end="00:00:03.000">Bonjour, tout le monde.</p>
<p begin="00:00:04.000" end="00:00:06.000">Ça va ?</p>
</div></body></tt>`
		if err := os.WriteFile(in, []byte(ttml), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, lang+".srt")
		code, _, errs := runCLI(t, "subs", "convert", in, out)
		if code != exitOK {
			t.Fatalf("convert %s: exit %d: %s", lang, code, errs)
		}
		b, _ := os.ReadFile(out)
		if !strings.Contains(string(b), "Ça va ?") {
			t.Errorf("%s: output lost text:\n%s", lang, b)
		}
		if strings.HasPrefix(lang, "cmn") {
			continue // Mandarin has a profile: zh-Hans / zh-Hant
		}
		// Lint without a profile uses the generic one and says so.
		code, _, errs = runCLI(t, "subs", "lint", in)
		if code != exitOK || !strings.Contains(errs, "generic") {
			t.Errorf("lint %s: exit %d, stderr %q; want 0 and a note about the generic profile", lang, code, errs)
		}
	}
}

// Usage errors are one clear line, not the whole usage text; the usage
// lists --profile for convert.
func TestSubsUsageErrorIsOneLine(t *testing.T) {
	code, _, errs := runCLI(t, "subs", "convert", "only-one.srt")
	if code != exitUsage {
		t.Fatalf("exit %d", code)
	}
	if n := strings.Count(strings.TrimSpace(errs), "\n") + 1; n != 1 {
		t.Errorf("usage error is %d lines:\n%s", n, errs)
	}
	if !strings.Contains(errs, "subs convert") {
		t.Errorf("usage error does not name the command: %q", errs)
	}
	_, _, help := runCLI(t, "subs", "--help")
	for _, l := range strings.Split(help, "\n") {
		if strings.Contains(l, "subs convert") && !strings.Contains(l, "--profile") {
			t.Errorf("convert usage lacks --profile: %s", l)
		}
	}
}
