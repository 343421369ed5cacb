package format

import (
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// WriteChinese writes the whole project in the canonical Chinese format:
// preface (剧名, 简介, 人物小传, 术语表) then every episode.
func WriteChinese(p *script.Project) string {
	var b strings.Builder
	m := p.Meta
	kv := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			b.WriteString(k + "：" + oneLine(v) + "\n")
		}
	}
	kv("剧名", m.Title)
	kv("一句话故事", m.Logline)
	kv("推荐语", m.Tagline)
	kv("类型", strings.Join(m.Genres, "、"))
	kv("编剧", strings.Join(m.Writers, "、"))
	kv("制作机构", m.Producer)
	if m.TargetEpisodes > 0 {
		kv("集数", strconv.Itoa(m.TargetEpisodes))
	}
	if m.SecondsPerEpisode > 0 {
		kv("单集时长", strconv.Itoa(m.SecondsPerEpisode)+"秒")
	}
	kv("备案号", m.Licence)
	if m.BudgetWan > 0 {
		kv("制作成本", strconv.FormatFloat(m.BudgetWan, 'f', -1, 64)+"万元")
	}
	kv("上线日期", m.GoLive)
	kv("上线平台", strings.Join(m.Platforms, "、"))
	kv("特殊题材", strings.Join(m.SpecialSubjects, "、"))
	if m.AIMade {
		kv("AI生成", "是")
	}
	kv("地区", strings.Join(m.Regions, "、"))
	kv("文化计划", strings.Join(p.Culture.Planned, "、"))
	if s := strings.TrimSpace(m.Synopsis); s != "" {
		b.WriteString("\n简介：\n" + s + "\n")
	}
	if len(p.Characters) > 0 {
		b.WriteString("\n人物小传：\n")
		for _, c := range p.Characters {
			b.WriteString(characterLine(c) + "\n")
		}
	}
	if len(p.Glossary) > 0 {
		b.WriteString("\n术语表：\n")
		for _, g := range p.Glossary {
			b.WriteString(oneLine(g.Term) + "：" + oneLine(g.Render["en"]) + "\n")
		}
	}
	for _, e := range p.Episodes {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(EpisodeHeading(e) + "\n")
		b.WriteString(WriteBody(e))
	}
	return b.String()
}

// EpisodeHeading is "第N集：标题" or "第N集".
func EpisodeHeading(e *script.Episode) string {
	h := "第" + strconv.Itoa(e.Number) + "集"
	if e.Title != "" {
		h += "：" + oneLine(e.Title)
	}
	return h
}

func characterLine(c script.Character) string {
	var attrs []string
	if c.Gender != "" {
		attrs = append(attrs, c.Gender)
	}
	if c.Age > 0 {
		attrs = append(attrs, strconv.Itoa(c.Age)+"岁")
	}
	if c.Role != "" {
		attrs = append(attrs, c.Role)
	}
	if len(c.Aliases) > 0 {
		attrs = append(attrs, "又名"+strings.Join(c.Aliases, "/"))
	}
	s := c.Name
	if len(attrs) > 0 {
		s += "（" + strings.Join(attrs, "，") + "）"
	}
	return s + "：" + oneLine(c.Bio)
}

// oneLine puts text on one line; inner spaces stay as written so that
// parse → write → parse keeps the text.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = newlineToSpace.Replace(s)
	}
	return strings.TrimSpace(s)
}

var newlineToSpace = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// WriteBody writes an episode's scenes in the canonical Chinese format.
func WriteBody(e *script.Episode) string {
	var b strings.Builder
	for i, sc := range e.Scenes {
		if i > 0 {
			b.WriteString("\n")
		}
		if h := SceneHeading(sc); h != "" {
			b.WriteString(h + "\n")
		}
		if len(sc.Cast) > 0 {
			b.WriteString("人物：" + strings.Join(sc.Cast, "、") + "\n")
		}
		for _, l := range sc.Lines {
			b.WriteString(LineText(l) + "\n")
		}
	}
	return b.String()
}

// SceneHeading is the canonical heading "1-1 日 内 客厅".
func SceneHeading(sc script.Scene) string {
	var parts []string
	for _, f := range []string{sc.Time, sc.IntExt, sc.Location} {
		if f != "" {
			parts = append(parts, f)
		}
	}
	if sc.Number == "" {
		if len(parts) == 0 {
			return ""
		}
		return "场景：" + strings.Join(parts, " ")
	}
	num := sc.Number
	if !strings.Contains(num, "-") {
		num = "第" + num + "场"
	} else if sc.Time == "" && sc.IntExt == "" && sc.Location != "" {
		// "1-1 客厅" would read as action ("2-3 个人围上来"): split it.
		return num + "\n场景：" + sc.Location
	}
	fields := strings.Join(parts, " ")
	forms := []string{strings.TrimSpace(num + " " + fields), num + "：" + fields}
	for _, h := range forms {
		if got, ok := parseHeading(h); ok && got.Number == sc.Number && got.Time == sc.Time && got.IntExt == sc.IntExt && got.Location == sc.Location {
			return h
		}
	}
	return forms[0]
}

// LineText is the canonical text of one line.
func LineText(l script.Line) string {
	t := oneLine(l.Text)
	switch l.Kind {
	case script.LineAction:
		return "△" + t
	case script.LineDialogue:
		s := l.Speaker
		if l.Voice != "" && !(l.Speaker == "旁白" && l.Voice == script.VoiceVO) {
			s += "（" + l.Voice + "）"
		}
		s += "："
		if l.Paren != "" {
			s += "（" + l.Paren + "）"
		}
		return s + t
	case script.LineMarker:
		return "【" + string(l.Marker) + "】" + t
	case script.LineCue:
		if l.Level == 1 || t == "" {
			return "【" + l.Cue + "】" + t
		}
		return "【" + l.Cue + "：" + t + "】"
	case script.LineTransition:
		return t
	case script.LineNote:
		return "（注：" + t + "）"
	case script.LineCentered:
		return "【居中】" + t
	case script.LineLyric:
		return "【歌词】" + t
	case script.LineSection, script.LineSynopsis:
		return "（注：" + t + "）"
	case script.LinePageBreak:
		return "（注：分页）"
	case script.LineBoneyard:
		return "（注：" + t + "）"
	}
	return t
}
