// Package format reads and writes script text: the Chinese short-drama
// format (primary), Fountain 1.1 (with the Fountain-zh dialect), and imports
// of .txt/.md/.fountain/.fdx/.docx in any of the encodings writers actually send.
// Parsing is lenient, writing is canonical, and parse → write → parse gives
// the same model.
//
// Entry points:
//
//   - ReadFile(path): the one import for the app and the CLI: a file of any
//     supported kind, with Warnings for what the user must check.
//   - Import(name, data) / Parse(name, data): the same on bytes (Parse
//     drops the warnings; the text itself is never dropped).
//   - ParseChinese / WriteChinese, ParseFountain / WriteFountain: whole series.
//   - ParseEpisode(p, ep): re-derive ep.Scenes from ep.Body after an edit, in
//     the project's SourceStyle (ParseBody is the Chinese-only form).
//   - ParseDOCX / DOCXText: Word and WPS .docx.
//   - ReadFDX: Final Draft .fdx (notes and dual dialogue kept).
//   - DecodeText: bytes → UTF-8 text (UTF-8 ± BOM, UTF-16 LE/BE ± BOM,
//     GB18030/GBK, Big5), shared with script/subtitle. DecodeTextLines
//     reads a file that mixes encodings line by line, with warnings.
//
// Errors from Parse name the file, say what to do, and match one of
// ErrTooLarge, ErrEmpty, ErrNotText, ErrEncoding, ErrCorrupt or
// ErrUnsupported with errors.Is, so callers can map them to exit codes and
// localise them. Text that has no episode or scene markers is not an error:
// it becomes episode 1.
package format
