package assets

import _ "embed"

// The bundled CJK font: Noto Sans CJK SC subset to GB2312 + Latin + CJK
// punctuation (OFL 1.1, see fonts/OFL.txt), with TrueType outlines. One copy
// serves both the UI (Fyne reads TrueType) and PDF export (fpdf embeds
// TrueType only, not CFF), so the binaries carry it once. One face per file:
// Fyne cannot load font collections (.ttc).
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	fontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	fontBold []byte
)

// FontFamily is the family name of the bundled font, as written into ASS
// subtitle styles and DOCX font declarations.
const FontFamily = "Noto Sans CJK SC"

// FontRegular returns the bundled regular face (TrueType).
func FontRegular() []byte { return fontRegular }

// FontBold returns the bundled bold face (TrueType).
func FontBold() []byte { return fontBold }
