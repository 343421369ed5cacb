package main

import (
	"fmt"

	"github.com/duanju-studio/duanju/script"
)

func init() {
	register(&command{name: "version", usage: "version", summary: "print the version",
		run: func(e *env, args []string) int {
			fmt.Fprintln(e.stdout, "duanju-cli", script.Version)
			return exitOK
		}})
}
