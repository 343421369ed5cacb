// Package formattest generates realistic Chinese short-drama scripts of any
// size for tests and benchmarks across the code base. The output is
// deterministic: the same arguments always give the same text.
package formattest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cast is the cast of the generated series, in 人物小传 order.
var Cast = []string{"林晚", "顾沉", "林母", "苏棠", "管家", "陈秘书"}

var (
	times     = []string{"日", "夜", "晨", "黄昏"}
	intExt    = []string{"内", "外", "内", "内"}
	locations = []string{"林家别墅客厅", "顾氏集团顶楼办公室", "郑州二七广场", "老城区胡同", "医院走廊", "开封清明上河园", "洛阳老街面馆", "婚礼现场"}
	actions   = []string{
		"林晚攥紧拳头，指甲掐进掌心，嘴角却勾起笑。",
		"顾沉推门而入，西装上还带着雨水，目光扫过众人。",
		"林母把茶杯重重放在桌上，茶水溅了一地。",
		"苏棠躲在柱子后面，偷偷举起手机录像。",
		"管家低头退到门边，欲言又止。",
		"窗外电闪雷鸣，屋里的灯忽明忽暗。",
		"陈秘书递上一份文件，封面写着“股权转让协议”。",
		"林晚慢慢摘下墨镜，露出一双冷静的眼睛。",
	}
	speeches = []string{
		"你也配站在这里？",
		"三年了，我回来了。",
		"这份合同，你签还是不签？",
		"我早就知道是你做的，只是没有证据。",
		"从今天起，林家的一切都由我说了算。",
		"妈，你真的要为了她把我赶出去吗？",
		"顾总，车已经在楼下等了。",
		"别急，好戏才刚刚开始。",
		"当年的事，我会让你们一个一个还回来。",
		"你以为我还是以前那个任人欺负的林晚吗？",
	}
	parens  = []string{"冷笑", "压低声音", "颤抖", "一愣", "咬牙", ""}
	cues    = []string{"【闪回】", "【闪回结束】", "【字幕：三年后】", "【特写】林晚手中的戒指"}
	markers = []string{"【钩子】", "【反转】", "【卡点】"}
)

// rng is a tiny deterministic generator (xorshift) so output never varies.
type rng uint64

func (r *rng) next(n int) int {
	x := uint64(*r)
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	*r = rng(x)
	return int(x % uint64(n))
}

func pick(r *rng, list []string) string { return list[r.next(len(list))] }

// GenerateSeries returns a series in the Chinese short-drama format with the
// given number of episodes of about charsPerEpisode characters each: a
// preface (剧名, 人物小传), then episodes with 1-1 style headings, cast lines,
// △ action, dialogue with （情绪） and （OS）, 【】 cues, hook and cliff
// markers, and 【付费点】 at episode 10.
func GenerateSeries(episodes, charsPerEpisode int) string {
	if charsPerEpisode < 100 {
		charsPerEpisode = 100
	}
	var b strings.Builder
	b.Grow(episodes * charsPerEpisode * 4)
	b.WriteString("剧名：归来之夜\n编剧：测试编剧\n集数：" + strconv.Itoa(episodes) + "\n\n人物小传：\n")
	b.WriteString("林晚（女，24岁，主角）：被赶出家门的林家长女，三年后归来复仇。\n")
	b.WriteString("顾沉（男，28岁，男主）：顾氏集团总裁，外冷内热。\n")
	b.WriteString("林母（女，52岁，反派）：偏心养女的继母。\n")
	b.WriteString("苏棠（女，23岁，配角）：林家养女。\n")
	b.WriteString("管家（男，60岁）：林家老管家。\n")
	b.WriteString("陈秘书（女，30岁）：顾沉的秘书。\n")
	r := rng(0x9E3779B97F4A7C15)
	for ep := 1; ep <= episodes; ep++ {
		b.WriteString("\n第" + strconv.Itoa(ep) + "集：第" + strconv.Itoa(ep) + "夜\n")
		chars := 0
		scene := 0
		for chars < charsPerEpisode {
			scene++
			h := strconv.Itoa(ep) + "-" + strconv.Itoa(scene) + " " + pick(&r, times) + " " + pick(&r, intExt) + " " + pick(&r, locations)
			b.WriteString(h + "\n")
			a, c := Cast[r.next(len(Cast))], Cast[r.next(len(Cast))]
			if a == c {
				c = Cast[(r.next(len(Cast)-1)+1+indexOf(a))%len(Cast)]
			}
			b.WriteString("人物：" + a + "、" + c + "\n")
			if ep == 1 && scene == 1 {
				b.WriteString("【钩子】林晚站在雨中，手里握着一张旧照片。\n")
			}
			turn := 0
			for i := 0; i < 8 && chars < charsPerEpisode; i++ {
				var line string
				switch k := r.next(10); {
				case k < 3:
					line = "△" + pick(&r, actions)
				case k < 8:
					sp := a
					if turn++; turn%2 == 0 {
						sp = c
					}
					p := pick(&r, parens)
					line = sp + "："
					if p != "" {
						line += "（" + p + "）"
					}
					line += pick(&r, speeches)
				case k == 8:
					line = a + "（OS）：" + pick(&r, speeches)
				default:
					line = pick(&r, cues)
				}
				b.WriteString(line + "\n")
				chars += utf8.RuneCountInString(line)
			}
			b.WriteString("\n")
		}
		switch {
		case ep == 10:
			b.WriteString("【付费点】顾沉看着林晚：你到底是谁？\n")
		case ep%3 == 0:
			b.WriteString("【反转】苏棠手中的录音笔亮起了红灯。\n")
		default:
			b.WriteString("【卡点】门外传来一声：顾总到——\n")
		}
	}
	return b.String()
}

func indexOf(name string) int {
	for i, c := range Cast {
		if c == name {
			return i
		}
	}
	return 0
}
