package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/store"
	"github.com/jackc/pgx/v5"
	"github.com/zalando/go-keyring"
)

// The writers' room from the command line: move a project between a file
// and a server, and run the room (members, assignments, locks, status).
// Passwords come from PGPASSFILE (~/.pgpass) or the OS keychain (room login
// stores one there); they are never written into a project.

func init() {
	register(&command{name: "push", usage: "push FILE.duanju postgres://USER@HOST/DB", summary: "copy a project file to a writers' room on a PostgreSQL server (creates the database)", run: cmdPush})
	register(&command{name: "pull", usage: "pull postgres://USER@HOST/DB FILE.duanju", summary: "copy a writers' room project into a new project file", run: cmdPull})
	register(&command{name: "room", usage: "room status|add|assign|lock|unlock|login URL …", summary: "writers' room: members, assignments, locks, leases; login keeps a password in the keychain", run: cmdRoom})
}

func cmdPush(e *env, args []string) int {
	pos, err := parseFlags(newFlags("push"), args)
	if err != nil || len(pos) != 2 || store.IsURL(pos[0]) || !store.IsURL(pos[1]) {
		return e.usageErr("push", err)
	}
	return copyProject(e, pos[0], pos[1])
}

func cmdPull(e *env, args []string) int {
	pos, err := parseFlags(newFlags("pull"), args)
	if err != nil || len(pos) != 2 || !store.IsURL(pos[0]) || store.IsURL(pos[1]) {
		return e.usageErr("pull", err)
	}
	return copyProject(e, pos[0], ensureExt(pos[1]))
}

// copyProject loads every field of the project at from and creates to with
// it (never over an existing file or a database that holds a project).
func copyProject(e *env, from, to string) int {
	src, err := store.OpenReadOnly(from)
	if err != nil {
		e.errorf("%v", describeErr(e, from, err))
		return exitUsage
	}
	p, err := src.Load()
	src.Close()
	if err != nil {
		e.errorf("%v", describeErr(e, from, err))
		return exitUsage
	}
	dst, err := store.Create(to, p)
	if err != nil {
		e.errorf("%v", describeErr(e, to, err))
		return exitUsage
	}
	if err := dst.Close(); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, e.msg("已复制 %d 集：%s → %s\n", "copied %d episodes: %s → %s\n"),
		len(p.Episodes), store.Redact(from), store.Redact(to))
	return exitOK
}

func cmdRoom(e *env, args []string) int {
	fs := newFlags("room")
	password := fs.Bool("password-stdin", false, "add/login: read the password from stdin")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) < 2 || !store.IsURL(pos[1]) {
		return e.usageErr("room", err)
	}
	verb, url, rest := pos[0], pos[1], pos[2:]
	readPassword := func() (string, error) {
		if !*password {
			return "", nil
		}
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("no password on stdin: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	if verb == "login" {
		// Keep the password of URL's login in the OS keychain.
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		*password = true
		pw, err := readPassword()
		if err == nil {
			err = keyring.Set(store.KeyringService, store.KeychainAccount(cfg.User, cfg.Host, cfg.Port), pw)
		}
		if err != nil {
			e.errorf("%s", e.msg("无法写入系统钥匙串："+err.Error()+"（可改用 ~/.pgpass）",
				"cannot use the OS keychain: "+err.Error()+" (use ~/.pgpass instead)"))
			return exitUsage
		}
		fmt.Fprintln(e.stderr, e.msg("密码已存入系统钥匙串", "password kept in the OS keychain"))
		return exitOK
	}
	st, err := store.Open(url)
	if err != nil {
		e.errorf("%v", describeErr(e, url, err))
		return exitUsage
	}
	defer st.Close()
	p, err := st.Load()
	if err != nil {
		e.errorf("%v", describeErr(e, url, err))
		return exitUsage
	}
	episode := func(s string) (*script.Episode, error) {
		for _, ep := range p.Episodes {
			if fmt.Sprint(ep.Number) == s || ep.ID == s {
				return ep, nil
			}
		}
		return nil, fmt.Errorf("%s", e.msg("没有第 "+s+" 集", "no episode "+s))
	}
	switch {
	case verb == "status" && len(rest) == 0:
		states, err := st.Room()
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		fmt.Fprintln(e.stdout, e.msg("集\t分配给\t锁定\t正在编辑\t版本\t最后保存", "ep\tassignee\tlocked\tediting\tversion\tlast saved by"))
		for _, s := range states {
			holder := "-"
			if s.Lease != nil {
				holder = s.Lease.Holder
			}
			who := s.Assignee
			if who == "" {
				who = "-"
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%v\t%s\t%d\t%s\n", s.Number, who, s.Locked, holder, s.Version, s.UpdatedBy)
		}
		return exitOK
	case verb == "add" && len(rest) == 2:
		role, err := store.ParseRole(rest[1])
		if err == nil {
			var pw string
			if pw, err = readPassword(); err == nil {
				err = st.AddMember(rest[0], pw, role)
			}
		}
		if err != nil {
			e.errorf("%v", describeErr(e, url, err))
			return exitUsage
		}
		fmt.Fprintf(e.stderr, e.msg("已添加 %s（%s）\n", "added %s (%s)\n"), rest[0], role)
		return exitOK
	case verb == "assign" && len(rest) == 2, (verb == "lock" || verb == "unlock") && len(rest) == 1:
		ep, err := episode(rest[0])
		if err == nil {
			if verb == "assign" {
				err = st.Assign(ep.ID, rest[1])
			} else {
				err = st.SetLocked(ep.ID, verb == "lock")
			}
		}
		if err != nil {
			e.errorf("%v", describeErr(e, url, err))
			return exitUsage
		}
		return exitOK
	}
	return e.usageErr("room", nil)
}
