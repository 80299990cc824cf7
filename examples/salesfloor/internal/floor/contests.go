package floor

import (
	"context"
	"fmt"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// ContestView is a contest with its standings and latest entries. Rank and totals are points.
type ContestView struct {
	ID                int64               `json:"id"`
	Name              string              `json:"name"`
	Description       string              `json:"description"`
	StartsAt          time.Time           `json:"startsAt"`
	EndsAt            time.Time           `json:"endsAt"`
	Active            bool                `json:"active"`
	PointsPerThousand int                 `json:"pointsPerThousand"`
	Standings         []ContestStanding   `json:"standings"`
	Recent            []live.ContestEntry `json:"recent"`
}

// ContestStanding is an entrant's position in a contest.
type ContestStanding struct {
	Rank     int    `json:"rank"`
	UserID   int64  `json:"userId"`
	UserName string `json:"userName"`
	Points   int    `json:"points"`
	Entries  int    `json:"entries"`
}

// Contests lists running and upcoming contests first, then finished ones, each with its standings
// and its latest entries.
func (s *Service) Contests(ctx context.Context) ([]ContestView, error) {
	now := s.clock()
	var out []ContestView
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		contests, err := tx.Contests(now)
		if err != nil {
			return err
		}
		for _, c := range contests {
			v, err := contestView(tx, c, now, s.loc)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// Contest is one contest with its standings.
func (s *Service) Contest(ctx context.Context, id int64) (ContestView, error) {
	now := s.clock()
	var v ContestView
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		c, err := tx.Contest(id)
		if err != nil {
			return err
		}
		v, err = contestView(tx, c, now, s.loc)
		return err
	})
	return v, err
}

func contestView(tx *store.Tx, c store.Contest, now time.Time, loc *time.Location) (ContestView, error) {
	v := ContestView{
		ID: c.ID, Name: c.Name, Description: c.Description, StartsAt: c.StartsAt.In(loc), EndsAt: c.EndsAt.In(loc),
		Active: c.Active(now), PointsPerThousand: c.PointsPerThousand,
		Standings: []ContestStanding{}, Recent: []live.ContestEntry{},
	}
	st, err := tx.ContestStandings(c.ID)
	if err != nil {
		return v, err
	}
	ranked := rules.Rank(st)
	rank := make(map[int64]rules.Ranked, len(ranked))
	for _, r := range ranked {
		rank[r.UserID] = r
		v.Standings = append(v.Standings, ContestStanding{Rank: r.Rank, UserID: r.UserID, UserName: r.UserName, Points: int(r.Value), Entries: r.Count})
	}
	recent, err := tx.RecentContestEntries(c.ID, 8)
	for _, e := range recent {
		v.Recent = append(v.Recent, live.ContestEntry{
			ContestID: c.ID, ContestName: c.Name, EntryID: e.ID, UserID: e.UserID, UserName: e.UserName,
			Points: e.Points, Note: e.Note, Total: int(rank[e.UserID].Value), Rank: rank[e.UserID].Rank, Timestamp: e.CreatedAt.In(loc),
		})
	}
	return v, err
}

// NewEntry is a contest entry added by hand (a referral, a booked demo). Points must be 1–1000.
// AddedBy is who adds it for the entrant (a manager, who the entrant is told about); 0 means the
// entrant.
type NewEntry struct {
	ContestID int64
	UserID    int64
	Points    int
	Note      string
	AddedBy   int64
}

// EntryOutcome is an added entry, the entrants whose rank it moved, and the lead achievement if it
// put the entrant at #1 for the first time.
type EntryOutcome struct {
	Entry       live.ContestEntry        `json:"entry"`
	Updates     []live.ContestRankUpdate `json:"updates"`
	Achievement *live.Achievement        `json:"achievement,omitempty"`
}

// AddContestEntry records an entry in a running contest.
func (s *Service) AddContestEntry(ctx context.Context, in NewEntry) (EntryOutcome, error) {
	note, err := text("note", in.Note, 1, MaxNoteLength)
	if err != nil {
		return EntryOutcome{}, err
	}
	if in.Points < 1 || in.Points > MaxEntryPoints {
		return EntryOutcome{}, invalid("points", "must be between 1 and %d", MaxEntryPoints)
	}
	now := s.clock()
	var out EntryOutcome
	var inbox outbox
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		c, err := tx.Contest(in.ContestID)
		if err != nil {
			return err
		}
		if !c.Active(now) {
			return conflict(fmt.Sprintf("contest %q is not running", c.Name))
		}
		user, err := tx.User(in.UserID)
		if err != nil {
			return err
		}
		if !user.Role.Sells() {
			return fmt.Errorf("%w: %s is a %s", ErrNotSeller, user.Name, user.Role)
		}
		out.Entry, out.Updates, out.Achievement, err = addEntry(tx, c, user, 0, in.Points, note, now)
		if err != nil || in.AddedBy == 0 || in.AddedBy == user.ID {
			return err
		}
		by, err := tx.User(in.AddedBy)
		if err != nil {
			return err
		}
		if err := inbox.contestEntryFor(tx, by, out.Entry, now); err != nil {
			return err
		}
		return inbox.count(tx)
	})
	if err != nil {
		return EntryOutcome{}, err
	}
	s.live.ContestEntryAdded(ctx, out.Entry)
	if len(out.Updates) > 0 {
		s.live.ContestRanksChanged(ctx, out.Updates)
	}
	if out.Achievement != nil {
		s.live.AchievementEarned(ctx, *out.Achievement)
	}
	s.deliver(ctx, &inbox)
	return out, nil
}

// addEntry inserts an entry and works out its consequences inside tx: the entrant's new standing,
// every entrant whose rank moved, and the lead achievement (once per contest).
func addEntry(tx *store.Tx, c store.Contest, user store.User, saleID int64, points int, note string, now time.Time) (live.ContestEntry, []live.ContestRankUpdate, *live.Achievement, error) {
	before, err := tx.ContestStandings(c.ID)
	if err != nil {
		return live.ContestEntry{}, nil, nil, err
	}
	entryID, err := tx.InsertContestEntry(c.ID, user.ID, saleID, points, note, now)
	if err != nil {
		return live.ContestEntry{}, nil, nil, err
	}
	after, err := tx.ContestStandings(c.ID)
	if err != nil {
		return live.ContestEntry{}, nil, nil, err
	}
	entry := live.ContestEntry{ContestID: c.ID, ContestName: c.Name, EntryID: entryID, UserID: user.ID, UserName: user.Name, Points: points, Note: note, Timestamp: now}
	var updates []live.ContestRankUpdate
	var achievement *live.Achievement
	for _, ch := range rules.RankChanges(rules.Rank(before), rules.Rank(after), user.ID) {
		if ch.UserID == user.ID {
			entry.Total, entry.Rank = int(ch.Value), ch.Rank
			if rules.TookTheLead(ch) {
				a := rules.ContestLeader(c.ID, c.Name)
				ok, err := grant(tx, user.ID, a, now)
				if err != nil {
					return entry, nil, nil, err
				}
				if ok {
					ev := achievementEvent(user, a, now)
					achievement = &ev
				}
			}
		}
		if ch.Moved() {
			updates = append(updates, live.ContestRankUpdate{ContestID: c.ID, EntryID: entryID, UserID: ch.UserID, UserName: ch.UserName, PreviousRank: ch.PreviousRank, NewRank: ch.Rank, Total: int(ch.Value), Timestamp: now})
		}
	}
	return entry, updates, achievement, nil
}
