package check

import (
	"strconv"
	"strings"

	"github.com/duanju-studio/duanju/script"
)

// checkSceneNumbers flags "E-S" scene numbers whose episode part E is not
// the episode they stand in: text pasted from another episode, or an
// episode inserted or moved outside the app.
func checkSceneNumbers(e *Engine, cx *projectCtx, r *Rule, ep *script.Episode) []Finding {
	var out []Finding
	for _, sc := range ep.Scenes {
		dash := strings.IndexByte(sc.Number, '-')
		if dash <= 0 {
			continue
		}
		n, err := strconv.Atoi(sc.Number[:dash])
		if err != nil || n == ep.Number {
			continue
		}
		head := firstLine(spanText(ep.Body, sc.Span))
		span := script.Span{Line: sc.Span.Line, Start: sc.Span.Start, End: sc.Span.Start + len(head)}
		vars := map[string]string{"scene": sc.Number, "episode": strconv.Itoa(ep.Number), "other": strconv.Itoa(n)}
		out = append(out, e.episodeFinding(cx, r, ep, vars, span, sc.Number, head))
	}
	return out
}
