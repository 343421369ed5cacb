// Package export turns a project into the files a studio hands in: the
// script as PDF (Chinese short-drama layout, or the screenplay layout for
// Fountain scripts), DOCX with a named style per element, Final Draft FDX
// (export and import), the episode breakdown CSV and the filing materials.
// The submission package itself is built by the sub-package pack.
//
// Every writer takes a context and Options; long writers report progress
// per episode and stop when the context is cancelled.
package export
