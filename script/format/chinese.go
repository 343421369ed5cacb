package format

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// Episode markers: 第N集, 第N集：标题, 【第N集】, 第十二集 标题, EP01, # 第N集.
var (
	reEpisodeZh = regexp.MustCompile(`^#*\s*[【\[]?\s*第\s*([0-9０-９零〇一二两三四五六七八九十百千]+)\s*集\s*[】\]]?\s*(?:[：:、．.\-—\s]\s*(.*))?$`)
	reEpisodeEn = regexp.MustCompile(`^#*\s*[【\[]?\s*(?i:EP|Episode)\s*\.?\s*0*([0-9]+)\s*[】\]]?\s*(?:[：:、．.\-—\s]\s*(.*))?$`)
	// 【第1集】替嫁: after a closing bracket the title needs no separator.
	reEpisodeBr = regexp.MustCompile(`^#*\s*[【\[]\s*(?:第\s*([0-9０-９零〇一二两三四五六七八九十百千]+)\s*集|(?i:EP|Episode)\s*\.?\s*0*([0-9]+))\s*[】\]]\s*[：:、．.\-—]?\s*(.*)$`)
)

// Scene headings: 1-1 …, 1.1 …, 20、…, 23-1，外，…, 第N场 …, 场次：N, 场景：….
var (
	reSceneNum   = regexp.MustCompile(`^\s*([0-9０-９]{1,3})\s*[-－—–.．]\s*([0-9０-９]{1,3})([A-Za-z]|[+＋][0-9]*)?\s*(?:[、，,.．：:\s]\s*(.*))?$`)
	reSceneDun   = regexp.MustCompile(`^\s*([0-9０-９]{1,3})\s*、\s*(.+)$`)
	reSceneChang = regexp.MustCompile(`^\s*第\s*([0-9０-９零〇一二两三四五六七八九十百]+)\s*场\s*(?:[：:、，,\s]\s*(.*))?$`)
	reSceneCiNum = regexp.MustCompile(`^\s*场次\s*[：:]\s*([0-9０-９]+(?:[\-－.．][0-9０-９]+)?)\s*(.*)$`)
	reSceneField = regexp.MustCompile(`^\s*场景\s*[：:]\s*(.+)$`)
	reCast       = regexp.MustCompile(`^\s*(?:出场人物|出场|人物|角色)\s*[：:]\s*(.*)$`)
	reBracket    = regexp.MustCompile(`^【([^】]*)】\s*(.*)$`)
	reNote       = regexp.MustCompile(`^(?:\[\[(.*)\]\]|[（(]\s*(?:注|备注)\s*[：:]\s*(.*)[)）]|(?:注|备注)\s*[：:]\s*(.*))$`)
	reTransition = regexp.MustCompile(`^(?:切至|切到|转场|淡入|淡出|叠化|黑场|闪白|切)\s*[：:]?\s*(.*)$`)
	reAge        = regexp.MustCompile(`([0-9０-９]{1,3})\s*岁`)
)

// timeWords are scene times accepted in headings, longest first.
var timeWords = []string{"黄昏", "黎明", "清晨", "傍晚", "凌晨", "深夜", "白天", "夜晚", "午后", "中午", "上午", "下午", "早晨", "日", "夜", "晨", "暮", "昏", "午", "早", "晚"}

// notSpeakers are words that end in a colon but do not introduce dialogue.
var notSpeakers = map[string]bool{
	"时间": true, "地点": true, "场景": true, "场次": true, "人物": true, "出场人物": true,
	"注": true, "备注": true, "字幕": true, "画面": true, "镜头": true, "特写": true, "音效": true,
	"音乐": true, "道具": true, "服装": true, "说明": true, "大纲": true, "梗概": true, "剧情": true,
	"本集": true, "提示": true, "转场": true, "切至": true, "景别": true, "环境": true,
}

// voices are speakers that are always accepted even if not in the cast.
var voices = map[string]bool{"旁白": true, "画外音": true, "众人": true, "众": true, "路人": true, "广播": true, "电话": true, "手机": true, "电视": true, "主持人": true}

// markerNames maps the text inside 【】 to a marker.
var markerNames = map[string]script.Marker{
	"钩子": script.MarkerHook, "开场钩子": script.MarkerHook,
	"反转": script.MarkerReversal,
	"卡点": script.MarkerCliff, "悬念": script.MarkerCliff, "结尾钩子": script.MarkerCliff,
	"付费点": script.MarkerPaywall, "付费卡点": script.MarkerPaywall, "卡一": script.MarkerPaywall,
}

// ParseChinese parses a whole series in the Chinese short-drama format: an
// optional preface (剧名：…, 人物小传：…, 术语表：…) followed by episodes.
// Text before the first episode marker that is not preface becomes episode 1.
func ParseChinese(text string) (*script.Project, error) {
	text = normaliseNewlines(text)
	p := &script.Project{SourceStyle: script.StyleChinese}
	lines := strings.Split(text, "\n")
	var (
		cur      *script.Episode
		body     strings.Builder
		preface  []string
		sawFirst bool
	)
	flush := func() {
		if cur != nil {
			cur.Body = trimBody(body.String())
			p.Episodes = append(p.Episodes, cur)
		}
		body.Reset()
	}
	for _, raw := range lines {
		line := cleanLine(raw)
		if n, title, ok := episodeMarker(line); ok {
			flush()
			sawFirst = true
			cur = &script.Episode{Number: n, Title: title, Status: script.StatusDraft}
			continue
		}
		if !sawFirst {
			preface = append(preface, raw)
			continue
		}
		body.WriteString(strings.TrimRightFunc(raw, unicode.IsSpace))
		body.WriteByte('\n')
	}
	flush()
	rest := parsePreface(p, preface)
	if len(p.Episodes) == 0 && strings.TrimSpace(rest) != "" {
		p.Episodes = append(p.Episodes, &script.Episode{Number: 1, Body: trimBody(rest), Status: script.StatusDraft})
	} else if strings.TrimSpace(rest) != "" && len(p.Episodes) > 0 {
		// Script text before 第1集 (a cold open): keep it, never drop text.
		first := p.Episodes[0]
		first.Body = trimBody(rest + "\n" + first.Body)
	}
	fixNumbers(p)
	cast := p.CastNames()
	for _, e := range p.Episodes {
		ParseBody(e, cast)
	}
	if p.Meta.Language == "" {
		p.Meta.Language = "zh-Hans"
	}
	return p, nil
}

// fixNumbers keeps episode numbers unique and increasing, as written when
// possible (a file may start at 第5集), else by position.
func fixNumbers(p *script.Project) {
	prev := 0
	for _, e := range p.Episodes {
		if e.Number <= prev {
			e.Number = prev + 1
		}
		prev = e.Number
	}
}

// episodeMarker recognises an episode heading line.
func episodeMarker(line string) (int, string, bool) {
	if line == "" {
		return 0, "", false
	}
	// Cheap filter before the regexps: 第…集 or EP/Episode after # and 【.
	if t := strings.TrimLeft(line, "#【[ \t"); !strings.HasPrefix(t, "第") && !strings.HasPrefix(t, "E") && !strings.HasPrefix(t, "e") {
		return 0, "", false
	}
	if m := reEpisodeBr.FindStringSubmatch(line); m != nil {
		n := parseNumber(m[1] + m[2])
		if n <= 0 || n > 9999 {
			return 0, "", false
		}
		return n, cleanTitle(m[3]), true
	}
	if m := reEpisodeZh.FindStringSubmatch(line); m != nil {
		n := parseNumber(m[1])
		if n <= 0 || n > 9999 {
			return 0, "", false
		}
		return n, cleanTitle(m[2]), true
	}
	if m := reEpisodeEn.FindStringSubmatch(line); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n <= 0 || n > 9999 {
			return 0, "", false
		}
		return n, cleanTitle(m[2]), true
	}
	return 0, "", false
}

func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "《》\"“”「」 \u3000")
	return strings.TrimSpace(s)
}

// parsePreface reads metadata, 人物小传 and 术语表 from the lines before the
// first episode and returns any remaining script text.
func parsePreface(p *script.Project, lines []string) string {
	section := ""
	var rest []string
	var sectionText strings.Builder
	endSection := func() {
		if section == "synopsis" {
			if s := strings.TrimSpace(sectionText.String()); s != "" {
				p.Meta.Synopsis = strings.TrimSpace(p.Meta.Synopsis + "\n" + s)
			}
			section = ""
		}
		sectionText.Reset()
	}
	inScript := false
	for _, raw := range lines {
		line := cleanLine(raw)
		// From the first scene heading, △ or 【】 line on, this is script
		// text (a single-episode file without 第1集): keep it all as written.
		if !inScript && line != "" {
			if _, ok := parseHeading(line); ok || strings.HasPrefix(line, "△") || strings.HasPrefix(line, "▲") || strings.HasPrefix(line, "【") {
				inScript = true
			}
		}
		if inScript {
			rest = append(rest, raw)
			continue
		}
		if line == "" {
			if section == "synopsis" && sectionText.Len() > 0 {
				sectionText.WriteString("\n")
			}
			continue
		}
		if p.Meta.Title == "" && strings.HasPrefix(line, "《") && strings.HasSuffix(line, "》") && strings.Count(line, "《") == 1 {
			p.Meta.Title = cleanTitle(line) // a script opens with 《剧名》
			continue
		}
		key, val, hasColon := splitColon(line)
		if hasColon && key == "人物" && val != "" {
			hasColon = false // 人物：林晚、林母 is a scene's cast line
		}
		if hasColon {
			switch key {
			case "剧名", "片名", "标题", "剧本名称", "Title":
				p.Meta.Title = cleanTitle(val)
				continue
			case "一句话故事", "一句话梗概", "Logline":
				p.Meta.Logline = val
				continue
			case "推荐语", "宣传语", "Tagline":
				p.Meta.Tagline = val
				continue
			case "类型", "题材":
				p.Meta.Genres = splitList(val)
				continue
			case "编剧", "作者", "Author", "Credit":
				p.Meta.Writers = splitList(val)
				continue
			case "制作机构", "出品", "出品方", "制作方":
				p.Meta.Producer = val
				continue
			case "集数", "总集数":
				p.Meta.TargetEpisodes = parseNumber(strings.TrimSuffix(strings.TrimSpace(val), "集"))
				continue
			case "单集时长":
				p.Meta.SecondsPerEpisode = parseSeconds(val)
				continue
			case "备案号", "许可证号":
				p.Meta.Licence = val
				continue
			case "地区", "地区代码":
				p.Meta.Regions = splitList(val) // GB/T 2260 codes
				continue
			case "文化计划", "文化元素":
				p.Culture.Planned = splitList(val) // culture element ids
				continue
			case "制作成本", "预算", "投资额":
				p.Meta.BudgetWan = parseWan(val)
				continue
			case "上线日期", "上线时间":
				p.Meta.GoLive = val
				continue
			case "上线平台", "平台":
				p.Meta.Platforms = splitList(val)
				continue
			case "特殊题材", "重大题材":
				p.Meta.SpecialSubjects = splitList(val)
				continue
			case "AI生成", "AI制作", "AI微短剧":
				p.Meta.AIMade = strings.HasPrefix(val, "是") || strings.EqualFold(val, "yes") || val == "true"
				continue
			case "简介", "梗概", "故事梗概", "内容简介", "大纲", "故事大纲":
				endSection()
				section = "synopsis"
				if val != "" {
					sectionText.WriteString(val)
				}
				continue
			case "人物小传", "人物介绍", "人物", "主要人物", "角色介绍":
				endSection()
				section = "characters"
				continue
			case "术语表", "词汇表":
				endSection()
				section = "glossary"
				continue
			}
		}
		switch section {
		case "characters":
			if c, ok := parseCharacter(line); ok {
				p.Characters = append(p.Characters, c)
				continue
			}
		case "glossary":
			if hasColon && key != "" {
				p.Glossary = append(p.Glossary, script.GlossaryEntry{Term: key, Render: map[string]string{"en": val}})
				continue
			}
		case "synopsis":
			sectionText.WriteString(line + "\n")
			continue
		}
		rest = append(rest, raw)
	}
	endSection()
	return strings.Join(rest, "\n")
}

// parseCharacter reads "林晚（女，24岁，…）：bio" or "林晚：24岁，…".
func parseCharacter(line string) (script.Character, bool) {
	line = strings.TrimLeft(line, "-*·•● ")
	name, bio, ok := splitColon(line)
	if !ok {
		return script.Character{}, false
	}
	c := script.Character{}
	attrs := ""
	if i := strings.IndexAny(name, "（("); i > 0 {
		if !strings.HasSuffix(name, "）") && !strings.HasSuffix(name, ")") {
			return c, false
		}
		attrs = name[i+len(firstRune(name[i:])) : len(name)-len(lastRune(name))]
		if strings.ContainsAny(attrs, "（()）") {
			return c, false
		}
		name = strings.TrimSpace(name[:i])
	}
	if name == "" || utf8.RuneCountInString(name) > 12 || !plausibleName(name) || notSpeakers[name] {
		return c, false
	}
	c.Name = name
	c.Bio = strings.TrimSpace(bio)
	for _, a := range splitList(attrs) {
		switch {
		case a == "男" || a == "女":
			c.Gender = a
		case reAge.MatchString(a):
			c.Age = parseNumber(reAge.FindStringSubmatch(a)[1])
		case strings.HasPrefix(a, "又名") || strings.HasPrefix(a, "别名"):
			c.Aliases = append(c.Aliases, splitAliases(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(a, "又名"), "别名"), "：: "))...)
		case a != "":
			if c.Role == "" {
				c.Role = a
			} else {
				c.Role += "，" + a
			}
		}
	}
	if c.Age == 0 {
		if m := reAge.FindStringSubmatch(c.Bio); m != nil && strings.Index(c.Bio, m[0]) < 12 {
			c.Age = parseNumber(m[1])
		}
	}
	return c, true
}

func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '／' || r == '|' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// ParseBody parses ep.Body into ep.Scenes. cast is the series' character
// names and aliases; it decides which "X：" lines are dialogue.
func ParseBody(ep *script.Episode, cast []string) {
	ep.Scenes = parseScenes(ep.Body, castSet(cast))
}

func castSet(cast []string) map[string]bool {
	m := make(map[string]bool, len(cast))
	for _, c := range cast {
		m[c] = true
	}
	return m
}

func parseScenes(body string, cast map[string]bool) []script.Scene {
	var scenes []script.Scene
	var sc *script.Scene
	sceneCast := map[string]bool{}
	offset := 0
	lineNo := 0
	newScene := func(start int) {
		scenes = append(scenes, script.Scene{Span: script.Span{Line: lineNo, Start: start, End: start}})
		sc = &scenes[len(scenes)-1]
		sceneCast = map[string]bool{}
	}
	for len(body) > 0 || offset == 0 {
		lineNo++
		nl := strings.IndexByte(body, '\n')
		raw := body
		if nl >= 0 {
			raw = body[:nl]
		}
		start := offset
		adv := len(raw)
		if nl >= 0 {
			adv++
		}
		body = body[adv:]
		offset += adv
		// Leading and trailing white space (incl. full-width) is not content.
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		text := strings.TrimRightFunc(raw[lead:], unicode.IsSpace)
		if text == "" {
			if len(body) == 0 {
				break
			}
			continue
		}
		span := script.Span{Line: lineNo, Start: start + lead, End: start + lead + len(text)}
		if h, ok := parseHeading(text); ok {
			// "场景：夜 内 堂屋" right after a bare "8-1" fills that scene.
			if h.Number == "" && sc != nil && sc.Number != "" && sc.Time == "" && sc.IntExt == "" && sc.Location == "" && len(sc.Lines) == 0 {
				sc.Time, sc.IntExt, sc.Location = h.Time, h.IntExt, h.Location
				sc.Heading += "\n" + h.Heading
				sc.Span.End = span.End
				continue
			}
			newScene(span.Start)
			h.Span = sc.Span
			*sc = h
			sc.Span.End = span.End
			continue
		}
		if sc == nil {
			newScene(span.Start)
		}
		sc.Span.End = span.End
		if m := matchCast(text); m != nil && len(sc.Lines) == 0 {
			names := splitList(m[1])
			sc.Cast = append(sc.Cast, names...)
			for _, n := range names {
				sceneCast[n] = true
			}
			continue
		}
		sc.Lines = append(sc.Lines, classify(text, span, cast, sceneCast))
	}
	if sc != nil && len(scenes) == 1 && sc.Number == "" && len(sc.Lines) == 0 && len(sc.Cast) == 0 {
		return nil
	}
	return scenes
}

// parseHeading recognises every scene-heading variant we accept.
func parseHeading(text string) (script.Scene, bool) {
	var sc script.Scene
	sc.Heading = text
	// Cheap first-rune filter: every variant starts with a digit, 第 or 场.
	if r, _ := utf8.DecodeRuneInString(text); !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '第' || r == '场' || r == ' ' || r == '\t') {
		return sc, false
	}
	if m := reSceneNum.FindStringSubmatch(text); m != nil {
		// 5-3A / 5-3+ / 5-3+1 are insert scenes (加场).
		sc.Number = toASCIIDigits(m[1]) + "-" + toASCIIDigits(m[2]) + strings.ReplaceAll(m[3], "＋", "+")
		rest := m[4]
		// "1.5 米高的墙" is not a heading: a heading has time, 内/外 or nothing.
		t, ie, loc := headingFields(rest)
		if rest != "" && t == "" && ie == "" {
			return sc, false
		}
		sc.Time, sc.IntExt, sc.Location = t, ie, loc
		return sc, true
	}
	if m := reSceneChang.FindStringSubmatch(text); m != nil {
		sc.Number = strconv.Itoa(parseNumber(m[1]))
		sc.Time, sc.IntExt, sc.Location = headingFields(m[2])
		return sc, true
	}
	if m := reSceneCiNum.FindStringSubmatch(text); m != nil {
		sc.Number = strings.NewReplacer(".", "-", "．", "-", "－", "-").Replace(toASCIIDigits(m[1]))
		sc.Time, sc.IntExt, sc.Location = headingFields(m[2])
		return sc, true
	}
	if m := reSceneDun.FindStringSubmatch(text); m != nil {
		t, ie, loc := headingFields(m[2])
		if t == "" || ie == "" {
			return sc, false // "1、他走了" is a list item, not a heading
		}
		sc.Number = toASCIIDigits(m[1])
		sc.Time, sc.IntExt, sc.Location = t, ie, loc
		return sc, true
	}
	if m := reSceneField.FindStringSubmatch(text); m != nil {
		sc.Time, sc.IntExt, sc.Location = headingFields(m[1])
		return sc, true
	}
	return sc, false
}

// headingFields splits "日 内 林家客厅", "林家客厅 日/内", "外，武当山，日".
func headingFields(s string) (tm, ie, loc string) {
	tokens := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("，,、/／|｜;；", r)
	})
	var locs []string
	for _, tok := range tokens {
		rest := tok
		// A token may glue time and 内/外: 日内, 夜外, 内景, 外景.
		for rest != "" {
			matched := false
			if tm == "" {
				for _, w := range timeWords {
					if strings.HasPrefix(rest, w) && (len(rest) == len(w) || isIntExtStart(rest[len(w):]) || strings.HasPrefix(rest[len(w):], "景") || strings.HasPrefix(rest[len(w):], "戏")) {
						tm = w
						rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(w):], "景"), "戏")
						matched = true
						break
					}
				}
			}
			if !matched && ie == "" {
				for _, w := range []string{"内外", "外内", "内", "外"} {
					if strings.HasPrefix(rest, w) {
						after := rest[len(w):]
						after = strings.TrimPrefix(after, "景")
						if after == "" || startsWithTime(after) {
							ie = w
							rest = after
							matched = true
						}
						break
					}
				}
			}
			if !matched {
				locs = append(locs, rest)
				break
			}
		}
	}
	return tm, ie, strings.Join(locs, " ")
}

func isIntExtStart(s string) bool { return strings.HasPrefix(s, "内") || strings.HasPrefix(s, "外") }

func startsWithTime(s string) bool {
	for _, w := range timeWords {
		if s == w {
			return true
		}
	}
	return false
}

// classify decides what one non-heading line is.
func classify(text string, span script.Span, cast, sceneCast map[string]bool) script.Line {
	l := script.Line{Span: span}
	switch {
	case strings.HasPrefix(text, "△"), strings.HasPrefix(text, "▲"):
		l.Kind = script.LineAction
		l.Text = strings.TrimSpace(strings.TrimLeft(text[len("△"):], " \u3000"))
		return l
	}
	if m := matchPrefixed(reBracket, text, "【"); m != nil {
		inner := strings.TrimSpace(m[1])
		if mk, ok := markerNames[inner]; ok {
			l.Kind = script.LineMarker
			l.Marker = mk
			l.Text = strings.TrimSpace(m[2])
			return l
		}
		l.Kind = script.LineCue
		k, v, colon := splitColon(inner)
		switch {
		case m[2] != "":
			// 【闪回】林晚站在雨中: the text follows the cue (Level 1).
			l.Cue, l.Text, l.Level = inner, strings.TrimSpace(m[2]), 1
		case colon && k != "" && utf8.RuneCountInString(k) <= 6:
			l.Cue, l.Text = k, v // 【字幕：三年后】
		default:
			l.Cue = inner // 【闪回】
		}
		return l
	}
	if m := matchPrefixed(reNote, text, "[[", "（", "(", "注", "备注"); m != nil {
		l.Kind = script.LineNote
		l.Text = strings.TrimSpace(m[1] + m[2] + m[3])
		return l
	}
	if m := matchPrefixed(reTransition, text, "切", "转场", "淡", "叠化", "黑场", "闪白"); m != nil && utf8.RuneCountInString(text) <= 12 {
		l.Kind = script.LineTransition
		l.Text = text
		return l
	}
	if d, ok := parseDialogue(text, cast, sceneCast); ok {
		d.Span = span
		return d
	}
	l.Kind = script.LineAction // action written without △
	l.Text = text
	return l
}

// parseDialogue reads 角色：（情绪）台词, 角色（OS）：台词, 角色（冷笑）：台词.
func parseDialogue(text string, cast, sceneCast map[string]bool) (script.Line, bool) {
	i := strings.IndexAny(text, "：:")
	if i <= 0 {
		return script.Line{}, false
	}
	head := strings.TrimSpace(text[:i])
	speech := strings.TrimSpace(text[i+utf8.RuneLen([]rune(text[i:])[0]):])
	name, paren := head, ""
	if j := strings.IndexAny(head, "（("); j > 0 && (strings.HasSuffix(head, "）") || strings.HasSuffix(head, ")")) {
		inner := head[j+len(firstRune(head[j:])) : len(head)-len(lastRune(head))]
		if strings.ContainsAny(inner, "（()）") {
			return script.Line{}, false // 会（）笑）： is not a speaker
		}
		name = strings.TrimSpace(head[:j])
		paren = strings.TrimSpace(inner)
	}
	if name == "" || notSpeakers[name] || !plausibleName(name) {
		return script.Line{}, false
	}
	if !(cast[name] || sceneCast[name] || voices[name]) && !unknownSpeakerOK(name, speech, len(cast) > 0) {
		return script.Line{}, false
	}
	l := script.Line{Kind: script.LineDialogue, Speaker: name}
	switch strings.ToUpper(paren) {
	case "OS", "O.S.", "内心", "心声":
		l.Voice = script.VoiceOS
		paren = ""
	case "VO", "V.O.", "画外音", "旁白":
		l.Voice = script.VoiceVO
		paren = ""
	}
	if name == "旁白" && l.Voice == "" {
		l.Voice = script.VoiceVO
	}
	// Parenthetical after the colon: 林晚：（冷笑）你也配？
	if strings.HasPrefix(speech, "（") || strings.HasPrefix(speech, "(") {
		if k := strings.IndexAny(speech, "）)"); k > 0 && !strings.ContainsAny(speech[len(firstRune(speech)):k], "（(") {
			inner := strings.TrimSpace(speech[len(firstRune(speech)):k])
			switch {
			case inner == "":
			case paren == "":
				paren = inner
			default:
				paren += "，" + inner
			}
			speech = strings.TrimSpace(speech[k+utf8.RuneLen([]rune(speech[k:])[0]):])
		}
	}
	l.Paren = paren
	l.Text = speech
	return l, true
}

func plausibleName(name string) bool {
	if utf8.RuneCountInString(name) > 12 {
		return false
	}
	for _, r := range name {
		if unicode.IsPunct(r) && r != '·' && r != '•' && r != '.' && r != '-' && r != '_' && r != '\'' {
			return false
		}
		if unicode.IsDigit(r) && !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return !strings.ContainsAny(name, "△▲【】")
}

// unknownSpeakerOK decides whether a name that is in no cast list still
// introduces dialogue (the check flags unknown speakers later). Names are
// short and have none of the function words of a sentence, so that
// "墙上的钟：滴答作响" stays action.
func unknownSpeakerOK(name, speech string, haveCast bool) bool {
	n := utf8.RuneCountInString(name)
	limit := 6
	if haveCast {
		limit = 4
	}
	if haveCast && speech == "" {
		return false
	}
	if n > limit {
		return n <= 8 && voicePrefix(name)
	}
	if strings.ContainsAny(name, "的了着在是把被和与就都也还又说道看到从向对给让这那个里上下中时年月日号点分 ") {
		return voicePrefix(name)
	}
	return true
}

// voicePrefix accepts "小女孩" style role names that happen to contain a
// listed character: roles ending in 人/员/者/生/女/男/孩 are speakers.
func voicePrefix(name string) bool {
	r, _ := utf8.DecodeLastRuneInString(name)
	return strings.ContainsRune("人员者生女男孩娘婆公爷叔姨哥姐弟妹长总", r) && !strings.ContainsAny(name, "了着是把被说道看到时年月日")
}

// matchPrefixed runs re only on text starting with one of the prefixes: the
// regexps are the slow part of parsing a long series.
func matchPrefixed(re *regexp.Regexp, text string, prefixes ...string) []string {
	for _, p := range prefixes {
		if strings.HasPrefix(text, p) {
			return re.FindStringSubmatch(text)
		}
	}
	return nil
}

func matchCast(text string) []string {
	return matchPrefixed(reCast, strings.TrimSpace(text), "人物", "出场", "角色")
}
