// Package corpus reads labelled examples for the self-check (the 3-column
// development TSV and the 5-column corpus TSV) and turns each into a small
// project the real engine can check: a scene becomes an episode body parsed
// by script/format, a title the project title, a synopsis the synopsis.
package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/check/model"
	"github.com/duanju-studio/duanju/script/format"
)

// Content are the nine content categories measured by precision/recall.
var Content = []string{"bazong", "money", "stereotype", "violence", "vulgar", "minors", "history", "superstition", "sensitive"}

// Scopes of an example.
const (
	Scene    = "scene"
	Title    = "title"
	Synopsis = "synopsis"
)

// Example is one labelled line.
type Example struct {
	File   string
	Line   int
	Labels []string // sorted; empty means clean
	Frame  string   // "" in the 3-column format
	Scope  string   // scene, title or synopsis
	Reason string
	Text   string // newlines unescaped
}

// Has reports whether the example carries label c.
func (x Example) Has(c string) bool {
	for _, l := range x.Labels {
		if l == c {
			return true
		}
	}
	return false
}

// Read parses a TSV of either format. Lines starting with # and blank lines
// are skipped; a malformed line is an error naming its line number.
func Read(r io.Reader, name string) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		x, err := parseLine(line)
		if err != nil {
			return out, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		x.File, x.Line = name, n
		out = append(out, x)
	}
	return out, sc.Err()
}

// ReadFile reads one TSV file.
func ReadFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

var frames = map[string]bool{"approved": true, "neutral": true, "punished": true, "criticised": true, "criticized": true,
	"reported": true, "history": true, "custom": true, "none": true}

func parseLine(line string) (Example, error) {
	parts := strings.Split(line, "\t")
	var x Example
	var labels string
	switch len(parts) {
	case 3: // expected, scope (body|title|synopsis), text
		labels = parts[0]
		switch strings.TrimSpace(parts[1]) {
		case "body", "scene":
			x.Scope = Scene
		case "title":
			x.Scope = Title
		case "synopsis":
			x.Scope = Synopsis
		default:
			return x, fmt.Errorf("unknown scope %q", parts[1])
		}
		x.Text = parts[2]
	case 5: // labels, frame, scope, reason, text
		labels = parts[0]
		x.Frame = strings.ToLower(strings.TrimSpace(parts[1]))
		if x.Frame == "criticized" {
			x.Frame = "criticised"
		}
		if !frames[x.Frame] {
			return x, fmt.Errorf("unknown frame %q", parts[1])
		}
		switch s := strings.ToLower(strings.TrimSpace(parts[2])); s {
		case Scene, Title, Synopsis:
			x.Scope = s
		case "body":
			x.Scope = Scene
		default:
			return x, fmt.Errorf("unknown scope %q", parts[2])
		}
		x.Reason = parts[3]
		x.Text = parts[4]
	default:
		return x, fmt.Errorf("want 3 or 5 tab-separated fields, got %d", len(parts))
	}
	x.Text = strings.TrimSpace(strings.ReplaceAll(x.Text, `\n`, "\n"))
	if x.Text == "" {
		return x, fmt.Errorf("empty text")
	}
	labels = strings.TrimSpace(labels)
	if labels != "-" && labels != "" {
		seen := map[string]bool{}
		for _, l := range strings.FieldsFunc(labels, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
			l = strings.ToLower(l)
			if !seen[l] {
				seen[l] = true
				x.Labels = append(x.Labels, l)
			}
		}
		sort.Strings(x.Labels)
	}
	return x, nil
}

// Cast is the cast every example is checked with. The development snippets
// were written against it (minors 小宇 12, 乐乐 8, 小满 15); corpus scenes add
// the names and ages of their own 人物 line.
var Cast = []script.Character{
	{Name: "林晚", Age: 24}, {Name: "顾沉", Age: 28}, {Name: "苏棠", Age: 23}, {Name: "林母", Age: 52},
	{Name: "王母", Age: 55}, {Name: "奶奶", Age: 70}, {Name: "陈秘书", Age: 30}, {Name: "大师", Age: 60},
	{Name: "林守正", Age: 72}, {Name: "王桂芳", Age: 50}, {Name: "牛大叔", Age: 60}, {Name: "林秋禾", Age: 26},
	{Name: "小宇", Age: 12}, {Name: "乐乐", Age: 8}, {Name: "小满", Age: 15}, {Name: "老师", Age: 40},
	{Name: "孙悟空"}, {Name: "林黛玉"}, {Name: "武则天"},
}

var (
	reHeading = regexp.MustCompile(`^\s*(?:第?\d+[-－—]\d+|\d+[-－—]\d+|第[一二三四五六七八九十百\d]+[集场])`)
	reCastLn  = regexp.MustCompile(`^\s*(?:出场人物|人物|角色)\s*[：:]\s*(.*)$`)
	reCastAge = regexp.MustCompile(`^(.+?)\s*[（(]\s*(\d{1,2})\s*岁?\s*[)）]`)
)

// Project builds the project an example is checked as.
func Project(x Example) *script.Project {
	p := &script.Project{Meta: script.Meta{Title: "测试剧"}}
	p.Characters = append(p.Characters, Cast...)
	switch x.Scope {
	case Title:
		p.Meta.Title = x.Text
		return p
	case Synopsis:
		p.Meta.Synopsis = x.Text
		return p
	}
	body := x.Text
	lines := strings.Split(body, "\n")
	hasHeading := reHeading.MatchString(lines[0])
	hasCast := false
	for _, l := range lines {
		m := reCastLn.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		hasCast = true
		for _, name := range strings.FieldsFunc(m[1], func(r rune) bool { return strings.ContainsRune("、,，;； /", r) }) {
			age := 0
			if a := reCastAge.FindStringSubmatch(name); a != nil {
				name = a[1]
				age, _ = strconv.Atoi(a[2])
			} else if i := strings.IndexAny(name, "（("); i > 0 {
				name = name[:i]
			}
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			p.Characters = addCast(p.Characters, name, age)
		}
	}
	switch {
	case !hasHeading && !hasCast:
		body = "1-1 日 内 客厅\n人物：林晚\n" + body
	case !hasHeading:
		body = "1-1 日 内 客厅\n" + body
	}
	ep := &script.Episode{Number: 1, Body: body + "\n"}
	format.ParseBody(ep, p.CastNames())
	p.Episodes = []*script.Episode{ep}
	return p
}

// addCast adds or updates a character; an age given in the scene wins.
func addCast(cs []script.Character, name string, age int) []script.Character {
	for i := range cs {
		if cs[i].Name == name {
			if age > 0 {
				out := append([]script.Character(nil), cs...)
				out[i].Age = age
				return out
			}
			return cs
		}
	}
	return append(cs, script.Character{Name: name, Age: age})
}

// Input is the model input of an example, built the way the engine builds
// it: the scenes of the parsed episode (joined when a text holds several),
// the title or the synopsis.
func Input(x Example) model.Input {
	p := Project(x)
	minors, cast := model.CastOf(p)
	switch x.Scope {
	case Title:
		return model.TextInput(model.ScopeTitle, x.Text, minors, cast)
	case Synopsis:
		return model.TextInput(model.ScopeSynopsis, x.Text, minors, cast)
	}
	ep := p.Episodes[0]
	var in model.Input
	for i := range ep.Scenes {
		s := model.SceneInput(ep.Body, &ep.Scenes[i], minors, cast)
		if i == 0 {
			in = s
			continue
		}
		in.Lines = append(in.Lines, s.Lines...)
		in.Spans = append(in.Spans, s.Spans...)
		in.Context += " " + s.Context
	}
	return in
}

// ModelExamples reads files as model training examples, each tagged with
// its writer (see Group).
func ModelExamples(files []string) ([]model.Example, error) {
	var xs []model.Example
	for _, f := range files {
		es, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			xs = append(xs, model.Example{In: Input(e), Labels: e.Labels, Group: Group(f)})
		}
	}
	return xs, nil
}

// Group is the writer of a file: the development set and the held-out
// batches 1–7 share one author; every corpus file is its own writer.
func Group(path string) string {
	b := filepath.Base(path)
	if b == "labelled.tsv" || strings.HasPrefix(b, "heldout") {
		return "dev"
	}
	return b
}

// TrainingFiles are the training files under dir (script/check/testdata):
// labelled.tsv, heldout*.tsv and corpus/*.tsv, sorted.
func TrainingFiles(dir string) []string {
	var files []string
	for _, pat := range []string{"labelled.tsv", "heldout*.tsv", "corpus/*.tsv"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		sort.Strings(m)
		files = append(files, m...)
	}
	return files
}
