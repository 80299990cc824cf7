package floor

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// TopRows is how many leaderboard rows TV displays get with each update.
const TopRows = 10

// NewSale is a sale to record. AmountCents must be positive and at most MaxSaleCents. RecordedBy is
// who records it for the seller (a manager, who the seller is told about); 0 means the seller.
type NewSale struct {
	UserID      int64
	AmountCents int64
	Customer    string
	Product     string
	RecordedBy  int64
}

// SaleOutcome is what recording a sale changed. PreviousRank is 0 if the seller was unranked.
type SaleOutcome struct {
	Sale         live.Sale            `json:"sale"`
	PreviousRank int                  `json:"previousRank"`
	NewRank      int                  `json:"newRank"`
	Updates      []live.RankingUpdate `json:"updates"`
	Achievements []live.Achievement   `json:"achievements"`
	TeamGoal     *live.TeamGoal       `json:"teamGoal,omitempty"`
	Contests     []live.ContestEntry  `json:"contests"`
}

// RecordSale records a sale closed now, recomputes the year's rankings and reports every rank that
// moved, the achievements earned (taking #1, revenue milestones, a contest lead), the team goal if
// this sale met it, and the entries it earned in running contests.
func (s *Service) RecordSale(ctx context.Context, in NewSale) (SaleOutcome, error) {
	customer, err := text("customer", in.Customer, 1, MaxNameLength)
	if err != nil {
		return SaleOutcome{}, err
	}
	product, err := text("product", in.Product, 1, MaxNameLength)
	if err != nil {
		return SaleOutcome{}, err
	}
	if in.AmountCents <= 0 || in.AmountCents > MaxSaleCents {
		return SaleOutcome{}, invalid("amount", "must be between $0.01 and %s", rules.ShortMoney(MaxSaleCents))
	}

	now := s.clock()
	from, to := yearBounds(now)
	var out SaleOutcome
	var contestUpdates [][]live.ContestRankUpdate
	var top []live.LeaderboardRow
	var ranked int
	var inbox outbox
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		user, err := tx.User(in.UserID)
		if err != nil {
			return err
		}
		if !user.Role.Sells() {
			return fmt.Errorf("%w: %s is a %s", ErrNotSeller, user.Name, user.Role)
		}
		before, err := tx.Standings(from, to)
		if err != nil {
			return err
		}
		var teamBefore int64
		var team store.Team
		if user.TeamID != 0 {
			if team, err = tx.Team(user.TeamID); err != nil {
				return err
			}
			if teamBefore, err = tx.TeamRevenue(team.ID, from, to); err != nil {
				return err
			}
		}
		saleID, err := tx.InsertSale(user.ID, in.AmountCents, customer, product, now)
		if err != nil {
			return err
		}
		out.Sale = live.Sale{
			ID: saleID, UserID: user.ID, UserName: user.Name, TeamID: user.TeamID, TeamName: user.TeamName,
			Amount: dollars(in.AmountCents), Customer: customer, Product: product, Timestamp: now,
		}
		after, err := tx.Standings(from, to)
		if err != nil {
			return err
		}
		board := leaderboard(after, now)
		top, ranked = board.Rows[:min(TopRows, len(board.Rows))], len(board.Rows)
		var passed []rules.RankChange
		var sellerValue int64
		for _, c := range rules.RankChanges(rankOf(before), rankOf(after), user.ID) {
			out.Updates = append(out.Updates, live.RankingUpdate{
				UserID: c.UserID, UserName: c.UserName, PreviousRank: c.PreviousRank, NewRank: c.Rank,
				Metric: rules.MetricYearlyRevenue, Value: dollars(c.Value), Deals: c.Count, Timestamp: now,
			})
			if c.UserID != user.ID {
				if c.PreviousRank > 0 && c.Rank > c.PreviousRank {
					passed = append(passed, c)
				}
				continue
			}
			sellerValue = c.Value
			out.PreviousRank, out.NewRank = c.PreviousRank, c.Rank
			earned := rules.MilestonesCrossed(c.Value-in.AmountCents, c.Value)
			var list []rules.Achievement
			if rules.TookTheLead(c) {
				list = append(list, rules.TopPerformer())
			}
			for _, m := range earned {
				list = append(list, rules.RevenueMilestone(m))
			}
			for _, a := range list {
				// Taking #1 is celebrated every time; milestones only once.
				if a.Type == rules.AchievementRank {
					if _, err := tx.InsertAchievement(user.ID, a, now); err != nil {
						return err
					}
				} else if ok, err := grant(tx, user.ID, a, now); err != nil {
					return err
				} else if !ok {
					continue
				}
				out.Achievements = append(out.Achievements, achievementEvent(user, a, now))
			}
		}
		if team.ID != 0 && rules.GoalCrossed(team.GoalCents, teamBefore, teamBefore+in.AmountCents) {
			first, err := tx.MarkTeamGoalReached(team.ID, now.Year(), now)
			if err != nil {
				return err
			}
			if first {
				out.TeamGoal = &live.TeamGoal{TeamID: team.ID, TeamName: team.Name, Goal: dollars(team.GoalCents), Total: dollars(teamBefore + in.AmountCents), Timestamp: now}
			}
		}
		for _, c := range passed {
			if err := inbox.passed(tx, c.UserID, user.Name, c.Rank, sellerValue-c.Value+1, now); err != nil {
				return err
			}
		}
		if in.RecordedBy != 0 && in.RecordedBy != user.ID {
			recorder, err := tx.User(in.RecordedBy)
			if err != nil {
				return err
			}
			if err := inbox.saleRecordedFor(tx, recorder, out.Sale, in.AmountCents, now); err != nil {
				return err
			}
		}
		if out.TeamGoal != nil {
			if err := inbox.teamGoal(tx, *out.TeamGoal, now); err != nil {
				return err
			}
		}
		contests, err := tx.ActiveContests(now)
		if err != nil {
			return err
		}
		for _, c := range contests {
			points := int(in.AmountCents/100_000) * c.PointsPerThousand
			if points <= 0 {
				continue
			}
			entry, updates, achievement, err := addEntry(tx, c, user, saleID, points, "Closed "+rules.ShortMoney(in.AmountCents)+" with "+customer, now)
			if err != nil {
				return err
			}
			out.Contests = append(out.Contests, entry)
			contestUpdates = append(contestUpdates, updates)
			if achievement != nil {
				out.Achievements = append(out.Achievements, *achievement)
			}
		}
		return inbox.count(tx)
	})
	if err != nil {
		return SaleOutcome{}, err
	}

	s.live.RankingsChanged(ctx, live.RankingsChange{Sale: out.Sale, Updates: out.Updates, Top: top, Ranked: ranked})
	for i, e := range out.Contests {
		s.live.ContestEntryAdded(ctx, e)
		if len(contestUpdates[i]) > 0 {
			s.live.ContestRanksChanged(ctx, contestUpdates[i])
		}
	}
	for _, a := range out.Achievements {
		s.live.AchievementEarned(ctx, a)
	}
	if out.TeamGoal != nil {
		s.live.TeamGoalReached(ctx, *out.TeamGoal)
	}
	s.deliver(ctx, &inbox)
	return out, nil
}

// VoidSale deletes a sale recorded by mistake, with the contest entries it earned, and sends every
// client the corrected leaderboard. Achievements already earned stay.
func (s *Service) VoidSale(ctx context.Context, saleID int64) (live.Leaderboard, error) {
	now := s.clock()
	from, to := yearBounds(now)
	var board live.Leaderboard
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSale(saleID); err != nil {
			return err
		}
		st, err := tx.Standings(from, to)
		board = leaderboard(st, now)
		return err
	})
	if err != nil {
		return live.Leaderboard{}, err
	}
	s.live.LeaderboardRefreshed(ctx, board)
	return board, nil
}

// Leaderboard is this year's revenue ranking of everyone who sells.
func (s *Service) Leaderboard(ctx context.Context) (live.Leaderboard, error) {
	now := s.clock()
	from, to := yearBounds(now)
	var board live.Leaderboard
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		st, err := tx.Standings(from, to)
		board = leaderboard(st, now)
		return err
	})
	return board, err
}

// Online reports which of the users have a live connection, for presence dots; a presence error is
// logged and reads as nobody online, since presence is decoration.
func (s *Service) Online(ctx context.Context, userIDs []int64) map[int64]bool {
	out := make(map[int64]bool, len(userIDs))
	for _, id := range userIDs {
		ok, err := s.presence.IsUserConnected(ctx, id)
		if err != nil {
			s.log.WarnContext(ctx, "presence lookup failed", "user", id, "err", err)
			return map[int64]bool{}
		}
		if ok {
			out[id] = true
		}
	}
	return out
}

// ConnectedClients is the number of live leaderboard connections; errors read as 0.
func (s *Service) ConnectedClients(ctx context.Context) int {
	n, err := s.presence.ConnectedClientsCount(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "presence count failed", "err", err)
		return 0
	}
	return n
}

// RecentSales lists the latest sales, newest first; limit is clamped to 1–100.
func (s *Service) RecentSales(ctx context.Context, limit int) ([]live.Sale, error) {
	var out []live.Sale
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		sales, err := tx.RecentSales(min(max(limit, 1), 100))
		for _, sl := range sales {
			out = append(out, live.Sale{
				ID: sl.ID, UserID: sl.UserID, UserName: sl.UserName, TeamID: sl.TeamID, TeamName: sl.TeamName,
				Amount: dollars(sl.AmountCents), Customer: sl.Customer, Product: sl.Product, Timestamp: sl.ClosedAt.In(s.loc),
			})
		}
		return err
	})
	return out, err
}

func rankOf(st []store.Standing) []rules.Ranked {
	plain := make([]rules.Standing, len(st))
	for i, x := range st {
		plain[i] = x.Standing
	}
	return rules.Rank(plain)
}

func leaderboard(st []store.Standing, now time.Time) live.Leaderboard {
	teams := make(map[int64]store.Standing, len(st))
	for _, x := range st {
		teams[x.UserID] = x
	}
	b := live.Leaderboard{Metric: rules.MetricYearlyRevenue, Period: strconv.Itoa(now.Year()), UpdatedAt: now, Rows: []live.LeaderboardRow{}}
	for _, r := range rankOf(st) {
		t := teams[r.UserID]
		b.Rows = append(b.Rows, live.LeaderboardRow{
			Rank: r.Rank, UserID: r.UserID, UserName: r.UserName, TeamID: t.TeamID, TeamName: t.TeamName,
			TeamColor: t.TeamColor, Value: dollars(r.Value), Deals: r.Count,
		})
	}
	return b
}
