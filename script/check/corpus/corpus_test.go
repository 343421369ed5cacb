package corpus

import (
	"strings"
	"testing"
)

func TestReadBothFormats(t *testing.T) {
	in := "# 注释\n" +
		"bazong,money\tapproved\tscene\t霸总用钱羞辱\t3-2 夜 内 总裁办公室\\n人物：顾沉、林晚\\n△顾沉把一张黑卡拍在桌上。\\n顾沉：（冷笑）签了它，从今天起你只属于我。\n" +
		"-\tpunished\tscene\t传销被警方端掉\t△警察冲进窝点，传销头目被铐走。\n" +
		"title\tapproved\ttitle\t擦边标题\t《嫂子的秘密：今夜别锁门》\n" +
		"violence\tbody\t林晚：谁动了我妈，我就让他全家都不得好死。\n" +
		"-\tsynopsis\t一位老兵回忆抗战岁月。\n"
	xs, err := Read(strings.NewReader(in), "t.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != 5 {
		t.Fatalf("got %d examples, want 5", len(xs))
	}
	want := []struct {
		labels, frame, scope string
		line                 int
	}{
		{"bazong,money", "approved", Scene, 2},
		{"", "punished", Scene, 3},
		{"title", "approved", Title, 4},
		{"violence", "", Scene, 5},
		{"", "", Synopsis, 6},
	}
	for i, w := range want {
		x := xs[i]
		if strings.Join(x.Labels, ",") != w.labels || x.Frame != w.frame || x.Scope != w.scope || x.Line != w.line {
			t.Errorf("%d: got %v %q %q line %d, want %+v", i, x.Labels, x.Frame, x.Scope, x.Line, w)
		}
	}
	if !strings.Contains(xs[0].Text, "\n人物：顾沉、林晚\n") {
		t.Errorf("newlines not unescaped: %q", xs[0].Text)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"bazong\tapproved\tscene\n",          // 3 fields with a frame in the scope column
		"bazong\tsweet\tscene\t理由\t文本\n",     // unknown frame
		"bazong\tapproved\tposter\t理由\t文本\n", // unknown scope
		"bazong\tapproved\tscene\t理由\t \n",   // empty text
		"a\tb\tc\td\n",                       // 4 fields
	} {
		if _, err := Read(strings.NewReader(in), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv:1") {
			t.Errorf("%q: want an error naming bad.tsv:1, got %v", in, err)
		}
	}
}

func TestProjectScene(t *testing.T) {
	x := Example{Scope: Scene, Text: "5-1 日 内 教室\n人物：阿杰（14岁）、周老师\n阿杰：老师，等我长大就娶你。\n△周老师红了脸。"}
	p := Project(x)
	if len(p.Episodes) != 1 || len(p.Episodes[0].Scenes) != 1 {
		t.Fatalf("want one episode with one scene, got %+v", p.Episodes)
	}
	sc := p.Episodes[0].Scenes[0]
	if sc.Number != "5-1" || len(sc.Lines) < 2 {
		t.Errorf("scene parsed as %+v", sc)
	}
	minor := false
	for _, c := range p.Characters {
		if c.Name == "阿杰" && c.Age == 14 {
			minor = true
		}
	}
	if !minor {
		t.Errorf("阿杰（14岁） not in the cast: %+v", p.Characters)
	}
	// A bare line gets the default heading and cast.
	p = Project(Example{Scope: Scene, Text: "林晚：你好。"})
	if got := p.Episodes[0].Scenes[0].Number; got != "1-1" {
		t.Errorf("default heading: scene %q", got)
	}
	if p := Project(Example{Scope: Title, Text: "《国宝》"}); p.Meta.Title != "《国宝》" || len(p.Episodes) != 0 {
		t.Errorf("title project %+v", p.Meta)
	}
}

func FuzzRead(f *testing.F) {
	f.Add("bazong\tapproved\tscene\t理由\t△顾沉：签了它。\\n林晚：不。\n")
	f.Add("violence\tbody\t林晚：我让他不得好死。\n")
	f.Add("#x\n\n-\tnone\ttitle\t-\t《国宝》\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		xs, _ := Read(strings.NewReader(in), "f.tsv")
		for _, x := range xs {
			if x.Text == "" || (x.Scope != Scene && x.Scope != Title && x.Scope != Synopsis) {
				t.Fatalf("bad example %+v", x)
			}
			Project(x)
		}
	})
}

// TestCorpusFiles: every training file parses, its labels are known
// categories, and in the corpus a bad title carries "title" and only titles do — a batch
// folded in with a typo would otherwise train a head on nothing.
func TestCorpusFiles(t *testing.T) {
	known := map[string]bool{"ai": true, "title": true}
	for _, c := range Content {
		known[c] = true
	}
	files := TrainingFiles("../testdata")
	if len(files) < 10 {
		t.Fatalf("only %d training files", len(files))
	}
	for _, f := range files {
		xs, err := ReadFile(f)
		if err != nil {
			t.Error(err)
			continue
		}
		for _, x := range xs {
			for _, l := range x.Labels {
				if !known[l] {
					t.Errorf("%s:%d: unknown label %q", f, x.Line, l)
				}
			}
			if x.Frame == "" {
				continue // the 3-column dev set labels a title by the rule category it trips
			}
			if x.Scope == Title && len(x.Labels) > 0 && !x.Has("title") || x.Scope != Title && x.Has("title") {
				t.Errorf("%s:%d: scope %s with labels %v", f, x.Line, x.Scope, x.Labels)
			}
		}
	}
}
