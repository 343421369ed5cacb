package check

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// FuzzCheck checks arbitrary episode text and metadata: no panic, and every
// finding points inside the Body (or its field) at whole characters.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"1-1 日 内 客厅\n人物：林晚、小宇\n林晚：我要让他们血债血偿！\n△小宇叼着烟。\n",
		"△一夜@暴富，霸*总\n【卡点】——",
		"林晚：（冷笑）女人，你成功引起了我的注意。\n（注：本集由AI辅助生成）",
		"△十五岁的小满點了一根煙，喝醉了。",
		"\xff\xfe△\u200b霸\u200b总",
	} {
		f.Add(s, "闪婚后霸总每天都在宠我")
	}
	e, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		p := &script.Project{Meta: script.Meta{Title: title, Synopsis: body, Tagline: title}, Characters: testCast}
		ep := &script.Episode{Number: 1, Body: body}
		format.ParseBody(ep, p.CastNames())
		p.Episodes = []*script.Episode{ep}
		p.Provenance = []script.Provenance{{Episode: 1, Start: 0, End: len(body) / 2, Model: "m"}}
		r := e.Check(p, Options{Lang: "zh", Now: testNow})
		for _, f := range r.Findings {
			text := body
			switch f.Field {
			case "title", "tagline":
				text = title
			case "":
			default:
				if f.Episode == 0 {
					continue
				}
			}
			if f.Start < 0 || f.End > len(text) || f.Start > f.End {
				t.Fatalf("%s: span %d-%d outside %d bytes", f.Rule, f.Start, f.End, len(text))
			}
			if f.Start < f.End && utf8.ValidString(text) && !utf8.ValidString(text[f.Start:f.End]) {
				t.Fatalf("%s: span %d-%d cuts a character", f.Rule, f.Start, f.End)
			}
			if f.Match != "" && !strings.Contains(text, f.Match) {
				t.Fatalf("%s: match %q not in the text", f.Rule, f.Match)
			}
		}
	})
}
