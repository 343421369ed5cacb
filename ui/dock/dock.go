// Package dock is the seam between the main window and the feature panels
// (AI, Self-check, Culture, Subtitles…). The shell in package ui implements
// Host; each feature lives in its own ui/<feature>view package and returns a
// Panel built on Host, so features plug in without reshaping the window.
package dock

import (
	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/script"
)

// Host is what a panel may ask of the main window. All methods must be
// called on the Fyne goroutine (use fyne.Do from workers).
type Host interface {
	App() fyne.App
	Window() fyne.Window
	// Project is the open project; its episodes' Scenes are current.
	Project() *script.Project
	// Current is the episode shown in the editor (nil when none).
	Current() *script.Episode
	// ProjectPath is the .duanju file ("" for an unsaved project).
	ProjectPath() string
	// Lang is the UI language, "zh" or "en".
	Lang() string

	// OpenEpisode shows episode n in the editor.
	OpenEpisode(n int)
	// Select opens episode n and selects the byte span [start,end) of its Body.
	Select(n, start, end int)
	// SelectedText returns the editor's selection ("" when none).
	SelectedText() string
	// Cursor returns the byte offset of the cursor in the current Body.
	Cursor() int
	// Insert inserts text at the cursor as one undo step.
	Insert(text string)
	// Replace replaces [start,end) of episode n's Body with text as one undo
	// step (opening the episode first).
	Replace(n, start, end int, text string)

	// Changed tells the host that the project (not the editor text) was
	// modified by the panel: it is saved and other views refresh.
	Changed()
	// OnChange registers f to run (debounced, on the Fyne goroutine) after
	// the project or the current episode's text changes.
	OnChange(f func())
	// SetBadge sets a small badge text on episode n in the navigator and
	// board for the named source ("check", "culture"); "" clears it.
	SetBadge(source string, n int, text string)
	// Status shows a transient message in the status bar.
	Status(msg string)
}

// Panel is one tab of the right dock.
type Panel interface {
	// ID is a stable key: "ai", "check", "culture", "subtitles".
	ID() string
	// Title is the tab label in the UI language.
	Title() string
	// Content is the tab's content, built once.
	Content() fyne.CanvasObject
}

// Factory builds a panel on a host.
type Factory func(h Host) Panel

var factories []Factory

// Register adds a panel factory; feature packages call it from init and
// the app imports them in ui/panels.go.
func Register(f Factory) { factories = append(factories, f) }

// Factories returns the registered panel factories in registration order.
func Factories() []Factory { return factories }
