package script

import "testing"

func TestVertical(t *testing.T) {
	for _, tc := range []struct {
		platforms []string
		style     Style
		want      bool
	}{
		{nil, "", true},
		{[]string{"抖音", "微信视频号"}, "", true},
		{[]string{"红果短剧"}, StyleFountain, true},
		{[]string{"ReelShort"}, "", true},
		{[]string{"爱奇艺", "优酷"}, "", false},
		{nil, StyleFountain, false},
	} {
		p := &Project{Meta: Meta{Platforms: tc.platforms}, SourceStyle: tc.style}
		if got := p.Vertical(); got != tc.want {
			t.Errorf("%v %q: %v", tc.platforms, tc.style, got)
		}
	}
}
