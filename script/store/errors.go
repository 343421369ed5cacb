package store

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is. The concrete errors carry the details
// and a Chinese message (ZH) for the app and the CLI.
var (
	ErrNotProject   = errors.New("not a Duanju Studio project")
	ErrNewerVersion = errors.New("project made by a newer version of Duanju Studio")
	ErrReadOnly     = errors.New("project is open read-only")
	ErrExists       = errors.New("file already exists")
	ErrNotFound     = errors.New("not found in the project")
	ErrClosed       = errors.New("project is closed")
	ErrDamaged      = errors.New("project file is damaged")
)

// Localized is implemented by the store's errors: ZH is the message in Chinese.
type Localized interface {
	error
	ZH() string
}

// NotProjectError says why a file is not a project and what to do instead.
type NotProjectError struct {
	Path   string
	Reason string // English
	Zh     string // the same in Chinese
}

func (e *NotProjectError) Error() string {
	return fmt.Sprintf("%s is not a Duanju Studio project: %s", e.Path, e.Reason)
}

// ZH returns the message in Chinese.
func (e *NotProjectError) ZH() string {
	return fmt.Sprintf("%s 不是短剧工坊项目文件：%s", e.Path, e.Zh)
}

func (e *NotProjectError) Is(target error) bool { return target == ErrNotProject }

// VersionError is returned for a file whose schema is newer than this build knows.
type VersionError struct {
	Path        string
	FileVersion int
	AppVersion  int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("%s was made by a newer version of Duanju Studio (schema %d, this app reads up to %d); update the app to open it",
		e.Path, e.FileVersion, e.AppVersion)
}

// ZH returns the message in Chinese.
func (e *VersionError) ZH() string {
	return fmt.Sprintf("%s 由更新版本的短剧工坊创建（结构版本 %d，本程序最高支持 %d），请升级应用后再打开",
		e.Path, e.FileVersion, e.AppVersion)
}

func (e *VersionError) Is(target error) bool { return target == ErrNewerVersion }

// ReadOnlyError says why a project is read-only; saves return it.
type ReadOnlyError struct {
	Path   string
	Reason string // English
	Zh     string // Chinese
	Cause  error  // e.g. a *DamagedError; nil when another window holds the file
}

func (e *ReadOnlyError) Unwrap() error { return e.Cause }

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s is open read-only: %s", e.Path, e.Reason)
}

// ZH returns the message in Chinese.
func (e *ReadOnlyError) ZH() string {
	return fmt.Sprintf("%s 以只读方式打开：%s", e.Path, e.Zh)
}

func (e *ReadOnlyError) Is(target error) bool { return target == ErrReadOnly }

// DamagedError is returned for a project file SQLite finds corrupt (a
// half-copied file, a disk error).
type DamagedError struct {
	Path   string
	Detail string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%s is damaged (%s); open a backup copy, or open it again and use Save As to rescue what can be read",
		e.Path, e.Detail)
}

// ZH returns the message in Chinese.
func (e *DamagedError) ZH() string {
	return fmt.Sprintf("%s 已损坏（%s）；请打开备份副本，或用“另存为”保存仍可读取的内容", e.Path, e.Detail)
}

func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// ExistsError is returned by Create when the file is already there.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; choose another name or open it", e.Path)
}

// ZH returns the message in Chinese.
func (e *ExistsError) ZH() string {
	return fmt.Sprintf("%s 已存在，请换一个文件名或直接打开", e.Path)
}

func (e *ExistsError) Is(target error) bool { return target == ErrExists }

// ZH returns the Chinese message of err if it has one, else err.Error().
func ZH(err error) string {
	var l Localized
	if errors.As(err, &l) {
		return l.ZH()
	}
	return err.Error()
}
