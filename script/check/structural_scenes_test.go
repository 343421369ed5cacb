package check

import (
	"strconv"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script/format"
)

func TestSceneNumbersMatchTheirEpisode(t *testing.T) {
	e, _ := Default()
	for _, tt := range []struct {
		name   string
		script string
		want   []string // "episode:scene"
	}{
		{"matching", "第1集\n1-1 日 内 客厅\n△甲坐下。\n\n第2集\n2-1 夜 外 街\n△乙走过。\n", nil},
		{"stale after an insert", "第1集\n1-1 日 内 客厅\n△甲坐下。\n\n第2集\n2-1 夜 外 街\n△新的一集。\n\n第3集\n2-1 日 内 客厅\n△旧的第二集。\n2-2 夜 内 卧室\n△还是旧的。\n", []string{"3:2-1", "3:2-2"}},
		{"full-width and insert scenes", "第1集\n1-1 日 内 客厅\n△甲。\n\n第2集\n２－１ 日 内 客厅\n△乙。\n1-1A 夜 内 客厅\n△丙。\n", []string{"2:1-1A"}},
		{"numbers without an episode part are not checked", "第4集\n第1场 日 内 客厅\n△甲。\n场次：2 夜 外 街\n△乙。\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := format.ParseChinese(tt.script)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range e.Check(p, Options{Lang: "zh", Now: testNow}).Findings {
				if f.Rule == "CRAFT-SCENE-NUMBER" {
					got = append(got, strings.Join([]string{itoaTest(f.Episode), f.Scene}, ":"))
					if !strings.Contains(f.Message, f.Scene) || !strings.Contains(f.Excerpt, "日 内") && !strings.Contains(f.Excerpt, "夜") {
						t.Errorf("finding %v", f)
					}
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}

func itoaTest(n int) string { return strconv.Itoa(n) }
