package assets

import _ "embed"

// The bundled CJK font: Noto Sans CJK SC subset to GB2312 + Latin + CJK
// punctuation (OFL 1.1, see fonts/OFL.txt). One face per file: Fyne cannot
// load font collections (.ttc).
var (
	//go:embed fonts/NotoSansSC-Regular.otf
	fontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.otf
	fontBold []byte
)

// FontFamily is the family name of the bundled font, as written into ASS
// subtitle styles and DOCX font declarations.
const FontFamily = "Noto Sans CJK SC"

// FontRegular returns the bundled regular face (OTF/CFF).
func FontRegular() []byte { return fontRegular }

// FontBold returns the bundled bold face (OTF/CFF).
func FontBold() []byte { return fontBold }
