package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
)

func init() {
	register(&command{name: "new", usage: "new NAME.duanju [--title T]", summary: "create an empty project", run: cmdNew})
	register(&command{name: "import", usage: "import FILE... -o NAME.duanju [--title T] [--strict]", summary: "import script files (.txt .md .fountain .docx .fdx) into a new project; --strict: exit 2 on warnings", run: cmdImport})
}

func cmdNew(e *env, args []string) int {
	fs := newFlags("new")
	title := fs.String("title", "", "series title")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return e.usageErr("new", err)
	}
	path := ensureExt(pos[0])
	p := &script.Project{SourceStyle: script.StyleChinese}
	p.Meta.Title = *title
	if p.Meta.Title == "" {
		p.Meta.Title = strings.TrimSuffix(filepath.Base(path), ".duanju")
	}
	p.Meta.Language = "zh-Hans"
	p.Episodes = []*script.Episode{{Number: 1, Status: script.StatusDraft}}
	st, err := store.Create(path, p)
	if err != nil {
		e.errorf("%v", describeErr(e, path, err))
		return exitUsage
	}
	if err := st.Close(); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintln(e.stderr, e.msg("已创建 ", "created ")+path)
	return exitOK
}

func cmdImport(e *env, args []string) int {
	fs := newFlags("import")
	out := fs.String("o", "", "output .duanju file")
	title := fs.String("title", "", "series title (default: the first file's)")
	strict := fs.Bool("strict", false, "exit 2 without importing when a file has warnings (mixed encodings, unreadable bytes)")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) == 0 || *out == "" {
		return e.usageErr("import", err)
	}
	var p *script.Project
	warned := 0
	for _, path := range pos {
		q, n, err := loadProjectWarn(e, path)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		warned += n
		if p == nil {
			p = q
			continue
		}
		mergeProject(p, q)
	}
	if warned > 0 && *strict {
		e.errorf("%s", e.msg(fmt.Sprintf("有 %d 条警告，--strict：未导入", warned), fmt.Sprintf("%d warnings and --strict: nothing imported", warned)))
		return exitUsage
	}
	if *title != "" {
		p.Meta.Title = *title
	}
	dest := ensureExt(*out)
	st, err := store.Create(dest, p)
	if err != nil {
		e.errorf("%v", describeErr(e, dest, err))
		return exitUsage
	}
	if err := st.Close(); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, e.msg("已导入 %d 集到 %s\n", "imported %d episodes into %s\n"), len(p.Episodes), dest)
	return exitOK
}

// mergeProject appends q's episodes after p's (renumbered when they would
// clash) and adds characters and glossary terms p does not have yet.
func mergeProject(p, q *script.Project) {
	last := 0
	if n := len(p.Episodes); n > 0 {
		last = p.Episodes[n-1].Number
	}
	for _, ep := range q.Episodes {
		if ep.Number <= last {
			ep.Number = last + 1
		}
		last = ep.Number
		p.Episodes = append(p.Episodes, ep)
	}
	for _, c := range q.Characters {
		if p.Character(c.Name) == nil {
			p.Characters = append(p.Characters, c)
		}
	}
	have := map[string]bool{}
	for _, g := range p.Glossary {
		have[g.Term] = true
	}
	for _, g := range q.Glossary {
		if !have[g.Term] {
			p.Glossary = append(p.Glossary, g)
		}
	}
}

func ensureExt(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".duanju") {
		return path
	}
	return path + ".duanju"
}
