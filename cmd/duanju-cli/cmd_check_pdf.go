package main

import "github.com/duanju-studio/duanju/script/export"

// PDF reports come from script/export, which owns PDF writing.
func init() { reportPDF = export.ReportPDF }
