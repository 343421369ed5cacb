package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkRoomNotifyLatency: one client saves an episode, another hears of
// it through LISTEN/NOTIFY; ns/op is the time from the save's start to the
// notification (target ≤ 1 s).
func BenchmarkRoomNotifyLatency(b *testing.B) {
	pgOnly(b)
	url := tempProject(b)
	p := series(2, 300)
	w, err := Create(url, p)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	r, err := Open(url)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	heard := make(chan Change, 64)
	ready := make(chan struct{})
	go r.Listen(ctx, func(c Change) {
		if c.Table == "episode" {
			heard <- c
		}
	}, ready)
	<-ready
	ep := p.Episodes[0]
	base := ep.Body
	i := 0
	for b.Loop() {
		i++
		ep.Body = base + fmt.Sprint(i)
		if err := w.SaveEpisode(ep); err != nil {
			b.Fatal(err)
		}
		select {
		case <-heard:
		case <-time.After(10 * time.Second):
			b.Fatal("no notification")
		}
	}
}

// TestRoomSoak: 8 writers, each on their own episode, save once a second
// for DUANJU_ROOM_SOAK (default 5s; the run is 60s). Every save must
// be acknowledged and on the server at the end (no lost edit), and the run
// must finish (no deadlock: bounded by a watchdog).
func TestRoomSoak(t *testing.T) {
	pgOnly(t)
	dur := 5 * time.Second
	if v := os.Getenv("DUANJU_ROOM_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("DUANJU_ROOM_SOAK: %v", err)
		}
		dur = d
	}
	const writers = 8
	url := tempProject(t)
	p := series(writers, 800)
	admin := mustCreate(t, url, p)
	for i := range writers {
		login := fmt.Sprintf("soak%d", i)
		if err := admin.AddMember(login, "", RoleWriter); err != nil {
			t.Fatal(err)
		}
		if err := admin.Assign(p.Episodes[i].ID, login); err != nil {
			t.Fatal(err)
		}
	}
	r := &room{url: url}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	saves := make([]int, writers)
	want := make([]string, writers)
	var worst [writers]time.Duration
	for i := range writers {
		s := r.open(t, fmt.Sprintf("soak%d", i))
		wg.Add(1)
		go func(i int, s *Store) {
			defer wg.Done()
			pp, err := s.Load()
			if err != nil {
				errs <- err
				return
			}
			ep := *pp.Episodes[i]
			if _, err := s.TakeLease(ep.ID, false); err != nil {
				errs <- err
				return
			}
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			end := time.Now().Add(dur)
			for n := 0; time.Now().Before(end); n++ {
				ep.Body += fmt.Sprintf("第%d集 第%d次保存。\n", i+1, n)
				start := time.Now()
				if err := s.SaveEpisode(&ep); err != nil {
					errs <- fmt.Errorf("writer %d save %d: %w", i, n, err)
					return
				}
				worst[i] = max(worst[i], time.Since(start))
				saves[i]++
				if n%10 == 9 {
					s.TakeLease(ep.ID, false) // heartbeat
				}
				<-tick.C
			}
			want[i] = ep.Body
		}(i, s)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(dur + 60*time.Second):
		t.Fatal("writers did not finish: deadlock?")
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got := mustLoad(t, admin)
	total := 0
	for i := range writers {
		total += saves[i]
		if got.Episodes[i].Body != want[i] {
			t.Fatalf("writer %d: an edit was lost (%d saves)", i, saves[i])
		}
		if strings.Count(got.Episodes[i].Body, "次保存") != saves[i] {
			t.Fatalf("writer %d: %d saves acknowledged, %d on the server", i, saves[i], strings.Count(got.Episodes[i].Body, "次保存"))
		}
	}
	slowest := time.Duration(0)
	for _, w := range worst {
		slowest = max(slowest, w)
	}
	t.Logf("soak: %d writers × %v: %d saves, none lost; slowest save %v", writers, dur, total, slowest)
}
