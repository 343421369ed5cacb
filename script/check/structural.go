package check

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/stats"
)

// structCheck is a check text matching cannot do. Episode checks run in
// CheckEpisode; project checks run in Assemble and see every episode's
// findings (for aggregate advice).
type structCheck struct {
	episode func(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding
	project func(e *Engine, cx *projectCtx, r *Rule, found []Finding) []Finding
}

var structural map[string]structCheck

func init() {
	structural = map[string]structCheck{
		"craft.duration":     {episode: checkDuration},
		"craft.hook":         {project: checkHooks},
		"craft.cliffhanger":  {episode: checkCliff},
		"craft.scene_cast":   {episode: checkSceneCast},
		"craft.speakers":     {episode: checkSpeakers},
		"craft.balance":      {episode: checkBalance},
		"craft.paywall":      {project: checkPaywall},
		"craft.count":        {project: checkCount},
		"craft.scene_number": {episode: checkSceneNumbers}, // structural_scenes.go
		"filing.numbering":   {project: checkNumbering},
		"filing.licence":     {project: checkLicence},
		"filing.synopsis":    {project: checkSynopsisLen},
		"filing.tagline":     {project: checkTaglineLen},
		"filing.metadata":    {project: checkMetadata},
		"title.form":         {project: checkTitleForm},
		"minors.notice":      {project: checkMinorsNotice},
		"minors.lead":        {project: checkMinorLead},
		"ai.provenance":      {episode: checkProvenance},
		"ai.made":            {project: checkAIMade},
	}
}

// episodeFinding places a structural finding on an episode (or a span).
func (e *Engine) episodeFinding(cx *projectCtx, r *Rule, ep *script.Episode, vars map[string]string, span script.Span, scene, excerptText string) Finding {
	f := e.newFinding(cx, r, vars)
	f.Episode, f.Scene, f.Line, f.Start, f.End = ep.Number, scene, span.Line, span.Start, span.End
	f.Excerpt = excerptText
	return f
}

func spanText(body string, s script.Span) string {
	if s.Start < 0 || s.End > len(body) || s.Start > s.End {
		return ""
	}
	return body[s.Start:s.End]
}

// lines returns the episode's lines in order; a one-scene episode needs
// no copy.
func lines(ep *script.Episode) []script.Line {
	if len(ep.Scenes) == 1 {
		return ep.Scenes[0].Lines
	}
	n := 0
	for _, sc := range ep.Scenes {
		n += len(sc.Lines)
	}
	out := make([]script.Line, 0, n)
	for _, sc := range ep.Scenes {
		out = append(out, sc.Lines...)
	}
	return out
}

// targetRange is the episode duration range: the project's settings, or
// the target seconds per episode ± tolerance, or the defaults.
func targetRange(p *script.Project, tol float64) (int, int) {
	s := p.Settings
	if s.TargetMinSecs > 0 || s.TargetMaxSecs > 0 {
		e := s.Effective()
		return e.TargetMinSecs, e.TargetMaxSecs
	}
	if t := p.Meta.SecondsPerEpisode; t > 0 {
		return int(float64(t) * (1 - tol)), int(float64(t)*(1+tol) + 0.5)
	}
	e := s.Effective()
	return e.TargetMinSecs, e.TargetMaxSecs
}

func checkDuration(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	if len(ep.Scenes) == 0 {
		return nil
	}
	st := stats.ForEpisode(ep, cx.p.Settings.Effective())
	lo, hi := targetRange(cx.p, r.Param("tolerance", 0.5))
	secs := int(st.Seconds + 0.5)
	if secs >= lo && secs <= hi || st.DialogueChars+st.ActionChars == 0 {
		return nil
	}
	vars := map[string]string{"seconds": strconv.Itoa(secs), "min": strconv.Itoa(lo), "max": strconv.Itoa(hi)}
	return []Finding{e.episodeFinding(cx, r, ep, vars, script.Span{Line: 1}, "", "≈"+strconv.Itoa(secs/10*10)+"s")}
}

// hookSignals on a line make an opening grab attention without a marker.
func hookSignal(l script.Line) bool {
	if l.Kind == script.LineMarker && (l.Marker == script.MarkerHook || l.Marker == script.MarkerReversal) {
		return true
	}
	if l.Kind == script.LineCue && (strings.Contains(l.Cue, "闪回") || strings.Contains(l.Cue, "闪前") || strings.Contains(l.Cue, "特写")) {
		return true
	}
	return strings.ContainsAny(l.Text, "！？!?") || strings.Contains(l.Text, "突然") || strings.Contains(l.Text, "竟然")
}

// checkHooks runs checkHook on every episode that does not pick up a
// cliffhanger: an episode after one that ends on 【卡点】 or 【付费点】 opens
// on the answer, and that is its hook. (It is a project check because it
// looks at the previous episode.)
func checkHooks(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	var out []Finding
	for i, ep := range cx.p.Episodes {
		if i > 0 && endsOnCliff(cx.p.Episodes[i-1]) {
			continue
		}
		out = append(out, checkHook(e, cx, r, ep)...)
	}
	return out
}

// endsOnCliff reports whether the last lines carry a 卡点 or 付费点 marker.
func endsOnCliff(ep *script.Episode) bool {
	ls := lines(ep)
	for i := len(ls) - 1; i >= 0 && i >= len(ls)-3; i-- {
		if ls[i].Kind == script.LineMarker && (ls[i].Marker == script.MarkerCliff || ls[i].Marker == script.MarkerPaywall) {
			return true
		}
	}
	return false
}

func checkHook(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	ls := lines(ep)
	if len(ls) < 3 {
		return nil
	}
	n := int(r.Param("lines", 4))
	for i, l := range ls {
		if i >= n {
			break
		}
		if hookSignal(l) {
			return nil
		}
	}
	first := ls[0]
	return []Finding{e.episodeFinding(cx, r, ep, nil, first.Span, ep.Scenes[0].Number, excerpt(ep.Body, 0, first.Span.Start, first.Span.End, first.Span.Start, first.Span.Start))}
}

func checkCliff(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	ls := lines(ep)
	if len(ls) < 3 || ep.Number == len(cx.p.Episodes) && ep.Number > 1 {
		return nil // the finale may close the story
	}
	n := int(r.Param("lines", 3))
	for i := len(ls) - 1; i >= 0 && i >= len(ls)-n; i-- {
		l := ls[i]
		if l.Kind == script.LineMarker && l.Marker != script.MarkerHook {
			return nil
		}
		t := strings.TrimRight(l.Text, " 」”\"')）")
		if i == len(ls)-1 && (strings.HasSuffix(t, "？") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "——") || strings.HasSuffix(t, "…") || strings.HasSuffix(t, "！")) {
			return nil
		}
	}
	last := ls[len(ls)-1]
	sc := ep.Scenes[len(ep.Scenes)-1].Number
	return []Finding{e.episodeFinding(cx, r, ep, nil, last.Span, sc, excerpt(ep.Body, 0, last.Span.Start, last.Span.End, last.Span.Start, last.Span.Start))}
}

func checkSceneCast(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	if cx.p.SourceStyle == script.StyleFountain {
		return nil // Fountain has no cast line: characters are introduced in action
	}
	var out []Finding
	for _, sc := range ep.Scenes {
		if sc.Number == "" || len(sc.Cast) > 0 || len(sc.Lines) == 0 {
			continue
		}
		span := script.Span{Line: sc.Span.Line, Start: sc.Span.Start, End: sc.Span.Start + len(firstLine(spanText(ep.Body, sc.Span)))}
		out = append(out, e.episodeFinding(cx, r, ep, map[string]string{"scene": sc.Number}, span, sc.Number, sc.Heading))
	}
	return out
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// genericSpeakers are voices that are never in the cast list.
var genericSpeakers = map[string]bool{"旁白": true, "众人": true, "众": true, "画外音": true, "广播": true, "电话": true, "手机": true, "路人": true, "路人甲": true, "路人乙": true, "群众": true, "记者": true, "主持人": true, "弹幕": true, "合": true, "齐声": true}

func checkSpeakers(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	if len(cx.castC) == 0 {
		return nil
	}
	var out []Finding
	seen := map[string]bool{}
	for _, sc := range ep.Scenes {
		inScene := map[string]bool{}
		for _, c := range sc.Cast {
			inScene[c] = true
		}
		for _, l := range sc.Lines {
			name := l.Speaker
			if l.Kind != script.LineDialogue || name == "" || seen[name] || cx.castC[name] || genericSpeakers[name] || inScene[name] {
				continue
			}
			seen[name] = true
			span := script.Span{Line: l.Span.Line, Start: l.Span.Start, End: l.Span.Start + len(name)}
			if !strings.HasPrefix(spanText(ep.Body, l.Span), name) {
				span.End = l.Span.End
			}
			out = append(out, e.episodeFinding(cx, r, ep, map[string]string{"speaker": name}, span, sc.Number, name))
		}
	}
	return out
}

func checkBalance(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	var dlg, act int
	for _, l := range lines(ep) {
		switch l.Kind {
		case script.LineDialogue:
			dlg++
		case script.LineAction:
			act++
		}
	}
	if dlg+act < int(r.Param("min_lines", 8)) || dlg > 0 && act > 0 {
		return nil
	}
	kind := pickLang(cx.lang, "只有对白", "dialogue only")
	if dlg == 0 {
		kind = pickLang(cx.lang, "只有动作", "action only")
	}
	return []Finding{e.episodeFinding(cx, r, ep, map[string]string{"kind": kind}, script.Span{Line: 1}, "", kind)}
}

// markerEpisodes returns the numbers of the episodes that carry marker m.
func markerEpisodes(p *script.Project, m script.Marker) ([]int, map[int]script.Line) {
	var eps []int
	first := map[int]script.Line{}
	for _, ep := range p.Episodes {
		for _, l := range lines(ep) {
			if l.Kind == script.LineMarker && l.Marker == m {
				eps = append(eps, ep.Number)
				first[ep.Number] = l
				break
			}
		}
	}
	return eps, first
}

func checkPaywall(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	p := cx.p
	n := max(len(p.Episodes), p.Meta.TargetEpisodes)
	if n < int(r.Param("min_episodes", 30)) {
		return nil // short series are often free or sold whole
	}
	set := p.Settings.Effective()
	eps, first := markerEpisodes(p, script.MarkerPaywall)
	vars := map[string]string{"from": strconv.Itoa(set.PaywallFrom), "to": strconv.Itoa(set.PaywallTo)}
	if len(eps) == 0 {
		if len(p.Episodes) < set.PaywallTo {
			return nil // not written that far yet
		}
		vars["episode"] = "—"
		f := e.newFinding(cx, r, vars)
		f.Excerpt = "—"
		return []Finding{f}
	}
	k := eps[0]
	if k >= set.PaywallFrom && k <= set.PaywallTo {
		return nil
	}
	vars["episode"] = strconv.Itoa(k)
	ep := p.Episode(k)
	l := first[k]
	return []Finding{e.episodeFinding(cx, r, ep, vars, l.Span, "", excerpt(ep.Body, 0, l.Span.Start, l.Span.End, l.Span.Start, l.Span.Start))}
}

func checkCount(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	p := cx.p
	t := p.Meta.TargetEpisodes
	if t <= 0 || len(p.Episodes) == 0 || len(p.Episodes) == t {
		return nil
	}
	f := e.newFinding(cx, r, map[string]string{"count": strconv.Itoa(len(p.Episodes)), "target": strconv.Itoa(t)})
	f.Field, f.Excerpt = "target_episodes", strconv.Itoa(len(p.Episodes))+"/"+strconv.Itoa(t)
	return []Finding{f}
}

func checkNumbering(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	for i, ep := range cx.p.Episodes {
		if ep.Number != i+1 {
			f := e.episodeFinding(cx, r, ep, map[string]string{"episode": strconv.Itoa(ep.Number), "want": strconv.Itoa(i + 1)}, script.Span{Line: 1}, "", strconv.Itoa(ep.Number))
			return []Finding{f}
		}
	}
	return nil
}

func metaFinding(e *Engine, cx *projectCtx, r *Rule, field, text string, vars map[string]string) Finding {
	f := e.newFinding(cx, r, vars)
	f.Field = field
	f.End = len(text)
	f.Excerpt = excerpt(text, 0, 0, len(text), 0, 0)
	return f
}

func checkLicence(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	t := ComputeTier(cx.p, cx.o)
	lic := strings.TrimSpace(cx.p.Meta.Licence)
	vars := map[string]string{"format": t.Number, "tier": t.Name, "excerpt": lic}
	mode := r.Param("mode", 0) // 0 = malformed, 1 = missing
	switch {
	case t.Key == TierNotInForce || t.Key == TierUnknown && lic == "":
		return nil
	case lic == "":
		if mode == 1 {
			return []Finding{metaFinding(e, cx, r, "licence", "", vars)}
		}
		return nil
	case mode == 1 || t.Key == TierOther:
		return nil // platform numbers have no published format
	}
	kind, _, _ := LicenceKind(lic)
	want := "审"
	if t.Key == TierOrdinary {
		want = "备"
	}
	if kind == want || t.Key == TierUnknown && kind != "" {
		return nil
	}
	return []Finding{metaFinding(e, cx, r, "licence", lic, vars)}
}

func checkSynopsisLen(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	return lengthFinding(e, cx, r, "synopsis", cx.p.Meta.Synopsis, SynopsisMax)
}

func checkTaglineLen(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	return lengthFinding(e, cx, r, "tagline", cx.p.Meta.Tagline, TaglineMax)
}

func lengthFinding(e *Engine, cx *projectCtx, r *Rule, field, text string, limit int) []Finding {
	n := runeLen(text)
	if n <= int(r.Param("max", float64(limit))) {
		return nil
	}
	return []Finding{metaFinding(e, cx, r, field, text, map[string]string{"count": strconv.Itoa(n), "max": strconv.Itoa(int(r.Param("max", float64(limit))))})}
}

func checkMetadata(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	m := cx.p.Meta
	var miss []string
	add := func(ok bool, zh, en string) {
		if !ok {
			miss = append(miss, pickLang(cx.lang, zh, en))
		}
	}
	add(strings.TrimSpace(m.Title) != "", "片名", "title")
	add(strings.TrimSpace(m.Synopsis) != "", "内容简介", "synopsis")
	add(strings.TrimSpace(m.Producer) != "", "制作机构", "producer")
	add(m.BudgetWan > 0, "制作成本", "budget")
	add(m.GoLive != "", "上线日期", "go-live date")
	if len(miss) == 0 {
		return nil
	}
	sep := pickLang(cx.lang, "、", ", ")
	f := e.newFinding(cx, r, map[string]string{"fields": strings.Join(miss, sep)})
	f.Field, f.Excerpt = "meta", strings.Join(miss, sep)
	return []Finding{f}
}

// checkTitleForm flags over-long titles, symbols at the ends and
// sentence-like colloquial titles.
func checkTitleForm(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	t := strings.TrimSpace(cx.p.Meta.Title)
	if t == "" {
		return nil
	}
	n := utf8.RuneCountInString(t)
	if !hasHan(t) {
		// The length guidance is for Chinese titles (字); a Latin title is
		// measured in words, and four or five words is not long.
		n = len(strings.Fields(t)) * 2
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	var why []string
	if n > int(r.Param("max", 15)) {
		why = append(why, pickLang(cx.lang, "片名 "+strconv.Itoa(n)+" 字，偏长", strconv.Itoa(n)+" characters: too long"))
	}
	sym := func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("》」”", r)
	}
	if sym(first) || sym(last) {
		why = append(why, pickLang(cx.lang, "片名首尾有符号", "symbols at the start or end"))
	}
	colloquial := false
	if n >= 7 {
		if strings.ContainsRune("了吧啦啊呢吗呀哇哦", last) || strings.HasPrefix(t, "我") && strings.ContainsAny(t, "了把被让") {
			colloquial = true
		}
	}
	if colloquial {
		why = append(why, pickLang(cx.lang, "口语化的句子式片名", "reads like a spoken sentence"))
	}
	if len(why) == 0 {
		return nil
	}
	f := metaFinding(e, cx, r, "title", t, map[string]string{"why": strings.Join(why, pickLang(cx.lang, "；", "; "))})
	f.Start = strings.Index(cx.p.Meta.Title, t) // the field as stored, spaces and all
	f.End = f.Start + len(t)
	return []Finding{f}
}

func checkMinorsNotice(e *Engine, cx *projectCtx, r *Rule, found []Finding) []Finding {
	n := 0
	for _, f := range found {
		if f.Category == "minors" && f.Severity.AtLeast(Medium) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	f := e.newFinding(cx, r, map[string]string{"count": strconv.Itoa(n)})
	f.Field, f.Excerpt = "project", strconv.Itoa(n)
	return []Finding{f}
}

// romanceGenres mark a series whose leads are in a romance.
var romanceGenres = []string{"霸总", "甜宠", "言情", "恋爱", "虐恋", "豪门", "总裁", "婚恋"}

func checkMinorLead(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	genre := strings.Join(cx.p.Meta.Genres, " ")
	romance := false
	for _, g := range romanceGenres {
		if strings.Contains(genre, g) {
			romance = true
		}
	}
	if !romance {
		return nil
	}
	var out []Finding
	for _, c := range cx.p.Characters {
		if !cx.minorC[c.Name] || !(strings.Contains(c.Role, "男主") || strings.Contains(c.Role, "女主")) {
			continue
		}
		f := e.newFinding(cx, r, map[string]string{"name": c.Name, "age": strconv.Itoa(c.Age)})
		f.Field, f.Excerpt = "characters", c.Name+"（"+c.Role+"）"
		out = append(out, f)
	}
	return out
}

// checkProvenance flags AI-written text no person has edited yet when the
// project does not label AI content.
func checkProvenance(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	p := cx.p
	if p.Settings.LabelAIContent {
		return nil
	}
	var out []Finding
	for _, pv := range p.Provenance {
		if pv.Episode != ep.Number || pv.Start < 0 || pv.End > len(ep.Body) || pv.Start >= pv.End {
			continue
		}
		text := ep.Body[pv.Start:pv.End]
		if pv.Text != "" && pv.Text != text {
			continue // a person has edited it since
		}
		pv.Start, pv.End = runeBounds(ep.Body, pv.Start, pv.End)
		line := 1 + strings.Count(ep.Body[:pv.Start], "\n")
		f := e.episodeFinding(cx, r, ep, map[string]string{"model": pv.Model}, script.Span{Line: line, Start: pv.Start, End: pv.End}, sceneAt(ep, pv.Start), excerpt(ep.Body, 0, pv.Start, pv.End, pv.Start, pv.Start))
		out = append(out, f)
	}
	return out
}

func sceneAt(ep *script.Episode, off int) string {
	for _, sc := range ep.Scenes {
		if off >= sc.Span.Start && off <= sc.Span.End {
			return sc.Number
		}
	}
	return ""
}

func checkAIMade(e *Engine, cx *projectCtx, r *Rule, _ []Finding) []Finding {
	if !cx.p.Meta.AIMade || cx.p.Settings.LabelAIContent {
		return nil
	}
	f := e.newFinding(cx, r, nil)
	f.Field, f.Excerpt = "ai_made", "AI"
	return []Finding{f}
}

// runeBounds widens [s,e) to whole characters.
func runeBounds(text string, s, e int) (int, int) {
	for s > 0 && !utf8.RuneStart(text[s]) {
		s--
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, e
}

// hasHan reports whether s contains a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
