// Package check is the pre-submission self-check: it reads a parsed project
// and reports every passage a reviewer would stop at, with the guidance it
// comes from and how to fix it.
//
// Rules are data (assets/rules/*.toml). A content rule is a set of terms
// found in one Aho-Corasick pass over normalised text, then kept only when
// its context holds: near-words in the same sentence, no cancelling
// allow-terms or critical framing, the right scope (title, synopsis,
// dialogue, action) and, for minors, a minor as the subject. Structural
// checks that text matching cannot do (tier, filing, duration, hooks,
// paywall, cast) are Go functions named by their rule, so their severity,
// messages and source still live in the data.
//
// Engine.Check checks a whole project; Engine.CheckEpisode re-checks one
// edited episode and Engine.Assemble adds the project-level findings, the
// tier and the waivers, so an editor can re-check as the writer types.
package check
