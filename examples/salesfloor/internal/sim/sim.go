// Package sim keeps a demo floor alive: every few seconds it records a plausible sale or a quiz
// completion for a random rep, through the same floor.Service the API uses, so the leaderboard and
// TV display move without anyone clicking.
package sim

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/demo"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
)

// DefaultInterval is the time between simulated events when Config.Interval is zero.
const DefaultInterval = 4 * time.Second

// Config configures a simulator. Floor is required.
type Config struct {
	Floor *floor.Service
	// Interval between events; 0 → DefaultInterval.
	Interval time.Duration
	// QuizShare is the fraction of events that are quiz completions rather than sales, in [0, 1];
	// 0 → 0.3.
	QuizShare float64
	// Rand: nil → seeded from the clock.
	Rand *rand.Rand
	// Logger: nil → slog.Default().
	Logger *slog.Logger
}

// Simulator generates floor activity.
type Simulator struct {
	cfg Config
}

// New returns a simulator for cfg.
func New(cfg Config) *Simulator {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.QuizShare <= 0 || cfg.QuizShare > 1 {
		cfg.QuizShare = 0.3
	}
	if cfg.Rand == nil {
		now := uint64(time.Now().UnixNano())
		cfg.Rand = rand.New(rand.NewPCG(now, now>>17))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Simulator{cfg: cfg}
}

// Run generates one event per interval until ctx is done. A failed event is logged and the next
// one goes ahead: the demo keeps going.
func (s *Simulator) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.Step(ctx); err != nil && ctx.Err() == nil {
				s.cfg.Logger.WarnContext(ctx, "simulator step failed", "err", err)
			}
		}
	}
}

// Step generates one event: a sale or a quiz completion.
func (s *Simulator) Step(ctx context.Context) error {
	board, err := s.cfg.Floor.Leaderboard(ctx)
	if err != nil || len(board.Rows) == 0 {
		return err
	}
	// Lower-ranked reps are a little more likely to act, which keeps the top of the board contested.
	weights := make([]int, len(board.Rows))
	total := 0
	for i, r := range board.Rows {
		weights[i] = len(board.Rows) + r.Rank
		total += weights[i]
	}
	n := s.cfg.Rand.IntN(total)
	pickIdx := 0
	for i, w := range weights {
		if n < w {
			pickIdx = i
			break
		}
		n -= w
	}
	rep := board.Rows[pickIdx]
	if s.cfg.Rand.Float64() < s.cfg.QuizShare {
		return s.quiz(ctx, rep.UserID, rep.UserName)
	}
	return s.sale(ctx, rep.UserID, rep.UserName)
}

func (s *Simulator) sale(ctx context.Context, userID int64, name string) error {
	r := s.cfg.Rand
	in := floor.NewSale{
		UserID:      userID,
		AmountCents: demo.DealCents(r, 1),
		Customer:    demo.Customers[r.IntN(len(demo.Customers))],
		Product:     demo.Products[r.IntN(len(demo.Products))],
	}
	out, err := s.cfg.Floor.RecordSale(ctx, in)
	if err == nil {
		s.cfg.Logger.DebugContext(ctx, "simulated sale", "user", name, "cents", in.AmountCents, "rank", out.NewRank)
	}
	return err
}

func (s *Simulator) quiz(ctx context.Context, userID int64, name string) error {
	r := s.cfg.Rand
	quizzes := s.cfg.Floor.Catalogue().Quizzes()
	q := quizzes[r.IntN(len(quizzes))]
	answers := make([]int, len(q.Questions))
	for i, question := range q.Questions {
		answers[i] = question.Answer
		if r.Float64() > 0.8 { // a good rep gets four in five right
			answers[i] = (question.Answer + 1 + r.IntN(len(question.Options)-1)) % len(question.Options)
		}
	}
	out, err := s.cfg.Floor.CompleteQuiz(ctx, userID, q.ID, answers)
	if err == nil {
		s.cfg.Logger.DebugContext(ctx, "simulated quiz", "user", name, "quiz", q.ID, "score", out.Result.Score)
	}
	return err
}
