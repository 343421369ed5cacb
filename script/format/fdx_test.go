package format

import (
	"reflect"
	"strings"
	"testing"
)

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

// fdxLines reads src and lists its lines as kind:speaker:voice:paren:text
// (with ^ for dual dialogue).
func fdxLines(t *testing.T, src string) []string {
	t.Helper()
	p, _, err := Import("script.fdx", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ep := range p.Episodes {
		for _, sc := range ep.Scenes {
			for _, l := range sc.Lines {
				s := string(l.Kind) + ":" + l.Speaker + ":" + l.Voice + ":" + l.Paren + ":" + l.Text
				if l.Dual {
					s += "^"
				}
				got = append(got, s)
			}
		}
	}
	return got
}

func fdxDoc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="4"><Content>
<Paragraph Type="Scene Heading"><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
` + body + `</Content></FinalDraft>`
}

// Issue: dialogue after an empty Dialogue paragraph became action.
func TestReadFDXEmptyDialogueParagraph(t *testing.T) {
	got := fdxLines(t, fdxDoc(`<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text></Text></Paragraph>
<Paragraph Type="Dialogue"><Text>It was always raining.</Text></Paragraph>
`))
	want := []string{"dialogue:MARA:::It was always raining."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Issue: centred text in several runs became a transition.
func TestReadFDXCentredRuns(t *testing.T) {
	got := fdxLines(t, fdxDoc(`<Paragraph Type="Action" Alignment="Center"><Text>THE </Text><Text Style="Bold">END</Text><Text>
FADE OUT</Text></Paragraph>
`))
	want := []string{"centered::::THE END", "centered::::FADE OUT"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Issue: notes and dual dialogue were dropped on import.
func TestReadFDXNotesAndDualDialogue(t *testing.T) {
	got := fdxLines(t, fdxDoc(`<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Run.</Text></Paragraph>
<Paragraph><DualDialogue>
<Paragraph Type="Character"><Text>JON</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Always.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Never.</Text></Paragraph>
</DualDialogue></Paragraph>
</Content><ScriptNotes><ScriptNote ID="1"><Paragraph><Text>Check the rain effect.</Text></Paragraph></ScriptNote></ScriptNotes><Content>
`))
	want := []string{"dialogue:MARA:::Run.", "dialogue:JON:::Always.", "dialogue:MARA:::Never.^", "note::::Check the rain effect."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The same in a Chinese script: nothing is lost either.
func TestReadFDXChineseNotesAndEmptyDialogue(t *testing.T) {
	got := fdxLines(t, `<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Version="5"><Content>
<Paragraph Type="New Act"><Text>第1集</Text></Paragraph>
<Paragraph Type="Scene Heading" Number="1-1"><Text>1-1 日 内 客厅</Text></Paragraph>
<Paragraph Type="Character"><Text>林晚</Text></Paragraph>
<Paragraph Type="Dialogue"><Text></Text></Paragraph>
<Paragraph Type="Dialogue"><Text>你怎么才来？</Text></Paragraph>
<Paragraph><DualDialogue>
<Paragraph Type="Character"><Text>顾总</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>路上堵车。</Text></Paragraph>
<Paragraph Type="Character"><Text>林母</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>别找借口。</Text></Paragraph>
</DualDialogue></Paragraph>
</Content><ScriptNotes><ScriptNote ID="1"><Paragraph><Text>这里要下雨。</Text></Paragraph></ScriptNote></ScriptNotes></FinalDraft>`)
	want := []string{"dialogue:林晚:::你怎么才来？", "dialogue:顾总:::路上堵车。", "dialogue:林母:::别找借口。", "note::::这里要下雨。"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzReadFDX(f *testing.F) {
	f.Add(fdxDoc(`<Paragraph Type="Character"><Text>A (O.S.) (CONT'D)</Text></Paragraph><Paragraph Type="Dialogue"><Text>x</Text></Paragraph>`))
	f.Add(fdxDoc(`<Paragraph><DualDialogue><Paragraph Type="Character"><Text>B</Text></Paragraph></DualDialogue></Paragraph>`))
	f.Add(`<FinalDraft><Content><Paragraph Type="New Act"><Text>第2集</Text></Paragraph><Paragraph Type="Dialogue"><Text></Text></Paragraph></Content><ScriptNotes><ScriptNote><Paragraph><Text>注</Text></Paragraph></ScriptNote></ScriptNotes></FinalDraft>`)
	f.Fuzz(func(t *testing.T, src string) {
		_, _, _ = Import("x.fdx", []byte(src))
	})
}
