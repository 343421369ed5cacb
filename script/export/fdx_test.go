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
	back, err := ReadFDX(bytes.NewReader(buf.Bytes()))
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
	back, err := ReadFDX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Meta.Title != p.Meta.Title {
		t.Errorf("title %q, want %q", back.Meta.Title, p.Meta.Title)
	}
	compareKeys(t, episodeKeys(back), episodeKeys(p))
}

func TestReadFDXFromFinalDraft(t *testing.T) {
	// The shape Final Draft writes: styled runs, dual dialogue, scene numbers.
	src := `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="4">
<Content>
<Paragraph Number="1" Type="Scene Heading"><SceneProperties Length="1"/><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rain on the </Text><Text Style="Bold">window</Text><Text>.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARA (V.O.)</Text></Paragraph>
<Paragraph Type="Parenthetical"><Text>(quietly)</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>It was always raining.</Text></Paragraph>
<Paragraph><DualDialogue>
<Paragraph Type="Character"><Text>JON</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Always.</Text></Paragraph>
</DualDialogue></Paragraph>
<Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
</Content>
<TitlePage><Content><Paragraph Alignment="Center" Type="Title"><Text>RAIN</Text></Paragraph></Content></TitlePage>
</FinalDraft>`
	p, err := ReadFDX(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title != "RAIN" || len(p.Episodes) != 1 || len(p.Episodes[0].Scenes) == 0 {
		t.Fatalf("got %+v, %d episodes", p.Meta, len(p.Episodes))
	}
	var got []string
	for _, sc := range p.Episodes[0].Scenes {
		for _, l := range sc.Lines {
			got = append(got, string(l.Kind)+":"+l.Speaker+":"+l.Voice+":"+l.Paren+":"+l.Text)
		}
	}
	want := []string{"action::::Rain on the window.", "dialogue:MARA:VO:quietly:It was always raining.", "dialogue:JON:::Always.", "transition::::CUT TO:"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestReadFDXErrors(t *testing.T) {
	for _, src := range []string{"", "<html></html>", "<FinalDraft><Content>", "not xml"} {
		if _, err := ReadFDX(strings.NewReader(src)); err == nil {
			t.Errorf("ReadFDX(%q) = nil error", src)
		}
	}
}

func FuzzReadFDX(f *testing.F) {
	var buf bytes.Buffer
	p, _ := format.ParseChinese("第1集\n1-1 日 内 客厅\n△门开了。\n林晚：（冷笑）你也配？\n【卡点】顾总到。\n")
	_ = FDX(p, &buf, Options{})
	f.Add(buf.String())
	f.Add(`<FinalDraft><Content><Paragraph Type="Character"><Text>A (O.S.) (CONT'D)</Text></Paragraph><Paragraph Type="Dialogue"><Text>x</Text></Paragraph></Content></FinalDraft>`)
	f.Add(`<FinalDraft><Content><Paragraph Type="New Act"><Text>EPISODE 2: X</Text></Paragraph><Paragraph Type="Scene Heading" Number="3"><Text>EXT. A</Text></Paragraph></Content></FinalDraft>`)
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = ReadFDX(strings.NewReader(src))
	})
}
