package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/store"
)

// loadProject opens PROJECT: a .duanju file (read-only is enough), or a
// plain script file (.txt .md .fountain .docx .fdx) imported in memory. Every
// episode comes back parsed. Errors are already user-facing messages.
func loadProject(e *env, path string) (*script.Project, error) {
	p, _, err := loadProjectWarn(e, path)
	return p, err
}

// loadProjectWarn is loadProject that also counts the import warnings it
// printed on stderr ("FILE:LINE: warning: …"), for import --strict.
func loadProjectWarn(e *env, path string) (*script.Project, int, error) {
	if store.IsURL(path) || strings.EqualFold(filepath.Ext(path), ".duanju") {
		// A .duanju file, or a writers' room on a server (postgres://…).
		st, err := store.OpenReadOnly(path)
		if err != nil {
			return nil, 0, describeErr(e, path, err)
		}
		defer st.Close()
		p, err := st.Load()
		if err != nil {
			return nil, 0, describeErr(e, path, err)
		}
		for _, ep := range p.Episodes {
			format.ParseEpisode(p, ep)
		}
		return p, 0, nil
	}
	p, warns, err := format.ReadFile(path)
	printWarnings(e, path, warns)
	if err != nil {
		return nil, len(warns), describeErr(e, path, err)
	}
	return p, len(warns), nil
}

// printWarnings prints import warnings on stderr, one a line, each with the
// file and line it concerns.
func printWarnings(e *env, path string, warns []format.Warning) {
	for _, w := range warns {
		where := path
		if w.Line > 0 {
			where = fmt.Sprintf("%s:%d", path, w.Line)
		}
		fmt.Fprintf(e.stderr, "%s: %s%s\n", where, e.msg("警告：", "warning: "), w.Message(e.lang == "zh"))
	}
}

// describeErr turns an error into one line the user can act on.
func describeErr(e *env, path string, err error) error {
	path = store.Redact(path) // never print a password
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New(e.msg("找不到文件 "+path+"，请检查路径", "no such file: "+path+" (check the path)"))
	case errors.Is(err, os.ErrPermission):
		return errors.New(e.msg("没有权限读取 "+path, "permission denied: "+path))
	}
	if e.lang == script.Zh {
		if zh := store.ZH(err); zh != "" {
			return errors.New(zh)
		}
	}
	msg := err.Error()
	if !strings.Contains(msg, filepath.Base(path)) {
		msg = path + ": " + msg
	}
	return errors.New(msg)
}

// writeFileAtomic writes path through a temporary file in the same folder
// and renames it into place, so a failed write never leaves a half file.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	err := writeThroughTemp(path, write)
	// The error speaks of the user's file, not of our temporary one.
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("rename: %w", le.Err)
	}
	return err
}

func writeThroughTemp(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}
