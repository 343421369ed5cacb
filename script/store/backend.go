package store

import "github.com/duanju-studio/duanju/script"

// Backend is what the app and the CLI use of an open project, whichever
// engine keeps it: a .duanju file (SQLite, the default, needs nothing) or a
// writers' room database on a PostgreSQL server (a postgres:// location).
// Open, OpenReadOnly and Create pick the engine from the location; the
// behaviour behind these methods is the same on both (the shared test suite
// runs on both engines).
type Backend interface {
	Path() string // the file, or the server URL without its password
	Load() (*script.Project, error)
	SaveEpisode(ep *script.Episode) error
	SaveProject(p *script.Project) error
	SaveAll(p *script.Project) error
	Snapshot(epID, label string) (SnapshotInfo, error)
	SnapshotAll(label string) (int, error)
	History(epID string) ([]SnapshotInfo, error)
	DeletedEpisodes() ([]SnapshotInfo, error)
	SnapshotText(id int64) (string, error)
	Restore(epID string, snapshotID int64) (*script.Episode, error)
	DiffSnapshot(epID string, snapshotID int64) ([]DiffLine, error)
	ReadOnly() bool
	ReadOnlyReason() error
	Recovered() bool
	Shared() bool // a writers' room on a server
	Close() error
}

var _ Backend = (*Store)(nil)

// Shared reports whether the project is a writers' room on a server.
func (s *Store) Shared() bool { return s.isPG() }
