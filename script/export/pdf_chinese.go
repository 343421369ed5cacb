package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/stats"
)

// Chinese layout on A4, in mm and pt.
const (
	zhLeft, zhRight   = 24.0, 20.0
	zhTop, zhBottom   = 24.0, 20.0
	zhBody            = 11.0 // body text size, pt
	zhLine            = 6.4  // body line height, mm
	zhSpeakerMaxChars = 8    // wider speaker labels go on a line of their own
)

// PDF writes the project as a PDF: the Chinese short-drama layout, or the
// standard screenplay layout for Fountain/English scripts.
func PDF(ctx context.Context, p *script.Project, w io.Writer, o Options) error {
	if isEnglish(p) {
		return screenplayPDF(ctx, p, w, o)
	}
	return chinesePDF(ctx, p, w, o)
}

func chinesePDF(ctx context.Context, p *script.Project, w io.Writer, o Options) error {
	d := newPDFDoc("P", "A4", false)
	d.meta(p, o)
	pw, ph := d.GetPageSize()
	d.SetMargins(zhLeft, zhTop, zhRight)
	d.SetAutoPageBreak(false, zhBottom)
	fl := &flow{d: d, left: zhLeft, right: pw - zhRight, top: zhTop, bottom: ph - zhBottom - 4,
		aiSpans: p.Provenance, aiMark: o.labelAI(p)}
	wm := o.watermark(p)
	label := o.labelAI(p)
	header := "" // running header of the current page; "" on the title page
	d.SetHeaderFunc(func() {
		d.watermark(wm)
		if header == "" {
			return
		}
		d.SetFont(famSans, "", 8.5)
		d.colour(grey)
		hw := d.GetStringWidth(header)
		d.Text(zhLeft, 14, fitWidth(d, p.Meta.Title, pw-zhLeft-zhRight-hw-8))
		d.Text(pw-zhRight-hw, 14, header)
		d.SetDrawColor(lightGrey.r, lightGrey.g, lightGrey.b)
		d.SetLineWidth(0.2)
		d.Line(zhLeft, 16, pw-zhRight, 16)
		d.colour(black)
		d.font(d.style, d.size)
	})
	d.SetFooterFunc(func() {
		d.SetFont(famSans, "", 8.5)
		d.colour(grey)
		num := "第 " + strconv.Itoa(d.PageNo()) + " 页 / 共 {nb} 页"
		d.Text(pw/2-d.GetStringWidth(num)/2, ph-11, num)
		if label {
			d.Text(pw-zhRight-d.GetStringWidth(AILabelText), ph-11, AILabelText)
		}
		if p.Meta.Licence != "" {
			d.Text(zhLeft, ph-11, p.Meta.Licence)
		}
		d.colour(black)
		d.font(d.style, d.size)
	})

	eps := o.episodes(p)
	zhTitlePage(d, p, o, eps, label)
	header = "人物与简介"
	if zhFrontMatter(fl, p) {
		header = ""
	}
	for i, e := range eps {
		if err := o.step(ctx, i, len(eps)); err != nil {
			return err
		}
		header = format.EpisodeHeading(e)
		fl.episode = e.Number
		fl.newPage()
		d.Bookmark(header, 0, -1)
		zhEpisode(fl, p, e)
	}
	if err := o.step(ctx, len(eps), len(eps)); err != nil {
		return err
	}
	if err := d.err("PDF"); err != nil {
		return err
	}
	return d.Output(w)
}

// zhTitlePage draws 片名, episode count, writers, producer, licence number.
func zhTitlePage(d *pdfDoc, p *script.Project, o Options, eps []*script.Episode, label bool) {
	d.AddPage()
	pw, ph := d.GetPageSize()
	m := p.Meta
	title := m.Title
	if title == "" {
		title = "未命名剧本"
	}
	d.font("B", 30)
	y := 88.0
	for _, ln := range d.wrap(title, pw-60) {
		d.centred(0, pw, y, ln)
		y += 14
	}
	if m.Tagline != "" {
		d.font("", 12)
		d.colour(grey)
		d.centred(0, pw, y+2, m.Tagline)
		d.colour(black)
		y += 10
	}
	n := m.TargetEpisodes
	if n == 0 || len(eps) < len(p.Episodes) {
		n = len(eps)
	}
	count := "共 " + strconv.Itoa(n) + " 集"
	if m.SecondsPerEpisode > 0 {
		count += "　单集约 " + strconv.Itoa(m.SecondsPerEpisode) + " 秒"
	}
	if len(eps) < len(p.Episodes) && len(eps) > 0 {
		count = fmt.Sprintf("第 %d–%d 集（节选，共 %d 集）", eps[0].Number, eps[len(eps)-1].Number, len(p.Episodes))
	}
	rows := [][2]string{{"集数", count}}
	if len(m.Genres) > 0 {
		rows = append(rows, [2]string{"类型", strings.Join(m.Genres, "、")})
	}
	rows = append(rows,
		[2]string{"编剧", orBlank(strings.Join(m.Writers, "、"))},
		[2]string{"制作机构", orBlank(m.Producer)},
		[2]string{"许可证号/备案号", orBlank(m.Licence)},
	)
	draft := m.Draft
	if draft == "" {
		draft = o.now().Format("2006-01-02")
	}
	rows = append(rows, [2]string{"版本", draft})
	d.font("", 12)
	kw := 0.0
	for _, r := range rows {
		kw = max(kw, d.width(r[0]+"："))
	}
	x := pw/2 - 55
	y = max(y+22, 140)
	for _, r := range rows {
		d.colour(grey)
		d.text(x+kw-d.width(r[0]+"："), y, r[0]+"：")
		d.colour(black)
		d.text(x+kw, y, r[1])
		y += 9
	}
	if label {
		d.font("B", 11)
		tw := d.width(AILabelText)
		d.SetDrawColor(150, 90, 0)
		d.SetLineWidth(0.4)
		d.Rect(pw/2-tw/2-4, ph-70, tw+8, 10, "D")
		d.colour(rgb{150, 90, 0})
		d.centred(0, pw, ph-63.2, AILabelText)
		d.colour(black)
	}
	d.font("", 9)
	d.colour(grey)
	yb := ph - 40.0
	for _, s := range []string{m.Contact, m.Copyright} {
		if s != "" {
			d.centred(0, pw, yb, s)
			yb += 6
		}
	}
	d.colour(black)
}

// fitWidth shortens s with an ellipsis to fit w in the current font.
func fitWidth(d *pdfDoc, s string, w float64) string {
	if d.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return "＿＿＿＿＿＿＿＿＿＿"
	}
	return s
}

// zhFrontMatter writes the synopsis and character bios on their own page;
// it reports false when the project has neither.
func zhFrontMatter(fl *flow, p *script.Project) bool {
	m := p.Meta
	if m.Synopsis == "" && m.Logline == "" && len(p.Characters) == 0 {
		return false
	}
	d := fl.d
	fl.newPage()
	section := func(title string) {
		fl.space(4)
		fl.need(zhLine * 3)
		d.font("B", 13)
		d.text(fl.left, baseline(fl.y, 8, 13), title)
		fl.y += 9
	}
	if m.Logline != "" {
		section("一句话故事")
		fl.hanging(fl.left, zhLine, "", zhBody, black, run{}, m.Logline, nil, false)
	}
	if m.Synopsis != "" {
		section("剧情简介")
		for _, para := range strings.Split(strings.TrimSpace(m.Synopsis), "\n") {
			fl.hanging(fl.left, zhLine, "", zhBody, black, run{}, "　　"+strings.TrimSpace(para), nil, false)
		}
	}
	if len(p.Characters) > 0 {
		section("人物小传")
		for _, c := range p.Characters {
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
			name := c.Name
			if len(attrs) > 0 {
				name += "（" + strings.Join(attrs, "，") + "）"
			}
			fl.space(1.5)
			fl.hanging(fl.left, zhLine, "", zhBody, black, run{text: name + "：", style: "B"}, c.Bio, nil, false)
		}
	}
	return true
}

// zhEpisode writes one episode: its heading, then every scene.
func zhEpisode(fl *flow, p *script.Project, e *script.Episode) {
	d := fl.d
	d.font("B", 17)
	for _, ln := range d.wrap(format.EpisodeHeading(e), fl.right-fl.left) {
		d.centred(fl.left, fl.right, baseline(fl.y, 10, 17), ln)
		fl.y += 10
	}
	st := stats.ForEpisode(e, p.Settings.Effective())
	d.font("", 8.5)
	d.colour(grey)
	info := fmt.Sprintf("%d 场 · 约 %s", st.Scenes, clock(st.Seconds))
	d.centred(fl.left, fl.right, baseline(fl.y, 5, 8.5), info)
	d.colour(black)
	fl.y += 9

	col := speakerColumn(d, e)
	for _, sc := range e.Scenes {
		zhScene(fl, sc, col)
	}
}

// clock formats seconds as m′ss″.
func clock(sec float64) string {
	s := int(sec + 0.5)
	return fmt.Sprintf("%d′%02d″", s/60, s%60)
}

// speakerLabel is "林秋禾（OS）".
func speakerLabel(l script.Line) string {
	s := l.Speaker
	if l.Voice != "" {
		s += "（" + l.Voice + "）"
	}
	return s
}

// speakerColumn is where dialogue text starts: after the widest speaker
// label of the episode, capped at zhSpeakerMaxChars characters.
func speakerColumn(d *pdfDoc, e *script.Episode) float64 {
	d.font("B", zhBody)
	limit := d.width(strings.Repeat("国", zhSpeakerMaxChars) + "：")
	w := d.width("国国：")
	for _, sc := range e.Scenes {
		for _, l := range sc.Lines {
			if l.Kind == script.LineDialogue {
				if lw := d.width(speakerLabel(l) + "："); lw <= limit {
					w = max(w, lw)
				}
			}
		}
	}
	return w + 1
}

func zhScene(fl *flow, sc script.Scene, col float64) {
	d := fl.d
	if h := format.SceneHeading(sc); h != "" {
		fl.space(3.5)
		fl.need(zhLine*3 + 1)
		top := fl.y
		d.SetFillColor(238, 238, 238)
		d.Rect(fl.left-1.5, top, fl.right-fl.left+3, zhLine+0.6, "F")
		d.font("B", zhBody+0.5)
		d.text(fl.left, baseline(top, zhLine+0.6, zhBody+0.5), h)
		fl.y += zhLine + 1.6
	}
	if len(sc.Cast) > 0 {
		fl.hanging(fl.left, zhLine, "", zhBody-1, grey, run{}, "人物："+strings.Join(sc.Cast, "、"), nil, false)
		fl.y += 0.8
	}
	for _, l := range sc.Lines {
		zhLine1(fl, l, col)
	}
}

// zhLine1 draws one line of a scene.
func zhLine1(fl *flow, l script.Line, col float64) {
	d := fl.d
	ai := fl.isAI(l.Span)
	x0 := fl.left
	text := strings.TrimSpace(l.Text)
	gap := func() { fl.y += 1.2 }
	switch l.Kind {
	case script.LineAction:
		d.font("", zhBody)
		ind := d.width("△") + 0.8
		fl.hanging(x0+ind, zhLine, "", zhBody, black, run{}, text, func(top float64) {
			d.text(x0, baseline(top, zhLine, zhBody), "△")
		}, ai)
	case script.LineDialogue:
		label := speakerLabel(l) + "："
		d.font("B", zhBody)
		paren := paren(l.Paren)
		if d.width(label) > col {
			fl.hanging(x0, zhLine, "B", zhBody, black, run{}, label, nil, false)
			fl.hanging(x0+col, zhLine, "", zhBody, black, paren, text, nil, ai)
		} else {
			fl.hanging(x0+col, zhLine, "", zhBody, black, paren, text, func(top float64) {
				d.font("B", zhBody)
				d.text(x0, baseline(top, zhLine, zhBody), label)
			}, ai)
		}
	case script.LineMarker:
		name := string(l.Marker)
		c := markerColour[l.Marker]
		d.SetFont(famSans, "B", zhBody-2)
		lw := d.GetStringWidth(name) + 2.4 + 1.5
		fl.hanging(x0+lw, zhLine, "B", zhBody, c, run{}, text, func(top float64) {
			d.label(x0, top, zhLine, name, c, zhBody-2)
		}, ai)
	case script.LineCue:
		s := "【" + l.Cue + "】" + text
		if text != "" && l.Level != 1 {
			s = "【" + l.Cue + "：" + text + "】"
		}
		fl.hanging(x0, zhLine, "", zhBody, cueBlue, run{}, s, nil, ai)
	case script.LineTransition:
		d.font("B", zhBody)
		fl.need(zhLine)
		d.text(fl.right-d.width(text), baseline(fl.y, zhLine, zhBody), text)
		fl.y += zhLine
	case script.LineCentered:
		d.font("", zhBody)
		for _, ln := range d.wrap(text, fl.right-fl.left) {
			fl.need(zhLine)
			d.centred(fl.left, fl.right, baseline(fl.y, zhLine, zhBody), ln)
			fl.y += zhLine
		}
	case script.LinePageBreak:
		fl.newPage()
		return
	case script.LineBoneyard:
		return // omitted text is not printed
	case script.LineLyric:
		fl.hanging(x0+8, zhLine, "", zhBody, black, run{}, "♪ "+text, nil, ai)
	default: // notes, sections, synopses
		fl.hanging(x0, zhLine, "", zhBody-1.5, grey, run{}, "（注："+text+"）", nil, ai)
	}
	gap()
}
