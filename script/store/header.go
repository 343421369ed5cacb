package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader tells a project from anything else before SQLite sees the file,
// with a message that says what the file is and what to do.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("no project at %s: %w", path, err)
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &NotProjectError{Path: path, Reason: "it is a folder", Zh: "这是一个文件夹"}
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	head = head[:n]
	switch {
	case n == 0:
		return &NotProjectError{Path: path, Reason: "the file is empty", Zh: "文件是空的"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return &NotProjectError{Path: path,
			Reason: "it is a zip archive (a .docx or a package?); import a script with File › Import or `duanju-cli import`",
			Zh:     "这是一个 zip 压缩包（.docx 或投稿包？）；剧本请用“文件 › 导入”或 duanju-cli import 导入"}
	case !bytes.HasPrefix(head, sqliteMagic):
		return &NotProjectError{Path: path,
			Reason: "it is not a project database (a script text? import it with File › Import or `duanju-cli import`)",
			Zh:     "不是项目数据库（如果是剧本文本，请用“文件 › 导入”或 duanju-cli import 导入）"}
	case n < 100:
		return &NotProjectError{Path: path, Reason: "the database header is cut short", Zh: "数据库文件头不完整"}
	}
	// application_id is written when the file is made and checkpointed before
	// the file gets its name, so the on-disk header always has it.
	if id := binary.BigEndian.Uint32(head[68:72]); id != ApplicationID {
		return &NotProjectError{Path: path, Reason: "an SQLite database made by another program",
			Zh: "这是其他程序创建的 SQLite 数据库"}
	}
	return nil
}

// isCorrupt reports SQLite's SQLITE_CORRUPT and SQLITE_NOTADB.
func isCorrupt(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == 11 || c == 26
}

func damaged(path string, err error) *DamagedError {
	var d *DamagedError
	if errors.As(err, &d) {
		return d
	}
	return &DamagedError{Path: path, Detail: err.Error()}
}

func notProject(path string, err error) error {
	if isCorrupt(err) {
		return damaged(path, err)
	}
	return &NotProjectError{Path: path, Reason: "SQLite cannot read it: " + err.Error(),
		Zh: "SQLite 无法读取：" + err.Error()}
}
