package subtitle

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// DecodeText turns subtitle file bytes into UTF-8 (astisub only reads
// UTF-8): BOMs (UTF-8, UTF-16LE/BE), BOM-less UTF-16, valid UTF-8, then
// GB18030 (a superset of GBK) or Big5, whichever reads as more common
// Chinese. It returns the encoding's name for the UI to show.
//
// This is the subtitle package's own detector, kept small so it can be
// merged with script/format's shared one later.
func DecodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return normalizeNewlines(string(data[3:])), "UTF-8 BOM", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, "UTF-16BE")
	}
	if le, be := utf16Guess(data); le {
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data, "UTF-16LE")
	} else if be {
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data, "UTF-16BE")
	}
	if utf8.Valid(data) {
		return normalizeNewlines(string(data)), "UTF-8", nil
	}
	gb, _, gbErr := decodeWith(simplifiedchinese.GB18030, data, "GB18030")
	b5, _, b5Err := decodeWith(traditionalchinese.Big5, data, "Big5")
	switch {
	case gbErr != nil && b5Err != nil:
		return "", "", errors.New("the file is not UTF-8, UTF-16, GB18030/GBK or Big5 text: save it as UTF-8 and try again")
	case b5Err != nil:
		return gb, "GB18030", nil
	case gbErr != nil:
		return b5, "Big5", nil
	}
	if commonScore(b5) > commonScore(gb) {
		return b5, "Big5", nil
	}
	return gb, "GB18030", nil
}

func decodeWith(enc encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", err
	}
	s := string(out)
	if strings.Count(s, "\uFFFD") > len(s)/50+1 {
		return "", "", errors.New("not " + name)
	}
	return normalizeNewlines(strings.TrimPrefix(s, "\uFEFF")), name, nil
}

// utf16Guess spots BOM-less UTF-16 by the zero bytes of ASCII characters
// (subtitle files always have digits, colons and arrows).
func utf16Guess(data []byte) (le, be bool) {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return odd > half/3 && even < half/20, even > half/3 && odd < half/20
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// commonHan holds frequent characters of Chinese dialogue in both scripts;
// mis-decoded text scores low because it turns into rare characters.
const commonHan = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体相见被利什二等新己身果加月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立比员水名真处走各入几口认条平气题活更别打女变四总何电数安少报才结反受目太量再感建做接必场件计管期直资命山金指许区保至队形社便空决展马科司五基眼书非则听白却界达光放强即像难且思王完设色路记南品住告类求程北边死张该交规万取拉格望觉术领共确传师观清今切让识候带争运笑飞风步改收根干造言联持组每车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花华城石级整府离况请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误" +
	"這個們來說時會對發後裡過頭當還沒種現動麼經點長開問題與樣實體見進從間為無將話學應對關兩麼給讓覺爺媽謝愛嗎請聽開門東車們錢號"

var commonSet = func() map[rune]bool {
	m := make(map[rune]bool, 700)
	for _, r := range commonHan {
		m[r] = true
	}
	return m
}()

func commonScore(s string) int {
	n := 0
	for _, r := range s {
		if commonSet[r] {
			n++
		}
	}
	return n
}
