package export

import (
	"context"
	"io"

	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// Format is one export format, for menus and dialogs.
type Format struct {
	ID      string // pdf, docx, fdx, fountain, txt, breakdown, episodes
	Ext     string // with the dot
	ZH, EN  string // label
	Options bool   // watermark and AI label apply
	Write   func(ctx context.Context, p *script.Project, w io.Writer, o Options) error
}

// Formats lists the export formats in menu order.
var Formats = []Format{
	{ID: "pdf", Ext: ".pdf", ZH: "PDF 剧本", EN: "PDF script", Options: true, Write: PDF},
	{ID: "docx", Ext: ".docx", ZH: "Word 文档（DOCX）", EN: "Word document (DOCX)", Options: true, Write: DOCX},
	{ID: "fdx", Ext: ".fdx", ZH: "Final Draft（FDX）", EN: "Final Draft (FDX)", Options: true,
		Write: func(_ context.Context, p *script.Project, w io.Writer, o Options) error { return FDX(p, w, o) }},
	{ID: "fountain", Ext: ".fountain", ZH: "Fountain 纯文本", EN: "Fountain text",
		Write: func(_ context.Context, p *script.Project, w io.Writer, o Options) error {
			_, err := io.WriteString(w, format.WriteFountain(selected(p, o)))
			return err
		}},
	{ID: "txt", Ext: ".txt", ZH: "中文格式纯文本", EN: "Chinese-format text",
		Write: func(_ context.Context, p *script.Project, w io.Writer, o Options) error {
			_, err := io.WriteString(w, format.WriteChinese(selected(p, o)))
			return err
		}},
	{ID: "breakdown", Ext: ".csv", ZH: "分集拆解表（CSV）", EN: "Episode breakdown (CSV)",
		Write: func(_ context.Context, p *script.Project, w io.Writer, o Options) error {
			return Breakdown(p, w, o, DefaultAnnotations(p))
		}},
	{ID: "episodes", Ext: ".csv", ZH: "分集列表（剧名 - 第x集）", EN: "Episode list (CSV)",
		Write: func(_ context.Context, p *script.Project, w io.Writer, o Options) error { return EpisodeList(p, w, o) }},
}

// OpenFindings lists the open self-check findings per episode; package
// pack sets it to run script/check (export cannot import the checker's
// consumers without a cycle).
var OpenFindings func(p *script.Project) map[int][]string

// DefaultAnnotations gathers the breakdown's culture elements and, when the
// checker is linked in, open findings.
func DefaultAnnotations(p *script.Project) Annotations {
	var a Annotations
	a.Culture, _ = CultureByEpisode(p) // an empty column if the dataset fails
	if OpenFindings != nil {
		a.Findings = OpenFindings(p)
	}
	return a
}

// selected is p limited to the episodes o selects.
func selected(p *script.Project, o Options) *script.Project {
	if len(o.Episodes) == 0 {
		return p
	}
	q := *p
	q.Episodes = o.episodes(p)
	return &q
}
