package format

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// normaliseNewlines turns CRLF and CR into LF and drops a UTF-8 BOM.
func normaliseNewlines(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// cleanLine trims ASCII and full-width white space.
// Every Unicode space counts, so that writer and parser trim alike.
func cleanLine(s string) string { return strings.TrimSpace(s) }

// trimBody drops leading and trailing blank lines and keeps one final newline.
func trimBody(s string) string {
	s = strings.Trim(s, "\n")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s + "\n"
}

// splitColon splits "key：value" at the first full-width or ASCII colon.
func splitColon(s string) (key, val string, ok bool) {
	i := strings.IndexAny(s, "：:")
	if i < 0 {
		return "", "", false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+w:]), true
}

// splitList splits "张明、张父，李四 王五" into names.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；;/／ \t\u3000", r)
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// toASCIIDigits converts full-width digits to ASCII.
func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}

var zhDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
var zhUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// parseNumber reads ASCII, full-width or Chinese numerals (十二, 一百零八);
// it returns 0 for anything else.
func parseNumber(s string) int {
	s = strings.TrimSpace(toASCIIDigits(s))
	if s == "" {
		return 0
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1<<30 {
			return 0
		}
		return n
	}
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := zhDigits[r]; ok {
			cur = d
			continue
		}
		u, ok := zhUnits[r]
		if !ok {
			return 0
		}
		if cur == 0 {
			cur = 1 // 十二 = 12
		}
		total += cur * u
		cur = 0
	}
	return total + cur
}

// parseSeconds reads "90秒", "1分30秒", "2分钟", "90".
func parseSeconds(s string) int {
	s = strings.TrimSpace(toASCIIDigits(s))
	total := 0
	num := 0
	seen := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			num = num*10 + int(r-'0')
			seen = true
		case r == '分':
			total += num * 60
			num, seen = 0, false
		case r == '秒':
			total += num
			num, seen = 0, false
		}
	}
	if seen {
		total += num
	}
	return total
}

// parseWan reads a budget in 万元: "45万元", "45万", "1.2亿" (→ 12000),
// "450000元" (→ 45); 0 when unreadable.
func parseWan(s string) float64 {
	s = strings.TrimSpace(toASCIIDigits(s))
	s = strings.ReplaceAll(s, ",", "")
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	v, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return 0
	}
	unit := strings.TrimSpace(s[end:])
	switch {
	case strings.HasPrefix(unit, "亿"):
		return v * 10000
	case strings.HasPrefix(unit, "万"):
		return v
	case strings.HasPrefix(unit, "元"):
		return v / 10000
	}
	return v
}
