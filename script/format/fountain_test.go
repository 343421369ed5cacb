package format

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// fountainLines parses a Fountain body and returns its scenes.
func fountainScenes(t *testing.T, body string) []script.Scene {
	t.Helper()
	ep := &script.Episode{Body: body}
	ParseFountainBody(ep, nil)
	return ep.Scenes
}

func TestFountainHeadings(t *testing.T) {
	tests := []struct {
		line             string
		num, ie, loc, tm string
		ok               bool
	}{
		{"INT. HOUSE - DAY", "", "INT", "HOUSE", "DAY", true},
		{"EXT. BRICK'S PATIO - DAY #1#", "1", "EXT", "BRICK'S PATIO", "DAY", true},
		{"INT./EXT. CAR - NIGHT #12A#", "12A", "INT/EXT", "CAR", "NIGHT", true},
		{"INT/EXT CAR - NIGHT", "", "INT/EXT", "CAR", "NIGHT", true},
		{"I/E CAR - NIGHT", "", "INT/EXT", "CAR", "NIGHT", true},
		{"EST. CITY - DUSK", "", "EST", "CITY", "DUSK", true},
		{"int. kitchen - morning", "", "INT", "kitchen", "morning", true},
		{"INT. HOUSE - KITCHEN - DAY", "", "INT", "HOUSE - KITCHEN", "DAY", true},
		{".SNIPER SCOPE POV", "", "", "SNIPER SCOPE POV", "", true},
		{".1-1 日 内 客厅", "1-1", "内", "客厅", "日", true},
		{".日 内 客厅 #3#", "3", "内", "客厅", "日", true},
		{"1-1 日 内 客厅", "1-1", "内", "客厅", "日", true},
		{"...and then", "", "", "", "", false},
		{"INTERIOR DESIGN IS HARD", "", "", "", "", false},
	}
	for _, tt := range tests {
		sc, ok := fountainHeading(tt.line)
		if ok != tt.ok {
			t.Errorf("fountainHeading(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if ok && (sc.Number != tt.num || sc.IntExt != tt.ie || sc.Location != tt.loc || sc.Time != tt.tm) {
			t.Errorf("fountainHeading(%q) = %q %q %q %q; want %q %q %q %q", tt.line, sc.Number, sc.IntExt, sc.Location, sc.Time, tt.num, tt.ie, tt.loc, tt.tm)
		}
	}
}

func TestFountainElements(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []script.Line
	}{
		{"character and dialogue", "STEEL\nBeer's ready!\n", []script.Line{{Kind: script.LineDialogue, Speaker: "STEEL", Text: "Beer's ready!"}}},
		{"forced character", "@McCLANE\nYippie ki-yay!\n", []script.Line{{Kind: script.LineDialogue, Speaker: "McCLANE", Text: "Yippie ki-yay!"}}},
		{"extensions", "BRICK (V.O.)\nHi.\n\nHANS (O.S.)\nHo.\n\nBOB (CONT'D)\nHe.\n", []script.Line{
			{Kind: script.LineDialogue, Speaker: "BRICK", Voice: "VO", Text: "Hi."},
			{Kind: script.LineDialogue, Speaker: "HANS", Voice: "OS", Text: "Ho."},
			{Kind: script.LineDialogue, Speaker: "BOB", Text: "He."}}},
		{"other extension becomes a parenthetical", "BOB (ON PHONE)\nHello?\n", []script.Line{{Kind: script.LineDialogue, Speaker: "BOB", Paren: "ON PHONE", Text: "Hello?"}}},
		{"parentheticals split speech", "BRICK\n(beat)\nOne.\n(quietly)\nTwo.\n", []script.Line{
			{Kind: script.LineDialogue, Speaker: "BRICK", Paren: "beat", Text: "One."},
			{Kind: script.LineDialogue, Speaker: "BRICK", Paren: "quietly", Text: "Two."}}},
		{"multi-line speech", "BRICK\nOne\nTwo\n", []script.Line{{Kind: script.LineDialogue, Speaker: "BRICK", Text: "One\nTwo"}}},
		{"dual dialogue", "BRICK\nA\n\nSTEEL ^\nB\n", []script.Line{
			{Kind: script.LineDialogue, Speaker: "BRICK", Text: "A"},
			{Kind: script.LineDialogue, Speaker: "STEEL", Dual: true, Text: "B"}}},
		{"Chinese forced cue", "@林晚（OS）\n三年了。\n", []script.Line{{Kind: script.LineDialogue, Speaker: "林晚", Voice: "OS", Text: "三年了。"}}},
		{"Chinese cue with paren", "@林晚\n（冷笑）\n你也配？\n", []script.Line{{Kind: script.LineDialogue, Speaker: "林晚", Paren: "冷笑", Text: "你也配？"}}},
		{"Chinese one-line dialogue", "林晚：（冷笑）你也配？\n", []script.Line{{Kind: script.LineDialogue, Speaker: "林晚", Paren: "冷笑", Text: "你也配？"}}},
		{"Chinese line is never a cue by case", "林晚推门而入\n她笑了。\n", []script.Line{
			{Kind: script.LineAction, Text: "林晚推门而入"},
			{Kind: script.LineAction, Text: "她笑了。"}}},
		{"caps without following line is action", "THE END\n", []script.Line{{Kind: script.LineAction, Text: "THE END"}}},
		{"English colon is not a speaker", "Note: she leaves.\n", []script.Line{{Kind: script.LineAction, Text: "Note: she leaves."}}},
		{"forced action", "!SCANNING THE AISLES\nmore\n", []script.Line{
			{Kind: script.LineAction, Text: "SCANNING THE AISLES"},
			{Kind: script.LineAction, Text: "more"}}},
		{"forced action with triangle", "!△林晚走。\n", []script.Line{{Kind: script.LineAction, Text: "林晚走。"}}},
		{"transition", "CUT TO:\n", []script.Line{{Kind: script.LineTransition, Text: "CUT TO:"}}},
		{"forced transition", "> FADE OUT.\n", []script.Line{{Kind: script.LineTransition, Text: "FADE OUT."}}},
		{"centered", "> THE END <\n", []script.Line{{Kind: script.LineCentered, Text: "THE END"}}},
		{"lyrics", "~Willy Wonka!\n", []script.Line{{Kind: script.LineLyric, Text: "Willy Wonka!"}}},
		{"note", "[[This is a note.]]\n", []script.Line{{Kind: script.LineNote, Text: "This is a note."}}},
		{"multi-line note", "[[one\ntwo]]\n", []script.Line{{Kind: script.LineNote, Text: "one\ntwo"}}},
		{"inline note stays in action", "He waits. [[beat]] Then goes.\n", []script.Line{{Kind: script.LineAction, Text: "He waits. [[beat]] Then goes."}}},
		{"boneyard", "/* cut\nthis */\n", []script.Line{{Kind: script.LineBoneyard, Text: "cut\nthis"}}},
		{"unclosed boneyard keeps text", "/* cut\nthis\n", []script.Line{{Kind: script.LineBoneyard, Text: "cut\nthis"}}},
		{"sections", "# Act One\n\n## Scene group\n", []script.Line{
			{Kind: script.LineSection, Level: 1, Text: "Act One"},
			{Kind: script.LineSection, Level: 2, Text: "Scene group"}}},
		{"synopsis", "= They talk.\n", []script.Line{{Kind: script.LineSynopsis, Text: "They talk."}}},
		{"page break", "===\n", []script.Line{{Kind: script.LinePageBreak}}},
		{"markers and cues", "【卡点】门开了。\n\n【字幕：三年后】\n", []script.Line{
			{Kind: script.LineMarker, Marker: script.MarkerCliff, Text: "门开了。"},
			{Kind: script.LineCue, Cue: "字幕", Text: "三年后"}}},
		{"empty dialogue", "BOB\n  \n", []script.Line{{Kind: script.LineDialogue, Speaker: "BOB"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scenes := fountainScenes(t, tt.body)
			var got []script.Line
			for _, sc := range scenes {
				for _, l := range sc.Lines {
					l.Span = script.Span{}
					got = append(got, l)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %+v, want %+v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestFountainProject(t *testing.T) {
	text := "Title: 归来\nCredit: Written by\nAuthor: 张三、李四\nDraft date: 2026-11-01\nContact:\n    someone@example.com\n    Beijing\nCopyright: (c) 2026\nNotes: first draft\nSource: novel\n\n[[cold open]]\n\n# 第1集：替嫁\n\n.1-1 日 内 客厅\n\n林晚：你好。\n\n# Act\n\n# Episode 2: Two\n\nINT. HOUSE - DAY\n\n## 第9集\n"
	p, err := ParseFountain(text)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Meta
	if m.Title != "归来" || strings.Join(m.Writers, ",") != "张三,李四" || m.Draft != "2026-11-01" || m.Contact != "someone@example.com\nBeijing" || m.Copyright != "(c) 2026" || m.Notes != "first draft" {
		t.Errorf("meta: %+v", m)
	}
	if len(p.TitlePage) != 2 || p.TitlePage[0].Key != "Credit" || p.TitlePage[1] != (script.KeyValue{Key: "Source", Value: "novel"}) {
		t.Errorf("title page: %+v", p.TitlePage)
	}
	if len(p.Episodes) != 2 || p.Episodes[0].Title != "替嫁" || p.Episodes[1].Number != 2 || p.Episodes[1].Title != "Two" {
		t.Fatalf("episodes: %+v", p.Episodes)
	}
	e1 := p.Episodes[0]
	if !strings.HasPrefix(e1.Body, "[[cold open]]") {
		t.Errorf("text before the first episode was not kept: %q", e1.Body)
	}
	var kinds []string
	for _, sc := range e1.Scenes {
		for _, l := range sc.Lines {
			kinds = append(kinds, string(l.Kind))
		}
	}
	if strings.Join(kinds, ",") != "note,dialogue,section" {
		t.Errorf("episode 1 lines: %v", kinds)
	}
	if p.SourceStyle != script.StyleFountain {
		t.Errorf("style %q", p.SourceStyle)
	}
	// ParseEpisode dispatches on the style.
	e1.Scenes = nil
	ParseEpisode(p, e1)
	if len(e1.Scenes) != 2 || e1.Scenes[1].Number != "1-1" {
		t.Errorf("ParseEpisode: %+v", e1.Scenes)
	}
}

func TestLooksLikeFountain(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"INT. HOUSE - DAY\n\nBOB\nHi.\n", true},
		{"Title: X\n\nBob walks.\n", true},
		{"# 第1集\n\n.1-1 日 内 客厅\n\n@林晚\n你好。\n", true},
		{"第1集\n1-1 日 内 客厅\n林晚：你好。\n", false},
		{"# 第1集\n1-1 日 内 客厅\n林晚：你好。\n", false},
		{"△林晚走进来。\n@某人 你看\n", false},
		{"林晚：你好。\n", false},
	}
	for _, tt := range tests {
		if got := LooksLikeFountain(tt.text); got != tt.want {
			t.Errorf("LooksLikeFountain(%q) = %v", tt.text, got)
		}
	}
}

func TestSpansOnFixtures(t *testing.T) {
	for name, text := range fixtures(t) {
		p, err := Parse(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := 0
		for _, e := range p.Episodes {
			for _, sc := range e.Scenes {
				for _, l := range sc.Lines {
					src := e.Body[l.Span.Start:l.Span.End]
					first := strings.SplitN(l.Text, "\n", 2)[0]
					if !strings.Contains(src, first) {
						t.Errorf("%s: %s span %+v = %q does not hold %q", name, l.Kind, l.Span, src, first)
					}
					if got := strings.Count(e.Body[:l.Span.Start], "\n") + 1; got != l.Span.Line {
						t.Errorf("%s: %s %q: span line %d, text is on line %d", name, l.Kind, first, l.Span.Line, got)
					}
					n++
				}
			}
		}
		if n < 10 {
			t.Errorf("%s: only %d lines checked", name, n)
		}
	}
}
