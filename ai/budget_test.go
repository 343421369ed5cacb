package ai

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duanju-studio/duanju/script"
)

func TestEstimateTokens(t *testing.T) {
	if n := EstimateTokens("你好世界"); n != 3 { // 4 × 0.6 = 2.4 → 3
		t.Fatal(n)
	}
	if n := EstimateTokens("hello world"); n != 4 { // 11 × 0.3 = 3.3 → 4
		t.Fatal(n)
	}
}

func TestTrim(t *testing.T) {
	s := strings.Repeat("林晚推开门。\n", 500)
	for _, max := range []int{1, 10, 100, 1000} {
		head := TrimTokens(s, max)
		tail := TrimTokensTail(s, max)
		if !utf8.ValidString(head) || !utf8.ValidString(tail) {
			t.Fatal("cut inside a character")
		}
		if EstimateTokens(head) > max+3 || EstimateTokens(tail) > max+3 {
			t.Fatalf("max %d: head %d tail %d", max, EstimateTokens(head), EstimateTokens(tail))
		}
		if !strings.HasSuffix(head, "…") || !strings.HasPrefix(tail, "…") {
			t.Fatal("cut not marked")
		}
	}
	if TrimTokens("短", 10) != "短" {
		t.Fatal("short text changed")
	}
}

func FuzzTrim(f *testing.F) {
	f.Add("林晚：（冷笑）你也配？\n△门开了。", 3)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max > 1<<16 || max < -10 {
			return
		}
		a, b := TrimTokens(s, max), TrimTokensTail(s, max)
		if utf8.ValidString(s) && (!utf8.ValidString(a) || !utf8.ValidString(b)) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
	})
}

// BenchmarkBuildRequest100Episodes: the prompt for episode 100 of a
// 100-episode series (summaries, cast, glossary) within a 32k context.
func BenchmarkBuildRequest100Episodes(b *testing.B) {
	p := &script.Project{Meta: script.Meta{Title: "归乡", Logline: "退婚女回乡"}}
	for i := range 30 {
		p.Characters = append(p.Characters, script.Character{Name: fmt.Sprintf("角色%d", i), Bio: strings.Repeat("性格倔强，", 20)})
		p.Glossary = append(p.Glossary, script.GlossaryEntry{Term: fmt.Sprintf("术语%d", i)})
	}
	body := strings.Repeat("角色1：（冷笑）你还有脸回来？\n△门开了。\n", 60)
	for n := 1; n <= 100; n++ {
		p.Episodes = append(p.Episodes, &script.Episode{Number: n, Body: body})
		StoreSummary(p, n, strings.Repeat("林晚回到开封老宅。", 12))
	}
	cfg := Config{Provider: ProviderQwen, Model: "m", Key: "k"}
	for b.Loop() {
		if _, err := BuildRequest(TaskContinue, Input{Project: p, Episode: 100, Start: len(body), End: len(body)}, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
