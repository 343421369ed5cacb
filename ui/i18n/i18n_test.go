package i18n

import (
	"github.com/duanju-studio/duanju/script"
	"testing"
	"testing/fstest"
)

func TestLangOfFile(t *testing.T) {
	for name, want := range map[string]script.Lang{
		"en.json": En, "en-US.json": En, "zh-Hans.json": Zh, "zh_Hans.json": Zh,
		"zh.json": Zh, "zh-CN.json": Zh, "ja.json": "", "README.md": "",
	} {
		if got := langOfFile(name); got != want {
			t.Errorf("%s → %q, want %q", name, got, want)
		}
	}
}

func TestLoadMergesFeatureFolders(t *testing.T) {
	fsys := fstest.MapFS{
		"en.json":              {Data: []byte(`{"x.shell": "Shell"}`)},
		"zh-Hans.json":         {Data: []byte(`{"x.shell": "外壳"}`)},
		"feature/en.json":      {Data: []byte(`{"x.feature": "Feature %d"}`)},
		"feature/zh-Hans.json": {Data: []byte(`{"x.feature": "功能 %d"}`)},
		"feature/notes.txt":    {Data: []byte(`ignored`)},
	}
	if err := Load(fsys); err != nil {
		t.Fatal(err)
	}
	defer SetLang(SystemLang())
	SetLang(Zh)
	if T("x.shell") != "外壳" || Tf("x.feature", 3) != "功能 3" {
		t.Errorf("zh: %q %q", T("x.shell"), Tf("x.feature", 3))
	}
	SetLang(En)
	if T("x.shell") != "Shell" || T("x.missing") != "x.missing" {
		t.Errorf("en: %q %q", T("x.shell"), T("x.missing"))
	}
	if Pick("中", "en") != "en" {
		t.Error("Pick")
	}
}

func TestLoadReportsBadJSON(t *testing.T) {
	if err := Load(fstest.MapFS{"bad/en.json": {Data: []byte(`{"a": 1}`)}}); err == nil {
		t.Error("a number value was accepted")
	}
}

func TestShellStringsTranslated(t *testing.T) {
	if m := Missing(); len(m) > 0 {
		t.Errorf("keys missing in one language: %v", m)
	}
}
