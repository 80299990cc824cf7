package floor

import (
	"context"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// xpAward is XP granted inside a transaction, with the level-up it caused, to notify after commit.
type xpAward struct {
	gain    live.XPGainEvent
	levelUp *live.LevelUpEvent
}

// awardXP adds XP to a user and works out the level-up.
func awardXP(tx *store.Tx, user store.User, amount int, source string, now time.Time) (xpAward, error) {
	before, after, err := tx.AddXP(user.ID, amount)
	if err != nil {
		return xpAward{}, err
	}
	a := xpAward{gain: live.XPGainEvent{UserID: user.ID, UserName: user.Name, Amount: amount, Source: source, NewTotal: after, Timestamp: now}}
	if up, ok := rules.LevelUpFor(before, after); ok {
		ev := live.LevelUpEvent{UserID: user.ID, UserName: user.Name, PreviousLevel: up.PreviousLevel, NewLevel: up.NewLevel, TotalXP: after, Timestamp: now}
		if !up.Rewards.Empty() {
			ev.Rewards = &live.LevelRewards{Badges: up.Rewards.Badges, Unlocks: up.Rewards.Unlocks}
		}
		a.levelUp = &ev
	}
	return a, nil
}

// notifyXP sends an award's notifications.
func (s *Service) notifyXP(ctx context.Context, a xpAward) {
	s.live.XPGained(ctx, a.gain)
	if a.levelUp != nil {
		s.live.LevelUp(ctx, *a.levelUp)
	}
}
