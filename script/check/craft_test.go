package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

const craftScript = `剧名：测试
人物小传：
林晚（女，24岁）：主角。
顾沉（男，28岁）：男主。

第1集：一
1-1 日 内 客厅
人物：林晚、顾沉
△林晚在客厅里收拾东西。
△她把书一本本放回书架。
林晚：今天天气不错。
顾沉：是啊，出去走走。
【卡点】门外传来敲门声。

第2集：二
2-1 日 内 客厅
人物：林晚、顾沉
△林晚打开门，门外没有人。
△地上放着一个信封。
林晚：谁放的？
顾沉：不知道。
△两人坐下喝茶。

第3集：三
3-1 日 内 厨房
△林晚在厨房做饭。
△她切好了菜。
△门开了。
陌生人：林晚在家吗。
林晚：我就是。
【卡点】陌生人掏出了一张照片——
`

func TestCraftChecks(t *testing.T) {
	e, _ := Default()
	p, err := format.ParseChinese(craftScript)
	if err != nil {
		t.Fatal(err)
	}
	p.Meta.TargetEpisodes = 80
	got := map[string][]int{}
	for _, f := range e.Check(p, Options{Lang: "zh", Now: testNow}).Findings {
		got[f.Rule] = append(got[f.Rule], f.Episode)
	}
	want := map[string][]int{
		"CRAFT-HOOK":    {1, 3}, // 2 picks up episode 1's cliffhanger
		"CRAFT-CLIFF":   {2},    // 3 is the finale
		"CRAFT-CAST":    {3},
		"CRAFT-SPEAKER": {3},
	}
	for rule, eps := range want {
		if fmt.Sprint(got[rule]) != fmt.Sprint(eps) {
			t.Errorf("%s on episodes %v, want %v", rule, got[rule], eps)
		}
	}
	if len(got["CRAFT-COUNT"]) != 1 {
		t.Errorf("episode count vs target not reported: %v", got)
	}
	if len(got["CRAFT-DURATION"]) != 3 {
		t.Errorf("short episodes not reported: %v", got["CRAFT-DURATION"])
	}
}

func TestPaywallWindow(t *testing.T) {
	e, _ := Default()
	p := &script.Project{Meta: script.Meta{Title: "长剧"}}
	for i := 1; i <= 40; i++ {
		body := "1-1 日 内 客厅\n人物：林晚\n△林晚看着窗外！\n林晚：怎么回事？\n【卡点】门响了——\n"
		if i == 25 {
			body = strings.Replace(body, "【卡点】", "【付费点】", 1)
		}
		ep := &script.Episode{Number: i, Body: body}
		format.ParseBody(ep, []string{"林晚"})
		p.Episodes = append(p.Episodes, ep)
	}
	has := func() bool {
		for _, f := range e.Check(p, Options{Lang: "en", Now: testNow}).Findings {
			if f.Rule == "CRAFT-PAYWALL" {
				return true
			}
		}
		return false
	}
	if !has() {
		t.Error("paywall at episode 25 not reported (window 8–16)")
	}
	p.Settings.PaywallFrom, p.Settings.PaywallTo = 20, 30
	if has() {
		t.Error("paywall inside a configured window reported")
	}
}
