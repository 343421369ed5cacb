package check

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/format/formattest"
)

func series100(b *testing.B) *script.Project {
	b.Helper()
	p, err := format.ParseChinese(formattest.GenerateSeries(100, 800))
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkFullCheck checks the generated 100-episode series including
// loading and compiling the rules as Default does (target ≤ 50 ms).
func BenchmarkFullCheck(b *testing.B) {
	p := series100(b)
	start := cpuTime()
	for b.Loop() {
		e, err := loadDefault()
		if err != nil {
			b.Fatal(err)
		}
		e.Check(p, Options{Lang: "zh", Now: testNow})
	}
	reportCPU(b, start)
}

// BenchmarkCompile is the built-in rules' load and compile alone (what
// Default does once per process).
func BenchmarkCompile(b *testing.B) {
	start := cpuTime()
	for b.Loop() {
		if _, err := loadDefault(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkCompileTOML loads and compiles the rules from their TOML files
// (the way Default worked before rules_builtin.go).
func BenchmarkCompileTOML(b *testing.B) {
	start := cpuTime()
	for b.Loop() {
		if _, err := Load(assets.Rules()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkRecheckEpisode re-checks one edited episode and reassembles the
// project result from cached episode results (target ≤ 2 ms).
func BenchmarkRecheckEpisode(b *testing.B) {
	p := series100(b)
	e, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	o := Options{Lang: "zh", Now: testNow}
	eps := make([]EpisodeResult, len(p.Episodes))
	for i, ep := range p.Episodes {
		eps[i] = e.CheckEpisode(p, ep, o)
	}
	ep := p.Episodes[49]
	ep.Body = strings.Replace(ep.Body, "。", "！", 1)
	format.ParseBody(ep, p.CastNames())
	start := cpuTime()
	for b.Loop() {
		eps[49] = e.CheckEpisode(p, ep, o)
		e.Assemble(p, o, eps)
	}
	reportCPU(b, start)
}

// BenchmarkCheckEpisodeOnly is the text check of one episode alone.
func BenchmarkCheckEpisodeOnly(b *testing.B) {
	p := series100(b)
	e, _ := Default()
	o := Options{Lang: "zh", Now: testNow}
	start := cpuTime()
	for b.Loop() {
		e.CheckEpisode(p, p.Episodes[49], o)
	}
	reportCPU(b, start)
}

// BenchmarkFullCheckRulesOnly is BenchmarkFullCheck without the model, to
// see what the learned reader costs.
func BenchmarkFullCheckRulesOnly(b *testing.B) {
	p := series100(b)
	start := cpuTime()
	for b.Loop() {
		e, err := loadDefault()
		if err != nil {
			b.Fatal(err)
		}
		e.Check(p, Options{Lang: "zh", Now: testNow, Readers: ReadRules})
	}
	reportCPU(b, start)
}
