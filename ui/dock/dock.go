// Package dock is the seam between the main window and the feature panels
// (AI, Self-check, Culture, Subtitles…). The shell in package ui implements
// Host; each feature lives in its own ui/<feature>view package and returns a
// Panel built on Host, so features plug in without reshaping the window.
//
// The contract: a panel reads the live project only on the Fyne goroutine;
// background work gets Host.Snapshot (a deep copy) and runs through a Task,
// which reports back on the Fyne goroutine and drops the report of a run
// that was cancelled or superseded. A panel never imports another panel: it
// asks the host with a typed Request, and the host brings panels forward
// with ShowPanel.
//
// The package also holds what every view shares: ShowEntry, the one dialog
// that asks for a title, a name or a reason, and OpenFile / SaveFile /
// OpenFolder, the one way to ask for a file (filters, a start folder
// remembered per purpose, errors shown).
package dock

import (
	"fyne.io/fyne/v2"

	"github.com/duanju-studio/duanju/ai"
	"github.com/duanju-studio/duanju/script"
)

// PanelID names a dock panel.
type PanelID string

// The dock's panels, in tab order.
const (
	AI        PanelID = "ai"
	Check     PanelID = "check"
	Culture   PanelID = "culture"
	Subtitles PanelID = "subtitles"
	// Comments is the writers' room's tab, after the four (it is there
	// only when its package is built in).
	Comments PanelID = "comments"
)

// PanelIDs lists the dock's panels in tab order.
var PanelIDs = []PanelID{AI, Check, Culture, Subtitles}

// Host is what a panel may ask of the main window. All methods but Go and
// Do must be called on the Fyne goroutine.
type Host interface {
	App() fyne.App
	Window() fyne.Window
	// Project is the open project; its episodes' Scenes are current. Only
	// the Fyne goroutine may read it: workers get Snapshot.
	Project() *script.Project
	// Snapshot is a deep copy of the project for a background worker.
	Snapshot() *script.Project
	// Current is the episode shown in the editor (nil when none).
	Current() *script.Episode
	// ProjectPath is the .duanju file ("" for an unsaved project).
	ProjectPath() string
	// Lang is the UI language.
	Lang() script.Lang

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

	// ShowPanel brings panel id to the front of the dock.
	ShowPanel(id PanelID)
	// Request hands r to the panel that handles it (see Handler) and
	// reports whether one did.
	Request(r Request) bool

	// Go runs f on a worker goroutine; Do runs f on the Fyne goroutine.
	// Panels use them through Task. (The tests' host runs workers inline or
	// queues Do for the test goroutine, which Fyne's test driver cannot.)
	Go(f func())
	Do(f func())
}

// Panel is one tab of the right dock.
type Panel interface {
	ID() PanelID
	// Title is the tab label in the UI language.
	Title() string
	// Content is the tab's content, built once.
	Content() fyne.CanvasObject
}

// Shower is a panel that wants to know when its tab is brought forward,
// to start work it will soon need (loading a word list) without slowing
// the app's start.
type Shower interface {
	Shown()
}

// Handler is a panel that serves requests from other panels.
type Handler interface {
	// Handle serves r and reports whether it did; a panel ignores requests
	// it does not know.
	Handle(r Request) bool
}

// Request is a typed message from one panel to another, sent through
// Host.Request.
type Request interface{ request() }

// FixWithAI asks the AI panel to propose a replacement for a finding's
// span; the writer accepts it there as one undo step.
type FixWithAI struct{ Finding ai.Finding }

// ShowAISettings asks the AI panel to open its settings (a view that needs
// AI found it not set up).
type ShowAISettings struct{}

func (FixWithAI) request()      {}
func (ShowAISettings) request() {}

// Factory builds a panel on a host.
type Factory func(h Host) Panel

var factories []Factory

// Register adds a panel factory; feature packages call it from init and
// the app imports them in ui/panels.go.
func Register(f Factory) { factories = append(factories, f) }

// Factories returns the registered panel factories in registration order.
func Factories() []Factory { return factories }

// ProseWrap is the wrapping of prose labels in lang: Chinese has no spaces,
// so word wrapping would break only at the rare space; break anywhere
// instead. Every view wraps prose with it.
func ProseWrap(lang script.Lang) fyne.TextWrap {
	if lang == script.Zh {
		return fyne.TextWrapBreak
	}
	return fyne.TextWrapWord
}
