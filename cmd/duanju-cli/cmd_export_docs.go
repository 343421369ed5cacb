package main

import (
	"context"
	"io"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/export"
	_ "github.com/duanju-studio/duanju/script/export/pack" // links the self-check into the breakdown
)

// The document formats of script/export: PDF, DOCX, Final Draft, the
// episode breakdown CSV (csv) and the platform episode list (episodes).
func init() {
	exportFormats["pdf"] = exportFormat{ext: ".pdf", write: func(p *script.Project, w io.Writer) error {
		return export.PDF(context.Background(), p, w, export.Options{})
	}}
	exportFormats["docx"] = exportFormat{ext: ".docx", write: func(p *script.Project, w io.Writer) error {
		return export.DOCX(context.Background(), p, w, export.Options{})
	}}
	exportFormats["fdx"] = exportFormat{ext: ".fdx", write: func(p *script.Project, w io.Writer) error {
		return export.FDX(p, w, export.Options{})
	}}
	exportFormats["csv"] = exportFormat{ext: ".csv", write: writeBreakdown}
	exportFormats["episodes"] = exportFormat{ext: ".csv", write: func(p *script.Project, w io.Writer) error {
		return export.EpisodeList(p, w, export.Options{})
	}}
}

// writeBreakdown writes the episode breakdown with culture elements and the
// open findings of the self-check.
func writeBreakdown(p *script.Project, w io.Writer) error {
	return export.Breakdown(p, w, export.Options{}, export.DefaultAnnotations(p))
}
