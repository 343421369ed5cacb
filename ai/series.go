package ai

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// BodyHash identifies the text a cached summary was made from.
func BodyHash(body string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:8])
}

// CachedSummary returns the project's summary of episode n if it is still
// current (its hash matches the Body).
func CachedSummary(p *script.Project, n int) (string, bool) {
	ep := p.Episode(n)
	if ep == nil {
		return "", false
	}
	h := BodyHash(ep.Body)
	for _, s := range p.Summaries {
		if s.Episode == n && s.Hash == h {
			return s.Text, true
		}
	}
	return "", false
}

// StoreSummary caches the summary of episode n, replacing an older one.
func StoreSummary(p *script.Project, n int, text string) {
	ep := p.Episode(n)
	if ep == nil {
		return
	}
	s := script.Summary{Episode: n, Hash: BodyHash(ep.Body), Text: strings.TrimSpace(text)}
	for i := range p.Summaries {
		if p.Summaries[i].Episode == n {
			p.Summaries[i] = s
			return
		}
	}
	p.Summaries = append(p.Summaries, s)
	sort.Slice(p.Summaries, func(i, j int) bool { return p.Summaries[i].Episode < p.Summaries[j].Episode })
}

// MissingSummaries lists episodes before upto (all when upto ≤ 0) without a
// current summary.
func MissingSummaries(p *script.Project, upto int) []int {
	var out []int
	for _, ep := range p.Episodes {
		if upto > 0 && ep.Number >= upto {
			continue
		}
		if strings.TrimSpace(ep.Body) == "" {
			continue
		}
		if _, ok := CachedSummary(p, ep.Number); !ok {
			out = append(out, ep.Number)
		}
	}
	return out
}

// summaryOrExcerpt is the cached summary, else the episode's opening and
// ending (hook and cliffhanger) as a free stand-in.
func summaryOrExcerpt(p *script.Project, ep *script.Episode, lang string) string {
	if s, ok := CachedSummary(p, ep.Number); ok {
		return s
	}
	body := []rune(strings.Join(strings.Fields(ep.Body), " "))
	if len(body) == 0 {
		return ""
	}
	if len(body) <= 160 {
		return string(body)
	}
	sep := " … "
	if lang == "zh" {
		sep = "……（中略）……"
	}
	return string(body[:70]) + sep + string(body[len(body)-90:])
}

// SeriesContext renders the series bible for a prompt, within budget
// tokens. Fill order (what survives a small context): metadata, characters
// in the current episode, earlier-episode summaries (newest first), other
// characters, glossary, culture plan, locations. Output keeps a stable
// order so the prompt prefix can be cached by the server.
func SeriesContext(p *script.Project, episode, budget int, lang string) string {
	if p == nil {
		return ""
	}
	zh := lang == "zh"
	L := func(a, b string) string {
		if zh {
			return a
		}
		return b
	}
	type part struct {
		order int
		text  string
	}
	var parts []part
	left := budget
	add := func(order int, text string, trim bool) {
		text = strings.TrimSpace(text)
		if text == "" || left <= 0 {
			return
		}
		n := EstimateTokens(text)
		if n > left {
			if !trim {
				return
			}
			text = TrimTokens(text, left)
			n = EstimateTokens(text)
		}
		left -= n
		parts = append(parts, part{order, text})
	}

	m := p.Meta
	var meta strings.Builder
	kv := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			fmt.Fprintf(&meta, "%s：%s\n", k, v)
		}
	}
	kv(L("片名", "Title"), m.Title)
	kv(L("一句话故事", "Logline"), m.Logline)
	kv(L("题材", "Genres"), strings.Join(m.Genres, "、"))
	kv(L("目标观众", "Audience"), m.Audience)
	if m.TargetEpisodes > 0 || len(p.Episodes) > 0 {
		n := m.TargetEpisodes
		if n == 0 {
			n = len(p.Episodes)
		}
		kv(L("集数", "Episodes"), fmt.Sprint(n))
	}
	if m.SecondsPerEpisode > 0 {
		kv(L("每集时长（秒）", "Seconds per episode"), fmt.Sprint(m.SecondsPerEpisode))
	}
	kv(L("内容简介", "Synopsis"), m.Synopsis)
	add(0, meta.String(), true)

	cur := p.Episode(episode)
	present := map[string]bool{}
	if cur != nil {
		for _, c := range p.Characters {
			for _, n := range c.Names() {
				if n != "" && strings.Contains(cur.Body, n) {
					present[c.Name] = true
				}
			}
		}
	}
	charLine := func(c script.Character, full bool) string {
		var b strings.Builder
		b.WriteString("- " + c.Name)
		var tags []string
		for _, s := range []string{c.Role, c.Gender} {
			if s != "" {
				tags = append(tags, s)
			}
		}
		if c.Age > 0 {
			tags = append(tags, fmt.Sprintf(L("%d岁", "%d"), c.Age))
		}
		if len(c.Aliases) > 0 {
			tags = append(tags, L("又称", "aka ")+strings.Join(c.Aliases, "、"))
		}
		if len(tags) > 0 {
			b.WriteString(L("（", " (") + strings.Join(tags, L("，", ", ")) + L("）", ")"))
		}
		bio := c.Bio
		if !full {
			if r := []rune(bio); len(r) > 60 {
				bio = string(r[:60]) + "…"
			}
		}
		if bio != "" {
			b.WriteString(L("：", ": ") + bio)
		}
		return b.String()
	}
	var inEp, others []string
	for _, c := range p.Characters {
		if present[c.Name] {
			inEp = append(inEp, charLine(c, true))
		} else {
			others = append(others, charLine(c, cur == nil))
		}
	}
	if len(inEp) > 0 {
		add(1, L("本集人物：\n", "Characters in this episode:\n")+strings.Join(inEp, "\n"), true)
	}

	// Summaries of earlier episodes, newest first until the budget is used.
	var sums []string
	if cur != nil {
		var prev []*script.Episode
		for _, ep := range p.Episodes {
			if ep.Number < episode {
				prev = append(prev, ep)
			}
		}
		var lines []string
		for i := len(prev) - 1; i >= 0 && left > 0; i-- {
			s := summaryOrExcerpt(p, prev[i], lang)
			if s == "" {
				continue
			}
			line := fmt.Sprintf(L("第%d集：%s", "Ep %d: %s"), prev[i].Number, s)
			n := EstimateTokens(line)
			if n > left-8 {
				break
			}
			left -= n
			lines = append(lines, line)
		}
		for i := len(lines) - 1; i >= 0; i-- {
			sums = append(sums, lines[i])
		}
	}
	if len(sums) > 0 {
		parts = append(parts, part{5, L("前情：\n", "Story so far:\n") + strings.Join(sums, "\n")})
	}
	if len(others) > 0 {
		title := L("人物：\n", "Characters:\n")
		if len(inEp) > 0 {
			title = L("其他人物：\n", "Other characters:\n")
		}
		add(2, title+strings.Join(others, "\n"), true)
	}
	// item is one "- name: note" line of a bible list.
	item := func(name, note string) string {
		if note == "" {
			return "- " + name
		}
		return "- " + name + L("：", ": ") + note
	}
	if len(p.Glossary) > 0 {
		var g []string
		for _, e := range p.Glossary {
			g = append(g, item(e.Term, e.Note))
		}
		add(3, L("术语：\n", "Glossary:\n")+strings.Join(g, "\n"), true)
	}
	if c := p.Culture; len(c.Planned) > 0 || len(c.Additions) > 0 {
		var g []string
		for _, id := range c.Planned {
			g = append(g, "- "+id)
		}
		for _, a := range c.Additions {
			g = append(g, item(a.Name, a.Notes))
		}
		add(4, L("计划融入的地方文化元素：\n", "Cultural elements planned:\n")+strings.Join(g, "\n"), true)
	}
	if len(p.Locations) > 0 {
		var g []string
		for _, l := range p.Locations {
			g = append(g, item(l.Name, l.Notes))
		}
		add(4, L("场景地点：\n", "Locations:\n")+strings.Join(g, "\n"), true)
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].order < parts[j].order })
	var out []string
	for _, pt := range parts {
		out = append(out, pt.text)
	}
	return strings.Join(out, "\n\n")
}
