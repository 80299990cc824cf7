package floor

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// Inbox limits.
const (
	// InboxLength is how many notifications an inbox shows.
	InboxLength = 30
	// MaxMarkRead is how many notifications one request may mark read.
	MaxMarkRead = 100
)

// Inbox is a user's latest notifications, newest first, and how many of all of theirs are unread.
type Inbox struct {
	Unread int                     `json:"unread"`
	Items  []live.UserNotification `json:"items"`
}

// Notifications is a user's inbox.
func (s *Service) Notifications(ctx context.Context, userID int64) (Inbox, error) {
	in := Inbox{Items: []live.UserNotification{}}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.User(userID); err != nil {
			return err
		}
		list, err := tx.Notifications(userID, InboxLength)
		if err != nil {
			return err
		}
		for _, n := range list {
			in.Items = append(in.Items, s.userNotification(n))
		}
		in.Unread, err = tx.UnreadNotifications(userID)
		return err
	})
	return in, err
}

// MarkNotificationsRead marks some of a user's notifications read (ids of others' are ignored),
// tells the user's screens the new unread count if it changed, and returns it.
func (s *Service) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64) (int, error) {
	if len(ids) == 0 || len(ids) > MaxMarkRead {
		return 0, invalid("ids", "must list 1 to %d notifications", MaxMarkRead)
	}
	if slices.ContainsFunc(ids, func(id int64) bool { return id <= 0 }) {
		return 0, invalid("ids", "notification ids are positive")
	}
	var unread int
	var changed int64
	err := s.store.Write(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.User(userID); err != nil {
			return err
		}
		if changed, err = tx.MarkNotificationsRead(userID, ids, s.clock()); err != nil {
			return err
		}
		unread, err = tx.UnreadNotifications(userID)
		return err
	})
	if err != nil {
		return 0, err
	}
	if changed > 0 {
		s.live.UnreadChanged(ctx, live.UnreadCount{UserID: userID, Count: unread})
	}
	return unread, nil
}

func (s *Service) userNotification(n store.Notification) live.UserNotification {
	return live.UserNotification{
		ID: n.ID, UserID: n.UserID, Level: n.Level, Title: n.Title, Message: n.Message, Link: n.Link,
		CreatedAt: n.CreatedAt.In(s.loc), Read: !n.ReadAt.IsZero(),
	}
}

// outbox collects the notifications written in a transaction, with their users' unread counts,
// to deliver once it has committed.
type outbox struct {
	sent   []live.UserNotification
	unread []live.UnreadCount
}

// add writes a notification to a user's inbox.
func (o *outbox) add(tx *store.Tx, userID int64, level, title, message, link string, now time.Time) error {
	n := store.Notification{UserID: userID, Level: level, Title: title, Message: message, Link: link, CreatedAt: now}
	id, err := tx.InsertNotification(n)
	if err != nil {
		return err
	}
	o.sent = append(o.sent, live.UserNotification{ID: id, UserID: userID, Level: level, Title: title, Message: message, Link: link, CreatedAt: now})
	return nil
}

// count reads, inside the transaction, the unread counts of the users notified.
func (o *outbox) count(tx *store.Tx) error {
	o.unread = o.unread[:0]
	for _, n := range o.sent {
		if slices.ContainsFunc(o.unread, func(u live.UnreadCount) bool { return u.UserID == n.UserID }) {
			continue
		}
		c, err := tx.UnreadNotifications(n.UserID)
		if err != nil {
			return err
		}
		o.unread = append(o.unread, live.UnreadCount{UserID: n.UserID, Count: c})
	}
	return nil
}

// deliver sends what the outbox holds.
func (s *Service) deliver(ctx context.Context, o *outbox) {
	for _, n := range o.sent {
		s.live.UserNotified(ctx, n)
	}
	for _, u := range o.unread {
		s.live.UnreadChanged(ctx, u)
	}
}

// saleRecordedFor tells a seller that someone else recorded a sale of theirs.
func (o *outbox) saleRecordedFor(tx *store.Tx, recorder store.User, sale live.Sale, cents int64, now time.Time) error {
	return o.add(tx, sale.UserID, NoticeSuccess, recorder.Name+" logged a sale for you",
		fmt.Sprintf("%s with %s (%s).", rules.ShortMoney(cents), sale.Customer, sale.Product), "/", now)
}

// passed tells a user that the seller passed them; gap is what would win their place back.
func (o *outbox) passed(tx *store.Tx, userID int64, seller string, rank int, gapCents int64, now time.Time) error {
	return o.add(tx, userID, NoticeWarning, seller+" passed you",
		fmt.Sprintf("You're now #%d on the leaderboard; %s wins your place back.", rank, rules.ShortMoney(gapCents)), "/", now)
}

// teamGoal tells every member of a team that it met its yearly goal.
func (o *outbox) teamGoal(tx *store.Tx, g live.TeamGoal, now time.Time) error {
	members, err := tx.TeamMembers(g.TeamID)
	if err != nil {
		return err
	}
	for _, m := range members {
		err := o.add(tx, m.ID, NoticeSuccess, fmt.Sprintf("%s reached its %d goal", g.TeamName, now.Year()),
			fmt.Sprintf("%s closed against a goal of %s. Well done, team!", rules.ShortMoney(cents(g.Total)), rules.ShortMoney(cents(g.Goal))), "/", now)
		if err != nil {
			return err
		}
	}
	return nil
}

// contestEntryFor tells an entrant that someone else added a contest entry for them.
func (o *outbox) contestEntryFor(tx *store.Tx, by store.User, e live.ContestEntry, now time.Time) error {
	return o.add(tx, e.UserID, NoticeInfo, fmt.Sprintf("+%d points in %s", e.Points, e.ContestName),
		fmt.Sprintf("%s added an entry for you: %s. You're #%d.", by.Name, e.Note, e.Rank), "/", now)
}

// cents converts a payload's dollars back to cents.
func cents(dollars float64) int64 { return int64(dollars*100 + 0.5) }
