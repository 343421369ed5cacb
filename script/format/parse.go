package format

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

// MaxInput is the largest script file we accept (a 100-episode series is
// under 1 MB; anything far larger is not a script).
const MaxInput = 32 << 20

// ErrTooLarge is returned for inputs over MaxInput.
var ErrTooLarge = errors.New("file is too large for a script")

// Parse reads a script file of any supported kind, chosen by the name's
// extension and the content: .txt/.md (Chinese format or Fountain),
// .fountain, .docx.
func Parse(name string, data []byte) (*script.Project, error) {
	if len(data) > MaxInput {
		return nil, fmt.Errorf("%s: %w (%d MB; the limit is %d MB)", name, ErrTooLarge, len(data)>>20, MaxInput>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	text := string(data)
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%s: not UTF-8 text; save it as UTF-8 and try again", name)
	}
	if strings.TrimSpace(strings.TrimPrefix(text, "\ufeff")) == "" {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	switch ext {
	case ".txt", ".md", ".markdown", "":
		return ParseChinese(text)
	}
	return nil, fmt.Errorf("%s: unsupported file type %q (use .txt, .md, .fountain or .docx)", name, ext)
}
