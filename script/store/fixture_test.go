package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// fullProject fills every field of the model, with Chinese text throughout.
func fullProject() *script.Project {
	t0 := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	return &script.Project{
		Meta: script.Meta{
			Title: "豫见你的光", Tagline: "开封夜市里的非遗传人", Synopsis: "林晚回到开封，接手外婆的汴绣铺子……",
			Logline: "一个绣娘和一座城的和解", Genres: []string{"都市", "非遗"}, Audience: "女频",
			Platforms: []string{"抖音", "微信视频号"}, TargetEpisodes: 80, SecondsPerEpisode: 90, BudgetWan: 45.5,
			GoLive: "2026-06-01", AIMade: true, SpecialSubjects: []string{"民族"}, Producer: "中原影业",
			Writers: []string{"王一", "李二"}, Licence: "（豫）网剧审字（2026）第001号", Regions: []string{"410200"},
			Language: "zh-Hans", Draft: "第二稿", Contact: "writer@example.com", Copyright: "© 2026 中原影业", Notes: "备注：夜戏多",
		},
		Characters: []script.Character{
			{Name: "林晚", Aliases: []string{"晚晚"}, Age: 26, Gender: "女", Role: "主角", Bio: "汴绣传人，倔强。"},
			{Name: "小雨", Age: 12, Gender: "女", Role: "配角"},
		},
		Locations: []script.Location{{Name: "鼓楼夜市", Region: "410202", Notes: "实景"}},
		Episodes: []*script.Episode{
			{Number: 1, Title: "归来", Body: "1-1 日 内 客厅\n人物：林晚、顾言\n△林晚推门进来。\n林晚：（冷笑）你也配？\n", Status: script.StatusDraft, Notes: "开场要快"},
			{Number: 2, Title: "绣坊", Body: "2-1 夜 外 鼓楼夜市\n人物：林晚\n△灯笼一盏盏亮起。\n【钩子】\n", Status: script.StatusRevised},
			{Number: 3, Body: "", Status: script.StatusLocked},
		},
		Glossary:   []script.GlossaryEntry{{Term: "汴绣", Render: map[string]string{"en": "Bian embroidery", "ja": "汴繍"}, Note: "国家级非遗", Source: "culture:bianxiu"}},
		Provenance: []script.Provenance{{Episode: 2, Start: 3, End: 30, Model: "deepseek-chat", Task: "rewrite", Time: t0, Text: "灯笼一盏盏亮起。"}},
		Waivers:    []script.Waiver{{Rule: "title.bait", Episode: 1, Excerpt: "你也配", Reason: "人物性格需要", By: "王一", Time: t0}},
		Culture: script.CulturePlan{
			Planned:       []string{"bianxiu", "kaifeng-gulou"},
			Additions:     []script.CultureElement{{ID: "p-1", Name: "外婆的绣绷", Aliases: []string{"绣绷"}, English: "embroidery hoop", Type: "craft", Region: "410202", Notes: "道具"}},
			Suppressed:    []string{"luoyang-peony"},
			DepthOverride: map[string]string{"bianxiu@2:10": "plot"},
		},
		Tracks:      []script.SubtitleTrack{{Episode: 1, Lang: "en", Name: "English", Data: `{"cues":[]}`, Updated: t0}},
		Summaries:   []script.Summary{{Episode: 1, Hash: "abc", Text: "林晚回到开封。"}},
		Settings:    script.Settings{SpeechRate: 5, ActionRate: 10, PauseSeconds: 0.5, CommaPause: 0.2, TargetMinSecs: 60, TargetMaxSecs: 120, PaywallFrom: 10, PaywallTo: 14, LabelAIContent: true, Watermark: "送审稿"},
		TitlePage:   []script.KeyValue{{Key: "Credit", Value: "编剧"}, {Key: "Author", Value: "王一"}},
		SourceStyle: script.StyleChinese,
	}
}

// seriesBody generates one episode of about chars Chinese characters in the
// Chinese short-drama format.
func seriesBody(ep, chars int) string {
	var b strings.Builder
	lines := []string{
		"△林晚推门进来，屋里一片狼藉，她愣在门口。",
		"林晚：（冷笑）你也配？这铺子是外婆一针一线绣出来的。",
		"顾言：（压低声音）晚晚，我知道你恨我，可这次你必须听我说完。",
		"△顾言从怀里掏出一张泛黄的契约，递到她面前。",
		"林晚：这是什么？你以为一张纸就能把过去一笔勾销？",
		"【闪回】",
		"△十年前的鼓楼夜市，灯火通明，小林晚牵着外婆的手。",
	}
	scene := 0
	for b.Len() < chars*3 {
		scene++
		fmt.Fprintf(&b, "%d-%d 日 内 客厅\n人物：林晚、顾言\n", ep, scene)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString("【卡点】\n")
	return b.String()
}

// series generates a project of n episodes of about chars characters each.
func series(n, chars int) *script.Project {
	p := &script.Project{Meta: script.Meta{Title: "豫见你的光"}, Characters: []script.Character{{Name: "林晚"}, {Name: "顾言"}}}
	for i := 1; i <= n; i++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: i, Title: fmt.Sprintf("第%d集", i), Body: seriesBody(i, chars), Status: script.StatusDraft})
	}
	return p
}

func tempProject(t testing.TB) string {
	if onPG() {
		return newPGDatabase(t)
	}
	return filepath.Join(t.TempDir(), "豫见 你的光#1.duanju") // Chinese, a space and a URI character
}

func mustCreate(t testing.TB, path string, p *script.Project, opts ...Option) *Store {
	t.Helper()
	s, err := Create(path, p, opts...)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustOpen(t testing.TB, path string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(path, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustLoad(t testing.TB, s *Store) *script.Project {
	t.Helper()
	p, err := s.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p
}

// fakeClock is a settable clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
