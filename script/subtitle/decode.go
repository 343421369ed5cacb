package subtitle

import (
	"errors"
	"strings"

	"github.com/duanju-studio/duanju/script/format"
)

// DecodeText turns subtitle file bytes into UTF-8 with LF newlines
// (astisub only reads UTF-8): BOMs (UTF-8, UTF-16LE/BE), BOM-less UTF-16,
// valid UTF-8, then GB18030 (a superset of GBK) or Big5, whichever reads as
// more common Chinese. It returns the encoding's name for the UI to show.
// The detector is the one shared with script import (script/format).
func DecodeText(data []byte) (string, string, error) {
	text, enc, _, err := decodeText(data)
	return text, enc, err
}

// decodeText also returns the warnings of a file that mixes encodings or
// has unreadable bytes (kept as \xNN), with their line numbers.
func decodeText(data []byte) (string, string, []string, error) {
	text, enc, warns, err := format.DecodeTextLines(data)
	if err != nil {
		switch {
		case errors.Is(err, format.ErrNotText):
			return "", "", nil, errors.New("this is not a text subtitle file (EBU-STL files must have the .stl extension)")
		case errors.Is(err, format.ErrEncoding):
			return "", "", nil, errors.New("the file is not UTF-8, UTF-16, GB18030/GBK or Big5 text: save it as UTF-8 and try again")
		}
		return "", "", nil, err
	}
	var ws []string
	for _, w := range warns {
		ws = append(ws, w.Error())
	}
	return strings.TrimPrefix(text, "\uFEFF"), enc, ws, nil
}
