package script

import "testing"

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{
		"zh": Zh, "zh-Hans": Zh, "zh_CN.UTF-8": Zh, "ZH-tw": Zh, "cmn": Zh,
		"en": En, "en-US": En, "fr": En, "": En, "C.UTF-8": En,
	} {
		if got := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
	if Zh.Pick("中", "en") != "中" || En.Pick("中", "en") != "en" {
		t.Error("Pick")
	}
	if (&Project{}).Lang() != Zh || (&Project{Meta: Meta{Language: "en-GB"}}).Lang() != En {
		t.Error("Project.Lang")
	}
}
