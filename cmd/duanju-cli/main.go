// Command duanju-cli is the headless Duanju Studio: the same features as the
// desktop app, without Fyne. It builds with CGO_ENABLED=0.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], newEnv()))
}
