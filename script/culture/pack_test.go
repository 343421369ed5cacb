package culture

import (
	"bytes"
	"strings"
	"testing"
)

const packCSV = "\ufeffid,type,name,aliases,english,regions,tags,context,description,sensitivity,source,author\n" +
	"guifang,food,桂芳烩面,老王烩面;~王记,Guifang's Huimian,开封,面食;家传,,朱仙镇老街上的烩面馆,,采风 2026-10,周叙\n" +
	",landmark,林家班戏台,,Lin Troupe Stage,410200,,,百年戏台,,,\n"

func TestReadPackCSV(t *testing.T) {
	d := builtinT(t)
	p, err := ReadPack("郑州工作室.csv", strings.NewReader(packCSV), d)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "郑州工作室" || len(p.Elements) != 2 {
		t.Fatalf("pack %+v", p)
	}
	e := p.Elements[0]
	if e.ID != "studio:郑州工作室:guifang" || e.Pack != "郑州工作室" || e.Author != "周叙" || e.Regions[0] != "410200" ||
		len(e.Aliases) != 1 || len(e.Weak) != 1 || e.Sources[0] != "采风 2026-10" || e.ICH != nil {
		t.Errorf("element %+v", e)
	}
	if p.Elements[1].ID != "studio:郑州工作室:林家班戏台" || p.Elements[1].Sources[0] != "内部资料/采风" {
		t.Errorf("defaults %+v", p.Elements[1])
	}
	nd, err := d.WithPacks(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(nd.Elements) != len(d.Elements)+2 || nd.Element(e.ID) == nil || d.Element(e.ID) != nil {
		t.Error("pack not layered apart from the built-in data")
	}
	hits := nd.Matcher().Find("她在老王烩面吃了一碗。", nil)
	if len(hits) != 1 || hits[0].Element.ID != e.ID {
		t.Errorf("pack alias not matched: %+v", hits)
	}
	if _, err := d.WithPacks(p, p); err == nil {
		t.Error("duplicate pack ids accepted")
	}
}

func TestPackRoundTrip(t *testing.T) {
	d := builtinT(t)
	p, err := ReadPack("s.csv", strings.NewReader(packCSV), d)
	if err != nil {
		t.Fatal(err)
	}
	p.Author = "工作室"
	var js, cs bytes.Buffer
	if err := p.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := p.WriteCSV(&cs); err != nil {
		t.Fatal(err)
	}
	pj, err := ReadPack("s.json", &js, d)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := ReadPack("s.csv", &cs, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []*Pack{pj, pc} {
		if len(q.Elements) != 2 || q.Elements[0].ID != p.Elements[0].ID || q.Elements[0].Author != "周叙" ||
			len(q.Elements[0].Weak) != 1 || q.Elements[0].English != "Guifang's Huimian" {
			t.Errorf("round trip: %+v", q.Elements[0])
		}
	}
}

func TestReadPackErrors(t *testing.T) {
	d := builtinT(t)
	for name, data := range map[string]string{
		"a.csv":  "type,english\nfood,x\n",
		"b.csv":  "name,type\n烩面,dish\n",
		"c.csv":  "name,regions\n烩面,火星\n",
		"d.json": "{not json",
		"e.txt":  "name\n烩面\n",
		"f.csv":  "name\n\"unterminated\n",
	} {
		if _, err := ReadPack(name, strings.NewReader(data), d); err == nil {
			t.Errorf("%s: want error", name)
		}
	}
}

func FuzzReadPackCSV(f *testing.F) {
	f.Add(packCSV)
	f.Add("name\n烩面\n")
	d := MustBuiltin()
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadPack("f.csv", strings.NewReader(s), d)
		if err == nil {
			for _, e := range p.Elements {
				if !strings.HasPrefix(e.ID, "studio:") || e.Name == "" {
					t.Fatalf("bad element %+v", e)
				}
			}
		}
	})
}
