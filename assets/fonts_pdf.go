package assets

import _ "embed"

// Faces for PDF export; see fonts/PDF-FONTS.md for where they come from.
var (
	//go:embed fonts/NotoSansMono-Regular.ttf
	pdfMonoRegular []byte
	//go:embed fonts/NotoSansMono-Bold.ttf
	pdfMonoBold []byte
)

// PDFSans returns the CJK sans faces (regular, bold) as TrueType: the same
// bytes the UI renders with.
func PDFSans() (regular, bold []byte) { return fontRegular, fontBold }

// PDFMono returns the Latin monospace faces (regular, bold) used for the
// screenplay layout of Fountain scripts.
func PDFMono() (regular, bold []byte) { return pdfMonoRegular, pdfMonoBold }
