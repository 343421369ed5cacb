package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	withPanels = false // see withPanels
	os.Exit(m.Run())
}
