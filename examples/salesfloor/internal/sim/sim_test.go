package sim

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/demo"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

func setup(t *testing.T) (*floor.Service, *live.Recorder) {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	if _, err := demo.Seed(context.Background(), st, now, 1000); err != nil {
		t.Fatal(err)
	}
	rec := &live.Recorder{}
	return floor.New(floor.Config{Store: st, Notifier: rec, Now: func() time.Time { return now }, Location: time.UTC}), rec
}

func TestStepsRecordSalesAndQuizzes(t *testing.T) {
	f, rec := setup(t)
	s := New(Config{Floor: f, Rand: rand.New(rand.NewPCG(1, 2))})
	before, _ := f.Leaderboard(context.Background())
	for range 40 {
		if err := s.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	sales := len(live.Recorded[live.RankingsChange](rec))
	quizzes := len(live.Recorded[live.QuizResult](rec))
	if sales+quizzes != 40 || sales < 15 || quizzes < 4 {
		t.Fatalf("%d sales and %d quizzes out of 40 steps", sales, quizzes)
	}
	after, _ := f.Leaderboard(context.Background())
	var sum0, sum1 float64
	for i := range before.Rows {
		sum0 += before.Rows[i].Value
		sum1 += after.Rows[i].Value
	}
	if sum1 <= sum0 {
		t.Fatal("simulated sales did not reach the leaderboard")
	}
}

func TestRunStopsWithContext(t *testing.T) {
	f, rec := setup(t)
	s := New(Config{Floor: f, Interval: 5 * time.Millisecond, Rand: rand.New(rand.NewPCG(3, 4))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for len(rec.Calls()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if len(rec.Calls()) == 0 {
		t.Fatal("no activity generated")
	}
}
