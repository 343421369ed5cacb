package assets

import _ "embed"

// TrueType faces for PDF export (fpdf cannot embed CFF outlines); see
// fonts/PDF-FONTS.md for where they come from.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	pdfSansRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	pdfSansBold []byte
	//go:embed fonts/NotoSansMono-Regular.ttf
	pdfMonoRegular []byte
	//go:embed fonts/NotoSansMono-Bold.ttf
	pdfMonoBold []byte
)

// PDFSans returns the CJK sans faces (regular, bold) as TrueType.
func PDFSans() (regular, bold []byte) { return pdfSansRegular, pdfSansBold }

// PDFMono returns the Latin monospace faces (regular, bold) used for the
// screenplay layout of Fountain scripts.
func PDFMono() (regular, bold []byte) { return pdfMonoRegular, pdfMonoBold }
