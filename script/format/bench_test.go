package format

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/duanju-studio/duanju/script/format/formattest"
)

// A 100-episode series of about 150,000 characters (target: parse ≤ 20 ms).
func series(b *testing.B) string {
	s := formattest.GenerateSeries(100, 1500)
	b.SetBytes(int64(len(s)))
	b.ReportMetric(float64(utf8.RuneCountInString(s)), "chars")
	return s
}

func BenchmarkParseChinese(b *testing.B) {
	s := series(b)
	for b.Loop() {
		if _, err := ParseChinese(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteChinese(b *testing.B) {
	p, _ := ParseChinese(series(b))
	for b.Loop() {
		WriteChinese(p)
	}
}

func BenchmarkParseFountain(b *testing.B) {
	p, _ := ParseChinese(formattest.GenerateSeries(100, 1500))
	s := WriteFountain(p)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := ParseFountain(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteFountain(b *testing.B) {
	p, _ := ParseChinese(series(b))
	for b.Loop() {
		WriteFountain(p)
	}
}

func BenchmarkParseGB18030File(b *testing.B) {
	data, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(series(b)))
	for b.Loop() {
		if _, err := Parse("series.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
