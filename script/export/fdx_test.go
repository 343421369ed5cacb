package export

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script"
	"github.com/duanju-studio/duanju/script/format"
)

// episodeKeys lists, per episode, what must survive a round trip: the
// heading, each scene's heading and cast, and each line's fields.
func episodeKeys(p *script.Project) [][]string {
	var out [][]string
	for _, e := range p.Episodes {
		ks := []string{format.EpisodeHeading(e)}
		for _, sc := range e.Scenes {
			// The heading as written may be a variant; its fields must survive.
			ks = append(ks, "H:"+strings.Join([]string{sc.Number, sc.Time, sc.IntExt, sc.Location}, "|")+"|"+strings.Join(sc.Cast, "、"))
			for _, l := range sc.Lines {
				ks = append(ks, strings.Join([]string{string(l.Kind), l.Speaker, l.Paren, l.Voice, l.Text, string(l.Marker), l.Cue}, "|"))
			}
		}
		out = append(out, ks)
	}
	return out
}

func compareKeys(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("episodes: got %d, want %d", len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			if j >= len(got[i]) {
				t.Fatalf("episode %d: element %d missing: %s", i+1, j, want[i][j])
			}
			if got[i][j] != want[i][j] {
				t.Fatalf("episode %d element %d:\n got %s\nwant %s", i+1, j, got[i][j], want[i][j])
			}
		}
		if len(got[i]) > len(want[i]) {
			t.Fatalf("episode %d: extra elements %q", i+1, got[i][len(want[i]):])
		}
	}
}

func TestFDXRoundTripChinese(t *testing.T) {
	p := demo(t)
	var buf bytes.Buffer
	if err := FDX(p, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	keepFile(t, "demo.fdx", buf.Bytes())
	back, err := format.ReadFDX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Title != p.Meta.Title || !reflect.DeepEqual(back.Meta.Writers, p.Meta.Writers) || back.Meta.Producer != p.Meta.Producer {
		t.Errorf("meta: got %q %q %q, want %q %q %q", back.Meta.Title, back.Meta.Writers, back.Meta.Producer, p.Meta.Title, p.Meta.Writers, p.Meta.Producer)
	}
	compareKeys(t, episodeKeys(back), episodeKeys(p))
}

func TestFDXRoundTripFountain(t *testing.T) {
	p, err := format.ParseFountain(assets.DemoFountain())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := FDX(p, &buf, Options{}); err != nil {
		t.Fatal(err)
	}
	back, err := format.ReadFDX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Title != p.Meta.Title {
		t.Errorf("title %q, want %q", back.Meta.Title, p.Meta.Title)
	}
	compareKeys(t, episodeKeys(back), episodeKeys(p))
}

func FuzzReadFDX(f *testing.F) {
	var buf bytes.Buffer
	p, _ := format.ParseChinese("第1集\n1-1 日 内 客厅\n△门开了。\n林晚：（冷笑）你也配？\n【卡点】顾总到。\n")
	_ = FDX(p, &buf, Options{})
	f.Add(buf.String())
	f.Add(`<FinalDraft><Content><Paragraph Type="Character"><Text>A (O.S.) (CONT'D)</Text></Paragraph><Paragraph Type="Dialogue"><Text>x</Text></Paragraph></Content></FinalDraft>`)
	f.Add(`<FinalDraft><Content><Paragraph Type="New Act"><Text>EPISODE 2: X</Text></Paragraph><Paragraph Type="Scene Heading" Number="3"><Text>EXT. A</Text></Paragraph></Content></FinalDraft>`)
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = format.ReadFDX(strings.NewReader(src))
	})
}
