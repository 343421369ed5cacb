package format

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"github.com/duanju-studio/duanju/script"
)

// MaxDOCXText caps how much of word/document.xml we inflate: a 100-episode
// script is a few MB of XML, so anything past this is a zip bomb or not a
// script.
const MaxDOCXText = 64 << 20

// maxXMLDepth bounds element nesting; real documents stay under 50.
const maxXMLDepth = 2000

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// ParseDOCX imports a Word or WPS .docx file: the text of
// word/document.xml, one line per paragraph, then the Chinese or Fountain
// parser by content.
func ParseDOCX(data []byte) (*script.Project, error) {
	text, err := DOCXText(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, &wrapped{msg: "the document has no text (" + ErrEmpty.Error() + "); check that you exported the right file", err: ErrEmpty}
	}
	return parseText(text)
}

// DOCXText extracts the plain text of a .docx: paragraphs become lines,
// <w:br/> a line break, <w:tab/> a tab; deleted revisions are dropped and
// inserted ones kept.
func DOCXText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &wrapped{msg: "the .docx is damaged or cut off (not a readable zip archive): open it in Word or WPS and save it again", err: ErrCorrupt}
	}
	doc := mainPart(zr)
	if doc == nil {
		return "", &wrapped{msg: "the .docx has no document body (word/document.xml): it is not a Word document or is damaged", err: ErrCorrupt}
	}
	if doc.UncompressedSize64 > MaxDOCXText {
		return "", docxTooLarge()
	}
	rc, err := doc.Open()
	if err != nil {
		return "", &wrapped{msg: "the .docx is damaged: " + err.Error(), err: ErrCorrupt}
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, n: MaxDOCXText}
	text, err := documentText(lr)
	if lr.hit {
		return "", docxTooLarge()
	}
	if err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) {
			return "", &wrapped{msg: "the .docx is damaged (" + err.Error() + "): open it in Word or WPS and save it again", err: ErrCorrupt}
		}
		if errors.Is(err, ErrCorrupt) {
			return "", err
		}
		return "", &wrapped{msg: "the .docx could not be read: " + err.Error(), err: ErrCorrupt}
	}
	return text, nil
}

func docxTooLarge() error {
	return &wrapped{msg: fmt.Sprintf("the .docx text is larger than %d MB (a zip bomb, or not a script)", MaxDOCXText>>20), err: ErrTooLarge}
}

// limitedReader stops after n bytes and remembers that it did.
type limitedReader struct {
	r   io.Reader
	n   int64
	hit bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.hit = true
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// documentText streams document.xml and writes its text.
func documentText(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = charsetReader
	var b strings.Builder
	depth := 0
	skip := 0 // depth of an element whose content we drop (0 = none)
	inText := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return "", &wrapped{msg: "the .docx is damaged (elements nested too deeply)", err: ErrCorrupt}
			}
			if skip > 0 {
				continue
			}
			switch t.Name.Local {
			case "del", "delText", "moveFrom", "instrText", "Fallback", "rPr", "pPr", "footnoteReference", "commentReference", "rt":
				// Deleted or moved-away revisions, field codes, duplicate
				// fallbacks, ruby (pinyin) annotations: not script text.
				skip = depth
			case "t":
				inText = true
			case "tab":
				if t.Name.Space == "w" || t.Name.Space == "" {
					b.WriteByte('\t')
				}
			case "br", "cr":
				b.WriteByte('\n')
			case "noBreakHyphen":
				b.WriteByte('-')
			case "softHyphen":
			case "sym":
				if c := attr(t, "char"); c != "" {
					b.WriteString(symChar(c))
				}
			}
		case xml.EndElement:
			if skip > 0 {
				if depth == skip {
					skip = 0
				}
				depth--
				continue
			}
			depth--
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText && skip == 0 {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// symChar turns a w:sym code ("F0A7" in a symbol font) into a bullet: the
// font's glyph has no Unicode meaning worth keeping.
func symChar(string) string { return "•" }

// mainPart finds word/document.xml, or the main part named in _rels/.rels
// (some generators call it document2.xml).
func mainPart(zr *zip.Reader) *zip.File {
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[strings.ToLower(f.Name)] = f
	}
	if f := byName["word/document.xml"]; f != nil {
		return f
	}
	rels := byName["_rels/.rels"]
	if rels == nil || rels.UncompressedSize64 > 1<<20 {
		return nil
	}
	rc, err := rels.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var doc struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&doc) != nil {
		return nil
	}
	for _, r := range doc.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return byName[strings.ToLower(strings.TrimPrefix(r.Target, "/"))]
		}
	}
	return nil
}

// charsetReader lets encoding/xml read the rare document.xml that is not
// declared UTF-8 (UTF-16, GBK…).
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unknown XML encoding %q", label)
	}
	return transform.NewReader(input, e.NewDecoder()), nil
}
