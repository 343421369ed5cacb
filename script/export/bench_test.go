package export

import (
	"context"
	"io"
	"testing"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

// series100 is the generated 100-episode series of the benchmarks.
func series100(b *testing.B) *script.Project {
	p, err := format.ParseChinese(formattest.GenerateSeries(100, 600))
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkPDF100(b *testing.B) {
	p := series100(b)
	for b.Loop() {
		if err := PDF(context.Background(), p, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOCX100(b *testing.B) {
	p := series100(b)
	for b.Loop() {
		if err := DOCX(context.Background(), p, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFDX100(b *testing.B) {
	p := series100(b)
	for b.Loop() {
		if err := FDX(p, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
