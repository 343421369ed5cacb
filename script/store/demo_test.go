package store_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/duanju-studio/duanju/assets"
	"github.com/duanju-studio/duanju/script/format"
	"github.com/duanju-studio/duanju/script/store"
)

// The demo series, parsed, stored, loaded and parsed again, is the same
// project: the store keeps everything the parser derives Scenes from.
func TestDemoRoundTripThroughParser(t *testing.T) {
	for _, tc := range []struct {
		name, text string
	}{
		{"chinese.txt", assets.DemoScript()},
		{"demo.fountain", assets.DemoFountain()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := format.Parse(tc.name, []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Episodes) == 0 {
				t.Fatal("demo has no episodes")
			}
			path := filepath.Join(t.TempDir(), "demo.duanju")
			s, err := store.Create(path, want)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			s, err = store.OpenReadOnly(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			for _, ep := range got.Episodes {
				format.ParseEpisode(got, ep)
			}
			wj, _ := json.Marshal(want)
			gj, _ := json.Marshal(got)
			if string(wj) != string(gj) {
				t.Fatalf("demo differs after the round trip (%d vs %d bytes of JSON)", len(wj), len(gj))
			}
		})
	}
}
