package pack

import (
	"context"
	"testing"
)

func TestRealCheckerRuns(t *testing.T) {
	p := demo(t)
	rep, err := runCheck(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.JSON) == 0 || len(rep.HTML) == 0 || rep.Tier.Name == "" {
		t.Fatalf("report %+v", rep)
	}
	cl := BuildChecklist(p, rep.Tier, rep)
	for _, it := range cl.Items {
		if it.ID == "self-check" && (rep.HTML == nil) != (it.State == StateMissing) {
			t.Errorf("self-check item %+v with HTML %v", it, rep.HTML != nil)
		}
	}
}
