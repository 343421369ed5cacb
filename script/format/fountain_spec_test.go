package format

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duanju-studio/duanju/script"
)

// elements lists a project's scenes and lines compactly: "SC INT|HOUSE|DAY|#1"
// and "kind SPEAKER(paren): text" (^ marks dual dialogue).
func elements(p *script.Project) []string {
	var out []string
	for _, e := range p.Episodes {
		for _, sc := range e.Scenes {
			if sc.IntExt != "" || sc.Location != "" || sc.Number != "" {
				out = append(out, "SC "+sc.IntExt+"|"+sc.Location+"|"+sc.Time+"|#"+sc.Number)
			}
			for _, l := range sc.Lines {
				s := string(l.Kind)
				if l.Speaker != "" {
					s += " " + l.Speaker
					if l.Paren != "" {
						s += "(" + l.Paren + ")"
					}
					if l.Voice != "" {
						s += "[" + l.Voice + "]"
					}
					if l.Dual {
						s += "^"
					}
				}
				out = append(out, s+": "+strings.ReplaceAll(l.Text, "\n", "/"))
			}
		}
	}
	return out
}

// The reference parser's sample of each Fountain 1.1 element reads as the
// spec says (testdata/fountain-spec, from github.com/nyousefi/Fountain).
func TestFountainSpecSamples(t *testing.T) {
	want := map[string][]string{
		"Boneyard.fountain":     {"action: A line of action.", "boneyard: This is an inline Boneyard.", "boneyard: This is a/multi-line/Boneyard.", "action: This is an /* internal */ boneyard."},
		"CenteredText.fountain": {"centered: Centered", "transition: Not centered", "centered: No space", "centered: Lots of Space"},
		"Dialogue.fountain": {
			"dialogue ADAM: I like to write.", "dialogue EVE[OS]: What kind of writing?", "dialogue ADAM(nervous): Screenwriting.",
			"dialogue EVE: ME TOO!", "dialogue EVE: I think screenwriting is the best.",
			"dialogue ADAM: That's great./I was really worried you wouldn't/like screenwriting.",
			"dialogue EVE: Oh, Adam.", "dialogue EVE(kissing him): ", "dialogue ADAM: I love you.", "dialogue EVE^: You're so stupid.",
			"dialogue R2D2: Bleep Boop.", "dialogue R2D2(*This is a valid character cue.*): ",
			"action: 23 (O.S.)", "action: Character name must include a letter",
			"dialogue ADAM: That was really weird./I can be weird to. Here's/a space in the dialogue/block//for absolutely no good/reason.",
			"dialogue EVE(feeling cocky): Well, then I'll just indent!"},
		"DualDialogue.fountain":    {"dialogue ADAM: Yes.", "dialogue EVE^: No."},
		"MultilineAction.fountain": {"action: A normal line of action.", "action: This is a multi-line block of Action.", "action: Made famous by the great", "action: WALTER HILL", "action: but used by many other writers.", "action: A normal line of action."},
		"Notes.fountain":           {"action: A line.", "note: A note.", "note: This line spans/multiple lines.", "action: This is an [[internal]] note."},
		"PageBreaks.fountain":      {"action: Page one.", "pagebreak: ", "action: Page two.", "pagebreak: ", "action: Page three."},
		"SceneNumbers.fountain": {"SC INT|HOUSE|DAY|#1", "SC INT|HOUSE|DAY|#1A", "SC INT|HOUSE|DAY|#1a", "SC INT|HOUSE|DAY|#A1",
			"SC INT|HOUSE|DAY|#I-1-A", "SC INT|HOUSE|DAY|#1.", "SC INT|HOUSE - DAY|FLASHBACK (1944)|#110A"},
		"Synopses.fountain": {"section: Act One", "synopsis: This is the first act.", "section: Act Two", "synopsis: This is another act.", "section: Act Three", "synopsis: THE FINAL ACT"},
		"Transitions.fountain": {"transition: CUT TO:", "transition: SMASH CUT TO:", "action: FADE TO BLACK.", "transition: NOT A STANDARD TRANSITION:",
			"transition: CUT TO:", "transition: GO TO:", "transition: TO:"},
		"Indenting.fountain": {"transition: CUT TO:", "SC INT|GARAGE|DAY|#",
			"action: BRICK and STEEL get into Mom's PORSCHE, Steel at the wheel.  They pause for a beat, the gravity of the situation catching up with them.",
			"dialogue BRICK: This is everybody we've ever put away.", "dialogue STEEL(starting the engine): So much for retirement!", "action: They speed off.  To destiny!"},
	}
	// Scene headings: every form the spec allows (I./E. included), and
	// ". not a scene header" stays action.
	wantHeadings := []string{"SC INT|HOUSE|DAY|#", "SC EXT|HOUSE|DAY|#", "SC INT|HOUSE DAY||#", "SC EXT|HOUSE DAY||#",
		"SC INT/EXT|HOUSE|DAY|#", "SC INT/EXT|HOUSE|DAY|#", "SC INT/EXT|HOUSE|DAY|#", "SC INT/EXT|HOUSE|DAY|#", "SC INT/EXT|HOUSE DAY||#",
		"SC INT|HOUSE|DAY|#", "SC EXT|HOUSE|DAY|#", "SC EST|HOUSE|DAY|#", "SC EST|HOUSE DAY||#", "SC INT|HOUSE|DAY (1979)|#",
		"SC |KITCHEN||#", "action: ... not a scene header."}
	for name, w := range want {
		t.Run(name, func(t *testing.T) {
			got := specElements(t, name)
			if strings.Join(got, "\n") != strings.Join(w, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
			}
		})
	}
	got := specElements(t, "SceneHeaders.fountain")
	if len(got) < len(wantHeadings) || strings.Join(got[:len(wantHeadings)], "\n") != strings.Join(wantHeadings, "\n") {
		t.Errorf("SceneHeaders: got\n%s", strings.Join(got, "\n"))
	}
}

func specElements(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fountain-spec", name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseFountain(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return elements(p)
}

// The issue's two cases: a lowercase extension (the spec's own "HANS (on
// the radio)") is a character, and a heading right after a multi-line
// boneyard is a heading.
func TestFountainLowercaseExtensionAndHeadingAfterBoneyard(t *testing.T) {
	src := "INT. HOUSE - DAY\n\n/*\nThis is a\nmulti-line\nBoneyard.\n*/\nEXT. GARDEN - NIGHT\n\nHANS (on the radio)\nWhat was it you said?\n\nMOM (O. S.)\nLuke!\n"
	p, err := ParseFountain(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"SC INT|HOUSE|DAY|#", "boneyard: This is a/multi-line/Boneyard.", "SC EXT|GARDEN|NIGHT|#",
		"dialogue HANS(on the radio): What was it you said?", "dialogue MOM[OS]: Luke!"}
	if got := elements(p); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// And it survives a round trip through the writer.
	back, err := ParseFountain(WriteFountain(p))
	if err != nil {
		t.Fatal(err)
	}
	if got := elements(back); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("round trip\n%s", strings.Join(got, "\n"))
	}
}
