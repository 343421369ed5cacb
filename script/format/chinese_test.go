package format

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

func TestEpisodeMarkers(t *testing.T) {
	tests := []struct {
		line  string
		n     int
		title string
		ok    bool
	}{
		{"第1集", 1, "", true},
		{"第1集：替嫁", 1, "替嫁", true},
		{"第1集:替嫁", 1, "替嫁", true},
		{"第 12 集 归来", 12, "归来", true},
		{"第十二集", 12, "", true},
		{"第一百零八集：终章", 108, "终章", true},
		{"第二十集 《夜奔》", 20, "夜奔", true},
		{"第１２集", 12, "", true},
		{"【第1集】", 1, "", true},
		{"【第3集】替嫁", 3, "替嫁", true},
		{"[第4集] 夜", 4, "夜", true},
		{"# 第5集", 5, "", true},
		{"## 第6集：标题", 6, "标题", true},
		{"EP01", 1, "", true},
		{"EP 7 Homecoming", 7, "Homecoming", true},
		{"Episode 9: The End", 9, "The End", true},
		{"【EP10】", 10, "", true},
		{"第1集、开端", 1, "开端", true},
		{"第1集—开端", 1, "开端", true},
		{"第0集", 0, "", false},
		{"第一集的时候他就死了", 0, "", false},
		{"第1集就开始了", 0, "", false},
		{"她看了第1集。", 0, "", false},
		{"EPIC", 0, "", false},
		{"E3 展会开幕了", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		n, title, ok := episodeMarker(cleanLine(tt.line))
		if ok != tt.ok || n != tt.n || title != tt.title {
			t.Errorf("episodeMarker(%q) = %d, %q, %v; want %d, %q, %v", tt.line, n, title, ok, tt.n, tt.title, tt.ok)
		}
	}
}

func TestSceneHeadings(t *testing.T) {
	tests := []struct {
		line             string
		num, tm, ie, loc string
		ok               bool
	}{
		{"1-1 日 内 客厅", "1-1", "日", "内", "客厅", true},
		{"1-1 日 内 沪上 张家", "1-1", "日", "内", "沪上 张家", true},
		{"1-1 林家别墅客厅 日内", "1-1", "日", "内", "林家别墅客厅", true},
		{"1-1 客厅 日/内", "1-1", "日", "内", "客厅", true},
		{"1.1 地点 内 日", "1-1", "日", "内", "地点", true},
		{"1-1 地点 日 内", "1-1", "日", "内", "地点", true},
		{"１－２ 夜 外 街道", "1-2", "夜", "外", "街道", true},
		{"3-2 黄昏 外景 江边", "3-2", "黄昏", "外", "江边", true},
		{"3-3 夜外 码头", "3-3", "夜", "外", "码头", true},
		{"8-1", "8-1", "", "", "", true},
		{"20、卫生间 日 内", "20", "日", "内", "卫生间", true},
		{"23-1，外，武当山玄岳门，日", "23-1", "日", "外", "武当山玄岳门", true},
		{"第3场 夜 外 街道", "3", "夜", "外", "街道", true},
		{"第十场：日 内 书房", "10", "日", "内", "书房", true},
		{"场次：5", "5", "", "", "", true},
		{"场次：5-2 夜 内 卧室", "5-2", "夜", "内", "卧室", true},
		{"场景：夜 内 堂屋", "", "夜", "内", "堂屋", true},
		{"2-1 清晨 内外 车里", "2-1", "清晨", "内外", "车里", true},
		{"5-3A 夜 内 仓库", "5-3A", "夜", "内", "仓库", true},
		{"5-3+ 夜 内 仓库", "5-3+", "夜", "内", "仓库", true},
		{"5-3＋1 夜 内 仓库", "5-3+1", "夜", "内", "仓库", true},
		// Not headings.
		{"1.5米高的墙倒了", "", "", "", "", false},
		{"1.5 米高的墙倒了", "", "", "", "", false},
		{"1、他走了", "", "", "", "", false},
		{"2-3 个人围上来", "", "", "", "", false},
		{"时间：2002年", "", "", "", "", false},
		{"林晚：1-1 日 内", "", "", "", "", false},
	}
	for _, tt := range tests {
		sc, ok := parseHeading(tt.line)
		if ok != tt.ok {
			t.Errorf("parseHeading(%q) ok = %v, want %v (%+v)", tt.line, ok, tt.ok, sc)
			continue
		}
		if !ok {
			continue
		}
		if sc.Number != tt.num || sc.Time != tt.tm || sc.IntExt != tt.ie || sc.Location != tt.loc {
			t.Errorf("parseHeading(%q) = num %q time %q ie %q loc %q; want %q %q %q %q", tt.line, sc.Number, sc.Time, sc.IntExt, sc.Location, tt.num, tt.tm, tt.ie, tt.loc)
		}
	}
}

// firstLine parses one line in a scene with the given cast.
func firstLine(t *testing.T, text string, cast ...string) script.Line {
	t.Helper()
	ep := &script.Episode{Body: "1-1 日 内 客厅\n" + text + "\n"}
	ParseBody(ep, cast)
	if len(ep.Scenes) != 1 || len(ep.Scenes[0].Lines) != 1 {
		t.Fatalf("%q: want one scene with one line, got %+v", text, ep.Scenes)
	}
	return ep.Scenes[0].Lines[0]
}

func TestClassifyLines(t *testing.T) {
	cast := []string{"林晚", "林母", "顾沉", "陈秘书"}
	tests := []struct {
		line string
		want script.Line
	}{
		{"△林晚攥紧拳头。", script.Line{Kind: script.LineAction, Text: "林晚攥紧拳头。"}},
		{"▲林晚攥紧拳头。", script.Line{Kind: script.LineAction, Text: "林晚攥紧拳头。"}},
		{"△ 林晚攥紧拳头。", script.Line{Kind: script.LineAction, Text: "林晚攥紧拳头。"}},
		{"林晚攥紧拳头。", script.Line{Kind: script.LineAction, Text: "林晚攥紧拳头。"}},
		{"林母：（冷笑）你也配站在这里？", script.Line{Kind: script.LineDialogue, Speaker: "林母", Paren: "冷笑", Text: "你也配站在这里？"}},
		{"林母:(冷笑)你也配？", script.Line{Kind: script.LineDialogue, Speaker: "林母", Paren: "冷笑", Text: "你也配？"}},
		{"林母（冷笑）：你也配？", script.Line{Kind: script.LineDialogue, Speaker: "林母", Paren: "冷笑", Text: "你也配？"}},
		{"林晚（OS）：三年了。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Voice: "OS", Text: "三年了。"}},
		{"林晚(os)：三年了。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Voice: "OS", Text: "三年了。"}},
		{"林晚（内心）：三年了。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Voice: "OS", Text: "三年了。"}},
		{"顾沉（VO）：我等你。", script.Line{Kind: script.LineDialogue, Speaker: "顾沉", Voice: "VO", Text: "我等你。"}},
		{"顾沉（V.O.）：我等你。", script.Line{Kind: script.LineDialogue, Speaker: "顾沉", Voice: "VO", Text: "我等你。"}},
		{"旁白：那一年。", script.Line{Kind: script.LineDialogue, Speaker: "旁白", Voice: "VO", Text: "那一年。"}},
		{"旁白（VO）：那一年。", script.Line{Kind: script.LineDialogue, Speaker: "旁白", Voice: "VO", Text: "那一年。"}},
		{"林晚（OS）：（咬牙）忍住。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Voice: "OS", Paren: "咬牙", Text: "忍住。"}},
		{"林晚（哽咽）：（低头）对不起。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Paren: "哽咽，低头", Text: "对不起。"}},
		{"陈秘书：查到了。", script.Line{Kind: script.LineDialogue, Speaker: "陈秘书", Text: "查到了。"}},
		{"　　林晚：全角缩进。", script.Line{Kind: script.LineDialogue, Speaker: "林晚", Text: "全角缩进。"}},
		{"路人甲：快看！", script.Line{Kind: script.LineDialogue, Speaker: "路人甲", Text: "快看！"}},
		{"穿红衣的女人：是我。", script.Line{Kind: script.LineDialogue, Speaker: "穿红衣的女人", Text: "是我。"}},
		{"【字幕：三年后】", script.Line{Kind: script.LineCue, Cue: "字幕", Text: "三年后"}},
		{"【字幕:2002年夏】", script.Line{Kind: script.LineCue, Cue: "字幕", Text: "2002年夏"}},
		{"【闪回】", script.Line{Kind: script.LineCue, Cue: "闪回"}},
		{"【闪回】林晚站在雨中。", script.Line{Kind: script.LineCue, Cue: "闪回", Level: 1, Text: "林晚站在雨中。"}},
		{"【闪回结束】", script.Line{Kind: script.LineCue, Cue: "闪回结束"}},
		{"【特写】戒指", script.Line{Kind: script.LineCue, Cue: "特写", Level: 1, Text: "戒指"}},
		{"【钩子】门开了。", script.Line{Kind: script.LineMarker, Marker: script.MarkerHook, Text: "门开了。"}},
		{"【反转】她才是真千金。", script.Line{Kind: script.LineMarker, Marker: script.MarkerReversal, Text: "她才是真千金。"}},
		{"【卡点】门外传来一声：顾总到——", script.Line{Kind: script.LineMarker, Marker: script.MarkerCliff, Text: "门外传来一声：顾总到——"}},
		{"【付费点】", script.Line{Kind: script.LineMarker, Marker: script.MarkerPaywall}},
		{"【悬念】谁在门外？", script.Line{Kind: script.LineMarker, Marker: script.MarkerCliff, Text: "谁在门外？"}},
		{"（注：此处需要雨戏）", script.Line{Kind: script.LineNote, Text: "此处需要雨戏"}},
		{"注：此处需要雨戏", script.Line{Kind: script.LineNote, Text: "此处需要雨戏"}},
		{"备注：外景", script.Line{Kind: script.LineNote, Text: "外景"}},
		{"[[改成夜戏]]", script.Line{Kind: script.LineNote, Text: "改成夜戏"}},
		{"切至：", script.Line{Kind: script.LineTransition, Text: "切至："}},
		{"淡出", script.Line{Kind: script.LineTransition, Text: "淡出"}},
		// False positives: colons inside action are not speakers.
		{"时间：2002年", script.Line{Kind: script.LineAction, Text: "时间：2002年"}},
		{"墙上的钟：滴答作响。", script.Line{Kind: script.LineAction, Text: "墙上的钟：滴答作响。"}},
		{"他看了一眼手机，上面写着：明天见。", script.Line{Kind: script.LineAction, Text: "他看了一眼手机，上面写着：明天见。"}},
		{"屏幕上显示：3:00", script.Line{Kind: script.LineAction, Text: "屏幕上显示：3:00"}},
		{"画面：雨夜。", script.Line{Kind: script.LineAction, Text: "画面：雨夜。"}},
		{"林晚转身走向门口，说：我走了。", script.Line{Kind: script.LineAction, Text: "林晚转身走向门口，说：我走了。"}},
		{"张三丰：贫道来也。", script.Line{Kind: script.LineDialogue, Speaker: "张三丰", Text: "贫道来也。"}},
		{"ALL CAPS LINE", script.Line{Kind: script.LineAction, Text: "ALL CAPS LINE"}},
	}
	for _, tt := range tests {
		got := firstLine(t, tt.line, cast...)
		got.Span = script.Span{}
		if got != tt.want {
			t.Errorf("%q\n got %+v\nwant %+v", tt.line, got, tt.want)
		}
	}
}

func TestCastLines(t *testing.T) {
	for _, line := range []string{"人物：林晚、林母、管家", "出场人物：林晚，林母，管家", "人物:林晚 林母 管家", "人物：林晚/林母/管家"} {
		ep := &script.Episode{Body: "1-1 日 内 客厅\n" + line + "\n管家：夫人。\n"}
		ParseBody(ep, nil)
		if len(ep.Scenes) != 1 || strings.Join(ep.Scenes[0].Cast, ",") != "林晚,林母,管家" {
			t.Errorf("%q: cast %v", line, ep.Scenes)
			continue
		}
		if l := ep.Scenes[0].Lines[0]; l.Kind != script.LineDialogue || l.Speaker != "管家" {
			t.Errorf("%q: line after the cast: %+v", line, l)
		}
	}
}

func TestSplitHeadingAndSpans(t *testing.T) {
	body := "8-1\n场景：夜 内 堂屋\n林母：谁？\n\n　△风吹门响。\n"
	ep := &script.Episode{Body: body}
	ParseBody(ep, []string{"林母"})
	if len(ep.Scenes) != 1 {
		t.Fatalf("scenes: %+v", ep.Scenes)
	}
	sc := ep.Scenes[0]
	if sc.Number != "8-1" || sc.Time != "夜" || sc.IntExt != "内" || sc.Location != "堂屋" {
		t.Errorf("split heading: %+v", sc)
	}
	for _, l := range sc.Lines {
		src := body[l.Span.Start:l.Span.End]
		if !strings.Contains(src, l.Text) {
			t.Errorf("span %v = %q does not hold %q", l.Span, src, l.Text)
		}
	}
	if l := sc.Lines[1]; l.Span.Line != 5 || body[l.Span.Start:l.Span.End] != "△风吹门响。" {
		t.Errorf("span of indented action: %+v", l.Span)
	}
}

func TestParseChineseStructure(t *testing.T) {
	text := "剧名：归来\n人物小传：\n林晚（女，24岁，主角）：长女。\n\n△冷开场：雨夜。\n\n第1集：替嫁\n1-1 日 内 客厅\n林晚：嗯。\n第1集\n△重复的集号。\n第5集\n△跳号。\n"
	p, err := ParseChinese(text)
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title != "归来" || len(p.Characters) != 1 || p.Characters[0].Age != 24 {
		t.Errorf("preface: %+v %+v", p.Meta, p.Characters)
	}
	var nums []int
	for _, e := range p.Episodes {
		nums = append(nums, e.Number)
	}
	if len(nums) != 3 || nums[0] != 1 || nums[1] != 2 || nums[2] != 5 {
		t.Errorf("episode numbers %v, want [1 2 5]", nums)
	}
	if !strings.Contains(p.Episodes[0].Body, "冷开场") {
		t.Errorf("cold open before 第1集 was dropped: %q", p.Episodes[0].Body)
	}
	// Text without any marker becomes episode 1.
	p, _ = ParseChinese("△只有一行动作。\n")
	if len(p.Episodes) != 1 || p.Episodes[0].Number != 1 {
		t.Errorf("plain text: %+v", p.Episodes)
	}
}

func TestSingleEpisodeWithoutMarker(t *testing.T) {
	text := "剧名：雨夜\n\n1-1 日 内 客厅\n人物：林晚、林母\n林晚：你好。\n林母：（冷笑）你也配？\n\n1-2 夜 外 街道\n△雨。\n"
	p, err := ParseChinese(text)
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title != "雨夜" || len(p.Characters) != 0 || len(p.Episodes) != 1 {
		t.Fatalf("meta %+v characters %+v episodes %d", p.Meta, p.Characters, len(p.Episodes))
	}
	e := p.Episodes[0]
	if len(e.Scenes) != 2 || strings.Join(e.Scenes[0].Cast, "、") != "林晚、林母" || len(e.Scenes[0].Lines) != 2 {
		t.Errorf("scenes: %+v", e.Scenes)
	}
	if !strings.Contains(e.Body, "\n\n1-2") {
		t.Errorf("blank lines of the script were dropped: %q", e.Body)
	}
}
