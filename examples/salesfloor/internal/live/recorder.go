package live

import (
	"context"
	"sync"
)

// Call is one recorded Notifier call: the method name and its payload. Typing indicators are recorded
// as a Typing payload; RankingsChange, Achievement and the other payloads as passed.
type Call struct {
	Method  string
	Payload any
}

// Typing is the payload recorded for RoleplayTyping (SessionID set) and FieldTyping (UserID set).
type Typing struct {
	SessionID string
	UserID    int64
	IsTyping  bool
}

// Recorder keeps every notification in order, for tests. It is also a Presence that reports the
// users marked with SetConnected. The zero value is ready to use and safe for concurrent use.
type Recorder struct {
	mu        sync.Mutex
	calls     []Call
	connected map[int64]bool
}

var (
	_ Notifier = (*Recorder)(nil)
	_ Presence = (*Recorder)(nil)
)

func (r *Recorder) add(method string, payload any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, Call{Method: method, Payload: payload})
}

// Calls returns a copy of the calls so far.
func (r *Recorder) Calls() []Call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Call(nil), r.calls...)
}

// Reset forgets the calls so far.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = nil
}

// Recorded returns the payloads of type T recorded so far, in call order.
func Recorded[T any](r *Recorder) []T {
	var out []T
	for _, c := range r.Calls() {
		if p, ok := c.Payload.(T); ok {
			out = append(out, p)
		}
	}
	return out
}

// SetConnected marks a user as connected or not for IsUserConnected and ConnectedClientsCount.
func (r *Recorder) SetConnected(userID int64, connected bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.connected == nil {
		r.connected = map[int64]bool{}
	}
	if connected {
		r.connected[userID] = true
	} else {
		delete(r.connected, userID)
	}
}

// IsUserConnected reports whether the user was marked connected.
func (r *Recorder) IsUserConnected(_ context.Context, userID int64) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.connected[userID], nil
}

// ConnectedClientsCount is the number of users marked connected.
func (r *Recorder) ConnectedClientsCount(context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.connected), nil
}

func (r *Recorder) RankingsChanged(_ context.Context, c RankingsChange) { r.add("RankingsChanged", c) }
func (r *Recorder) LeaderboardRefreshed(_ context.Context, b Leaderboard) {
	r.add("LeaderboardRefreshed", b)
}
func (r *Recorder) AchievementEarned(_ context.Context, a Achievement) { r.add("AchievementEarned", a) }
func (r *Recorder) ContestEntryAdded(_ context.Context, e ContestEntry) {
	r.add("ContestEntryAdded", e)
}
func (r *Recorder) ContestRanksChanged(_ context.Context, c []ContestRankUpdate) {
	r.add("ContestRanksChanged", c)
}
func (r *Recorder) TeamGoalReached(_ context.Context, g TeamGoal) { r.add("TeamGoalReached", g) }
func (r *Recorder) XPGained(_ context.Context, e XPGainEvent)     { r.add("XPGained", e) }
func (r *Recorder) LevelUp(_ context.Context, e LevelUpEvent)     { r.add("LevelUp", e) }
func (r *Recorder) StreakUpdated(_ context.Context, s StreakUpdate) {
	r.add("StreakUpdated", s)
}
func (r *Recorder) StreakMilestoneReached(_ context.Context, m StreakMilestone) {
	r.add("StreakMilestoneReached", m)
}
func (r *Recorder) QuizCompleted(_ context.Context, q QuizResult) { r.add("QuizCompleted", q) }
func (r *Recorder) ProgressUpdated(_ context.Context, p ModuleProgress) {
	r.add("ProgressUpdated", p)
}
func (r *Recorder) RoleplayTyping(_ context.Context, sessionID string, isTyping bool) {
	r.add("RoleplayTyping", Typing{SessionID: sessionID, IsTyping: isTyping})
}
func (r *Recorder) RoleplayReply(_ context.Context, _ string, resp RoleplayResponse) {
	r.add("RoleplayReply", resp)
}
func (r *Recorder) FieldTyping(_ context.Context, userID int64, isTyping bool) {
	r.add("FieldTyping", Typing{UserID: userID, IsTyping: isTyping})
}
func (r *Recorder) FieldReply(_ context.Context, _ int64, m FieldMessage) { r.add("FieldReply", m) }
func (r *Recorder) GlobalNotice(_ context.Context, n Notice)              { r.add("GlobalNotice", n) }
func (r *Recorder) UserNotified(_ context.Context, n UserNotification) {
	r.add("UserNotified", n)
}
func (r *Recorder) UnreadChanged(_ context.Context, u UnreadCount) { r.add("UnreadChanged", u) }

// Methods returns the method names called so far, in order.
func (r *Recorder) Methods() []string {
	var out []string
	for _, c := range r.Calls() {
		out = append(out, c.Method)
	}
	return out
}
