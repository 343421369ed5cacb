package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// MaxInput is the largest script file we accept (a 100-episode series is
// under 1 MB; anything far larger is not a script).
const MaxInput = 32 << 20

// ErrTooLarge is returned for inputs over MaxInput (and .docx files whose
// text inflates past MaxDOCXText).
var ErrTooLarge = errors.New("file is too large for a script")

// Parse reads a script file of any supported kind, chosen by the name's
// extension and the content: .txt/.md (Chinese format or Fountain, by
// content), .fountain, .docx (Word or WPS); other names are sniffed. Errors
// name the file, say what to do, and match ErrTooLarge, ErrEmpty,
// ErrNotText, ErrEncoding, ErrCorrupt or ErrUnsupported with errors.Is.
func Parse(name string, data []byte) (*script.Project, error) {
	p, _, err := Import(name, data)
	return p, err
}

// ReadFile imports the script file at path, the one way the app and the CLI
// read a script: it refuses a folder or an oversized file before reading it,
// parses it as Import does and titles the project after the file when the
// script has no title. Warnings (lines in another encoding, bytes kept as
// \xNN, FDX elements kept as action) are for the user to see.
func ReadFile(path string) (*script.Project, []Warning, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	name := filepath.Base(path)
	if fi.IsDir() {
		return nil, nil, fmt.Errorf("%s: %w: it is a folder, not a script file", name, ErrUnsupported)
	}
	if fi.Size() > MaxInput {
		return nil, nil, fmt.Errorf("%s: %w (%d MB; the limit is %d MB): split the series into several files", name, ErrTooLarge, fi.Size()>>20, MaxInput>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxInput+1))
	if err != nil {
		return nil, nil, err
	}
	p, warns, err := Import(name, data)
	if err != nil {
		return nil, warns, err
	}
	if p.Meta.Title == "" {
		p.Meta.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	return p, warns, nil
}

// Import is Parse with the warnings: what the reader could not take as it
// was and how it kept it (see Warning). The text is never dropped.
func Import(name string, data []byte) (*script.Project, []Warning, error) {
	p, warns, err := importData(name, data)
	return p, warns, err
}

func importData(name string, data []byte) (*script.Project, []Warning, error) {
	if len(data) > MaxInput {
		return nil, nil, fmt.Errorf("%s: %w (%d MB; the limit is %d MB): split the series into several files", name, ErrTooLarge, len(data)>>20, MaxInput>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fmt.Errorf("%s: %w: there is no script text to import", name, ErrEmpty)
	}
	ext := strings.ToLower(filepath.Ext(name))
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
	switch {
	case ext == ".docx" || ext == ".wps" && isZip || ext == ".docm" || isZip:
		if !isZip {
			return nil, nil, fmt.Errorf("%s: %w: this is not a .docx (Word/WPS) file; open it in Word or WPS and save it as .docx, or save the text as .txt", name, ErrCorrupt)
		}
		p, err := ParseDOCX(data)
		if err != nil {
			if ext != ".docx" && ext != ".wps" && ext != ".docm" && errors.Is(err, ErrCorrupt) {
				return nil, nil, fmt.Errorf("%s: %w: this is a zip archive, not a script; unzip it and import the script inside", name, ErrUnsupported)
			}
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		return p, nil, nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == ".doc" || ext == ".wps":
		return nil, nil, fmt.Errorf("%s: %w: old Word .doc / WPS .wps format; open it in Word or WPS and save it as .docx", name, ErrUnsupported)
	case bytes.HasPrefix(data, []byte("%PDF")) || ext == ".pdf":
		return nil, nil, fmt.Errorf("%s: %w: PDF cannot be imported; export the script from your editor as .docx or .txt", name, ErrUnsupported)
	case bytes.HasPrefix(data, []byte(`{\rtf`)) || ext == ".rtf":
		return nil, nil, fmt.Errorf("%s: %w: RTF cannot be imported; save it as .docx or .txt", name, ErrUnsupported)
	case ext == ".fdx" || bytes.Contains(data[:min(len(data), 1024)], []byte("<FinalDraft")):
		p, warns, err := readFDX(bytes.NewReader(data))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		return p, warns, nil
	case ext == ".pages" || ext == ".odt" || ext == ".xlsx" || ext == ".xls":
		return nil, nil, fmt.Errorf("%s: %w %q; use .txt, .md, .fountain, .fdx or .docx", name, ErrUnsupported, ext)
	}
	text, _, warns, err := DecodeTextLines(data)
	if err != nil {
		switch {
		case errors.Is(err, ErrNotText):
			return nil, nil, fmt.Errorf("%s: %w (binary data): export the script as .txt (UTF-8) or .docx and try again", name, err)
		case errors.Is(err, ErrEncoding):
			return nil, nil, fmt.Errorf("%s: %w; save it as UTF-8 and try again", name, err)
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, fmt.Errorf("%s: %w: there is no script text to import", name, ErrEmpty)
	}
	var p *script.Project
	switch ext {
	case ".fountain", ".spmd":
		p, err = ParseFountain(text)
	case ".md", ".markdown":
		p, err = parseText(stripMarkdown(text))
	default:
		p, err = parseText(text)
	}
	if err != nil {
		return nil, warns, fmt.Errorf("%s: %w", name, err)
	}
	return p, warns, nil
}

// parseText picks the Chinese or the Fountain parser by content.
func parseText(text string) (*script.Project, error) {
	if LooksLikeFountain(text) {
		return ParseFountain(text)
	}
	return ParseChinese(text)
}

var (
	reLooksIntExt  = regexp.MustCompile(`(?mi)^[ \t]*(INT|EXT|EST|INT\.?/EXT|I/E)[\. ]`)
	reLooksForced  = regexp.MustCompile(`(?m)^[ \t]*(\.[^.\s]|@\S)`)
	reLooksTitle   = regexp.MustCompile(`(?i)^\s*(Title|Credit|Author|Authors|Source|Draft date|Contact)\s*:`)
	reLooksZhEp    = regexp.MustCompile(`(?m)^[ \t\x{3000}]*[【\[]?\s*第\s*[0-9０-９零〇一二两三四五六七八九十百千]+\s*集`)
	reLooksZhScene = regexp.MustCompile(`(?m)^[ \t\x{3000}]*([0-9０-９]{1,3}\s*[-－—–]\s*[0-9０-９]{1,3}[\s、，,]|[△▲])`)
)

// LooksLikeFountain reports whether text is Fountain rather than the Chinese
// format: INT./EXT. headings, a title page or forced elements, and no bare
// 第N集 or 1-1 headings (Fountain-zh writes "# 第N集" and ".1-1").
func LooksLikeFountain(text string) bool {
	if !(anyLine(text, reLooksIntExt, "IiEe") || reLooksTitle.MatchString(text) || anyLine(text, reLooksForced, ".@")) {
		return false
	}
	return !reLooksZhEp.MatchString(text) && !reLooksZhScene.MatchString(text)
}

// anyLine reports whether the line-anchored re matches a line of text,
// trying it only on lines whose first non-blank byte is in first (the
// bytes re can start with): scanning a whole 300 KB Chinese script with
// the regexps took ~10 ms of every check.
func anyLine(text string, re *regexp.Regexp, first string) bool {
	for text != "" {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if t := strings.TrimLeft(line, " \t"); t != "" && strings.IndexByte(first, t[0]) >= 0 && re.MatchString(line) {
			return true
		}
	}
	return false
}

// stripMarkdown removes whole-line emphasis ("**第1集**") and heading marks
// ("## 1-1 日 内 客厅", "# 《剧名》") that Markdown drafts put around titles
// and episode and scene headings; the rest of the text is kept as written.
func stripMarkdown(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		for _, m := range []string{"**", "__"} {
			if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
				t = strings.TrimSpace(t[len(m) : len(t)-len(m)])
				lines[i] = t
				break
			}
		}
		if h := strings.TrimLeft(t, "#"); h != t && len(t)-len(h) <= 6 && strings.HasPrefix(h, " ") {
			lines[i] = strings.TrimSpace(h) // an ATX heading: "## 1-1 日 内 客厅"
		}
	}
	return strings.Join(lines, "\n")
}
