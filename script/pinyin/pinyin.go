// Package pinyin gives the toneless pinyin of Han characters: the first
// reading go-pinyin (github.com/mozillazg/go-pinyin) gives, from a table
// generated from its data (pinyin.dat). go-pinyin itself builds a
// 40 000-entry map in its package init, ~7 ms of every process that links
// it, whether or not the process ever needs a syllable; this table is
// embedded as bytes and needs no start-up work.
package pinyin

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go test -run ^TestTable$ -update .

// pinyin.dat: the syllables separated by commas and a newline, then one
// 5-byte entry per character in rune order: the rune (3 bytes, big endian)
// and the index of its syllable (2 bytes, big endian).
//
//go:embed pinyin.dat
var table string

const entrySize = 5

var syllables = sync.OnceValues(func() ([]string, string) {
	nl := strings.IndexByte(table, '\n')
	return strings.Split(table[:nl], ","), table[nl+1:]
})

// Syllable is the toneless pinyin of r's first reading (张 → "zhang"),
// "" when r has none (not a Han character, or not in the table).
func Syllable(r rune) string {
	if r < 0x3000 {
		return ""
	}
	names, entries := syllables()
	lo, hi := 0, len(entries)/entrySize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := entries[m*entrySize:]
		k := rune(e[0])<<16 | rune(e[1])<<8 | rune(e[2])
		switch {
		case k < r:
			lo = m + 1
		case k > r:
			hi = m
		default:
			return names[int(e[3])<<8|int(e[4])]
		}
	}
	return ""
}

// Initials are the first letters of the syllables of s, characters without
// pinyin left out (烩面 → "hm").
func Initials(s string) string {
	var b strings.Builder
	for _, r := range s {
		if py := Syllable(r); py != "" {
			r, _ := utf8.DecodeRuneInString(py)
			b.WriteRune(r)
		}
	}
	return b.String()
}
