package pack

import (
	"context"
	"io"
	"testing"

	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

func BenchmarkPack100(b *testing.B) {
	p, err := format.ParseChinese(formattest.GenerateSeries(100, 600))
	if err != nil {
		b.Fatal(err)
	}
	o := Options{Force: true} // the real self-check (script/check) runs too
	for b.Loop() {
		if _, err := Build(context.Background(), p, io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
}
