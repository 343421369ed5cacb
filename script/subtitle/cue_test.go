package subtitle

import (
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

func TestTrackProjectRoundTrip(t *testing.T) {
	in := sample()
	in.Cues[1].Source = &script.Span{Line: 5, Start: 10, End: 40}
	in.Cues[1].Status = StatusChecked
	st, err := in.ToProject("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.Data, `"start_ms":2000`) || !strings.Contains(st.Data, `"end_ms":5250`) {
		t.Errorf("times not in ms: %s", st.Data)
	}
	p := &script.Project{}
	PutTrack(p, st)
	PutTrack(p, st) // replaces, does not duplicate
	if len(p.Tracks) != 1 {
		t.Fatalf("%d tracks", len(p.Tracks))
	}
	out, err := FromProject(p.Tracks[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range in.Cues {
		o := out.Cues[i]
		if o.Start != c.Start || o.End != c.End || o.Text() != c.Text() || o.TranslationText() != c.TranslationText() || o.Speaker != c.Speaker || o.Position != c.Position || o.Status != c.Status {
			t.Errorf("cue %d: %+v, want %+v", i, o, c)
		}
	}
	if out.Cues[1].Source == nil || *out.Cues[1].Source != *in.Cues[1].Source {
		t.Error("source span lost")
	}
	if _, err := FromProject(script.SubtitleTrack{Name: "x", Data: "{"}); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged track: %v", err)
	}
}

func TestJoinLinesNoSpacesInCJK(t *testing.T) {
	cases := map[string][]string{
		"三年了，你终于回来了。":         {"三年了，", "你终于回来了。"},
		"I waited all night.": {"I waited", "all night."},
		"林秋禾说OK吗":             {"林秋禾说", "OK吗"},
		"“好。”你呢":              {"“好。”", "你呢"},
	}
	for want, lines := range cases {
		if got := JoinLines(lines); got != want {
			t.Errorf("JoinLines(%q) = %q, want %q", lines, got, want)
		}
	}
}
