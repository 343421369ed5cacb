package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/duanju-studio/duanju/script"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes of the CLI contract (README: CLI).
const (
	exitOK       = 0
	exitFindings = 1 // check/lint found problems at or above --fail-on
	exitUsage    = 2 // bad usage or unreadable input
)

// env is what a command may touch: streams and the message language.
type env struct {
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	lang   script.Lang // language of messages
}

func newEnv() *env {
	lang := script.En
	for _, v := range []string{os.Getenv("LC_ALL"), os.Getenv("LC_MESSAGES"), os.Getenv("LANG")} {
		if v != "" {
			lang = script.ParseLang(v)
			break
		}
	}
	return &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, lang: lang}
}

// msg picks the message in the user's language.
func (e *env) msg(zh, en string) string { return e.lang.Pick(zh, en) }

// errorf prints an error message on stderr.
func (e *env) errorf(format string, a ...any) {
	fmt.Fprintf(e.stderr, "duanju-cli: "+format+"\n", a...)
}

// command is one top-level CLI command. Commands register themselves from
// their own file (cmd_*.go) so that features stay apart.
type command struct {
	name    string
	usage   string // one line: "stats PROJECT [--json]"
	summary string // one line, English
	run     func(e *env, args []string) int
	// ownsLang: the command has its own --lang (a subtitle language), so
	// the global --lang (message language) counts only before its name.
	ownsLang bool
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

func run(args []string, e *env) int {
	// The global --lang (message language) may appear anywhere, except after
	// the name of a command that has a --lang of its own.
	var rest []string
	var cmd *command
	for i := 0; i < len(args); i++ {
		a := args[i]
		if cmd == nil || !cmd.ownsLang {
			switch {
			case (a == "--lang" || a == "-lang") && i+1 < len(args):
				e.lang = script.ParseLang(args[i+1])
				i++
				continue
			case strings.HasPrefix(a, "--lang="):
				e.lang = script.ParseLang(strings.TrimPrefix(a, "--lang="))
				continue
			}
		}
		if cmd == nil && len(rest) == 0 {
			cmd = commands[a]
		}
		rest = append(rest, a)
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		usage(e.stdout)
		if len(rest) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[rest[0]]
	if !ok {
		e.errorf("%s", e.msg("未知命令 "+rest[0]+"（运行 duanju-cli help 查看命令列表）",
			"unknown command "+rest[0]+" (run duanju-cli help for the list)"))
		return exitUsage
	}
	return c.run(e, rest[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "duanju-cli — Duanju Studio (短剧工坊) without the window")
	fmt.Fprintln(w, "\nUsage:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  duanju-cli %-58s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w, "\nGlobal: --lang zh|en. Exit codes: 0 ok, 1 problems found, 2 bad usage or unreadable input.")
}

// parseFlags parses flags that may stand before or after positional
// arguments ("stats --json x.txt" and "stats x.txt --json"). It returns the
// positional arguments in order. A lone "--" ends flag parsing.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlags makes a FlagSet for a command; usageErr reports bad usage.
func newFlags(name string) *flag.FlagSet {
	return flag.NewFlagSet(name, flag.ContinueOnError)
}

// usageErr prints a usage error for c and returns exitUsage.
func (e *env) usageErr(c string, err error) int {
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		e.errorf("%s: %v", c, err)
	}
	if cmd, ok := commands[c]; ok {
		fmt.Fprintf(e.stderr, "usage: duanju-cli %s\n", cmd.usage)
	}
	return exitUsage
}

// writeJSON prints v as indented JSON on stdout (the --json contract),
// keeping Chinese and <>& readable.
func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return exitOK
}
