package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// A generated series of 100 episodes of ~1,500 Chinese characters each.
const (
	benchEpisodes = 100
	benchChars    = 1500
)

var benchTotal int // characters in the generated series

func benchProject(b *testing.B) string {
	b.Helper()
	b.Cleanup(func() { b.ReportMetric(float64(benchTotal), "chars") })
	path := tempProject(b)
	p := series(benchEpisodes, benchChars)
	s, err := Create(path, p)
	if err != nil {
		b.Fatal(err)
	}
	benchTotal = 0
	for _, ep := range p.Episodes {
		benchTotal += utf8.RuneCountInString(ep.Body)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenLoad: open the project, read it whole, close it (target ≤ 50 ms
// for a file; ≤ 300 ms from a writers' room server on loopback, connection
// included).
func BenchmarkOpenLoad(b *testing.B) {
	path := benchProject(b)
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		p, err := s.Load()
		if err != nil || len(p.Episodes) != benchEpisodes {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveEpisode: save one edited episode, as autosave does (target ≤ 5 ms
// for a file, ≤ 10 ms to a server on loopback).
func BenchmarkSaveEpisode(b *testing.B) {
	path := benchProject(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	ep := p.Episodes[50]
	base := ep.Body
	i := 0
	for b.Loop() {
		i++
		ep.Body = base + string(rune('一'+i%1000)) // one keystroke more
		if err := s.SaveEpisode(ep); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveProject: metadata and order of the whole series, bodies untouched.
func BenchmarkSaveProject(b *testing.B) {
	path := benchProject(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		p.Meta.Notes = string(rune('一' + i%1000))
		if err := s.SaveProject(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreate: a new file from an imported 100-episode series.
func BenchmarkCreate(b *testing.B) {
	sqliteOnly(b)
	p := series(benchEpisodes, benchChars)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		for _, ep := range p.Episodes {
			ep.ID = ""
		}
		s, err := Create(filepath.Join(dir, fmt.Sprintf("s%d.duanju", i)), p)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSaveAll: the whole series in one transaction, one episode edited.
func BenchmarkSaveAll(b *testing.B) {
	path := benchProject(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := s.Load()
	if err != nil {
		b.Fatal(err)
	}
	ep := p.Episodes[50]
	base := ep.Body
	i := 0
	for b.Loop() {
		i++
		ep.Body = base + string(rune('一'+i%1000))
		if err := s.SaveAll(p); err != nil {
			b.Fatal(err)
		}
	}
}
