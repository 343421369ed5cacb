package export

import (
	"context"
	"strings"
	"time"

	"github.com/duanju-studio/duanju/script"
)

// Options select what a writer emits. The zero value exports every episode
// with the project's own settings.
type Options struct {
	// Episodes limits the export to these episode numbers (nil: all).
	Episodes []int
	// Watermark overrides the project's Settings.Watermark; NoWatermark
	// turns it off.
	Watermark string
	// AILabel overrides the project's Settings.LabelAIContent when not nil.
	AILabel *bool
	// Progress, if set, is called after each episode with done and total.
	Progress func(done, total int)
	// Now stamps documents (zero: time.Now); tests fix it for golden files.
	Now time.Time
	// Version is the app version written into document metadata.
	Version string
}

// NoWatermark in Options.Watermark disables the project's watermark.
const NoWatermark = "-"

// AILabelText is the explicit label for AI-generated content
// (《人工智能生成合成内容标识办法》, GB 45438-2025).
const AILabelText = "本文含人工智能生成内容"

// AILabelTextEN is the label of English (screenplay) documents.
const AILabelTextEN = "Contains AI-generated content"

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (o Options) version() string {
	if o.Version == "" {
		return script.Version
	}
	return o.Version
}

// watermark is the text to stamp on every page ("" for none).
func (o Options) watermark(p *script.Project) string {
	switch o.Watermark {
	case NoWatermark:
		return ""
	case "":
		return p.Settings.Watermark
	}
	return o.Watermark
}

// labelAI reports whether the document must carry the AI-content label:
// the project has AI-written text and the setting (or option) asks for it.
func (o Options) labelAI(p *script.Project) bool {
	want := p.Settings.LabelAIContent
	if o.AILabel != nil {
		want = *o.AILabel
	}
	return want && HasAIText(p)
}

// HasAIText reports whether the project contains AI-written text: an
// AI-made series, or provenance records of accepted AI text.
func HasAIText(p *script.Project) bool {
	return p.Meta.AIMade || len(p.Provenance) > 0
}

// episodes returns the episodes selected by o, in project order.
func (o Options) episodes(p *script.Project) []*script.Episode {
	if len(o.Episodes) == 0 {
		return p.Episodes
	}
	want := make(map[int]bool, len(o.Episodes))
	for _, n := range o.Episodes {
		want[n] = true
	}
	var out []*script.Episode
	for _, e := range p.Episodes {
		if want[e.Number] {
			out = append(out, e)
		}
	}
	return out
}

// step reports done of total and checks for cancellation.
func (o Options) step(ctx context.Context, done, total int) error {
	if o.Progress != nil {
		o.Progress(done, total)
	}
	return ctx.Err()
}

// isEnglish reports whether the project is a Fountain/English script that
// gets the screenplay layout.
func isEnglish(p *script.Project) bool {
	l := strings.ToLower(p.Meta.Language)
	switch {
	case strings.HasPrefix(l, "zh"), strings.HasPrefix(l, "ja"), strings.HasPrefix(l, "ko"):
		return false
	case l != "":
		return true
	}
	return p.SourceStyle == script.StyleFountain
}
