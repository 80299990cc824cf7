package live

import "time"

// RankingUpdate is one user's position on the leaderboard after a change (the seed's RankingUpdate).
// PreviousRank is 0 for a user who was not ranked before; Value is in dollars, the sum of Deals
// sales.
type RankingUpdate struct {
	UserID       int64     `json:"userId"`
	UserName     string    `json:"userName"`
	PreviousRank int       `json:"previousRank"`
	NewRank      int       `json:"newRank"`
	Metric       string    `json:"metric"`
	Value        float64   `json:"value"`
	Deals        int       `json:"deals"`
	Timestamp    time.Time `json:"timestamp"`
}

// Moved reports whether the user's rank changed (and so whether the user is told personally).
func (u RankingUpdate) Moved() bool { return u.PreviousRank != u.NewRank }

// Sale is a recorded sale as shown to others. Amount is in dollars.
type Sale struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"userId"`
	UserName  string    `json:"userName"`
	TeamID    int64     `json:"teamId"`
	TeamName  string    `json:"teamName"`
	Amount    float64   `json:"amount"`
	Customer  string    `json:"customer"`
	Product   string    `json:"product"`
	Timestamp time.Time `json:"timestamp"`
}

// LeaderboardRow is one ranked user. Value is the metric in dollars; Deals the number of sales.
type LeaderboardRow struct {
	Rank      int     `json:"rank"`
	UserID    int64   `json:"userId"`
	UserName  string  `json:"userName"`
	TeamID    int64   `json:"teamId"`
	TeamName  string  `json:"teamName"`
	TeamColor string  `json:"teamColor"`
	Value     float64 `json:"value"`
	Deals     int     `json:"deals"`
}

// Leaderboard is the whole ranking for a metric and period (e.g. "yearlyRevenue", "2026").
type Leaderboard struct {
	Metric    string           `json:"metric"`
	Period    string           `json:"period"`
	Rows      []LeaderboardRow `json:"rows"`
	UpdatedAt time.Time        `json:"updatedAt"`
}

// RankingsChange is everything a recorded sale changed on the leaderboard: the sale, one update per
// user whose rank moved plus the seller (whose value changed even when the rank held), in new-rank
// order, the new top of the board for TV displays, and how many users are ranked now.
type RankingsChange struct {
	Sale    Sale             `json:"sale"`
	Updates []RankingUpdate  `json:"updates"`
	Top     []LeaderboardRow `json:"top"`
	Ranked  int              `json:"ranked"`
}

// AchievementEvent is an earned achievement (the seed's AchievementEvent). AchievementType is one of
// "rank", "milestone", "streak", "contest"; Icon may be empty.
type AchievementEvent struct {
	UserID          int64     `json:"userId"`
	UserName        string    `json:"userName"`
	AchievementType string    `json:"achievementType"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	Icon            string    `json:"icon,omitempty"`
	Timestamp       time.Time `json:"timestamp"`
}

// Achievement is an AchievementEvent with how widely it is shown. ID names the kind of achievement
// ("rank:1", "streak:7"); Rarity is "common", "rare", "epic" or "legendary"; Public (rare or better)
// means everyone sees it celebrated, not only its owner; XPReward is the XP that came with it (0:
// none).
type Achievement struct {
	ID       string           `json:"id"`
	Event    AchievementEvent `json:"event"`
	Rarity   string           `json:"rarity"`
	Public   bool             `json:"public"`
	XPReward int              `json:"xpReward,omitempty"`
}

// ContestEntry is a new entry in a contest with the entrant's standing after it.
type ContestEntry struct {
	ContestID   int64     `json:"contestId"`
	ContestName string    `json:"contestName"`
	EntryID     int64     `json:"entryId"`
	UserID      int64     `json:"userId"`
	UserName    string    `json:"userName"`
	Points      int       `json:"points"`
	Note        string    `json:"note"`
	Total       int       `json:"total"`
	Rank        int       `json:"rank"`
	Timestamp   time.Time `json:"timestamp"`
}

// ContestRankUpdate is an entrant whose contest rank moved because of entry EntryID; PreviousRank is
// 0 for a first entry.
type ContestRankUpdate struct {
	ContestID    int64     `json:"contestId"`
	EntryID      int64     `json:"entryId"`
	UserID       int64     `json:"userId"`
	UserName     string    `json:"userName"`
	PreviousRank int       `json:"previousRank"`
	NewRank      int       `json:"newRank"`
	Total        int       `json:"total"`
	Timestamp    time.Time `json:"timestamp"`
}

// TeamGoal reports a team's yearly revenue goal met. Goal and Total are in dollars.
type TeamGoal struct {
	TeamID    int64     `json:"teamId"`
	TeamName  string    `json:"teamName"`
	Goal      float64   `json:"goal"`
	Total     float64   `json:"total"`
	Timestamp time.Time `json:"timestamp"`
}

// XPGainEvent is XP earned (the seed's XPGainEvent); NewTotal is the user's total after it.
type XPGainEvent struct {
	UserID    int64     `json:"userId"`
	UserName  string    `json:"userName"`
	Amount    int       `json:"amount"`
	Source    string    `json:"source"`
	NewTotal  int       `json:"newTotal"`
	Timestamp time.Time `json:"timestamp"`
}

// LevelRewards are what a level-up unlocks; nil slices mean none.
type LevelRewards struct {
	Badges  []string `json:"badges,omitempty"`
	Unlocks []string `json:"unlocks,omitempty"`
}

// LevelUpEvent is a level boundary crossed (the seed's LevelUpEvent); Rewards is nil when the levels
// passed carry none.
type LevelUpEvent struct {
	UserID        int64         `json:"userId"`
	UserName      string        `json:"userName"`
	PreviousLevel int           `json:"previousLevel"`
	NewLevel      int           `json:"newLevel"`
	TotalXP       int           `json:"totalXP"`
	Rewards       *LevelRewards `json:"rewards,omitempty"`
	Timestamp     time.Time     `json:"timestamp"`
}

// StreakUpdate is a user's daily streak after a counted check-in. NextMilestone is 0 past the last
// milestone; Broken says an earlier streak ended before this check-in started a new one.
type StreakUpdate struct {
	UserID        int64     `json:"userId"`
	UserName      string    `json:"userName"`
	Days          int       `json:"days"`
	Longest       int       `json:"longest"`
	NextMilestone int       `json:"nextMilestone"`
	Broken        bool      `json:"broken"`
	Timestamp     time.Time `json:"timestamp"`
}

// StreakMilestone is a streak reaching a milestone length, with the XP bonus it awarded.
type StreakMilestone struct {
	UserID    int64     `json:"userId"`
	UserName  string    `json:"userName"`
	Days      int       `json:"days"`
	BonusXP   int       `json:"bonusXP"`
	Timestamp time.Time `json:"timestamp"`
}

// QuizResult is a completed quiz. Score is a percentage; XPEarned the XP it awarded.
type QuizResult struct {
	UserID    int64     `json:"userId"`
	UserName  string    `json:"userName"`
	QuizID    string    `json:"quizId"`
	QuizTitle string    `json:"quizTitle"`
	ModuleID  string    `json:"moduleId"`
	Score     int       `json:"score"`
	Correct   int       `json:"correct"`
	Total     int       `json:"total"`
	Passed    bool      `json:"passed"`
	XPEarned  int       `json:"xpEarned"`
	Timestamp time.Time `json:"timestamp"`
}

// ModuleProgress is a user's progress through a course module: quizzes passed out of its total, and
// Percent of the way through it. LessonID names the quiz being worked on when the progress was
// reported mid-quiz (its part counts towards Percent); "" otherwise.
type ModuleProgress struct {
	UserID      int64     `json:"userId"`
	ModuleID    string    `json:"moduleId"`
	ModuleTitle string    `json:"moduleTitle"`
	LessonID    string    `json:"lessonId,omitempty"`
	Completed   int       `json:"completed"`
	Total       int       `json:"total"`
	Percent     int       `json:"percent"`
	Timestamp   time.Time `json:"timestamp"`
}

// RoleplayMetadata is the coach's assessment of the rep's last message. Score is 0–100; Done means the
// scenario is over.
type RoleplayMetadata struct {
	Score      int      `json:"score"`
	Feedback   string   `json:"feedback"`
	Techniques []string `json:"techniques,omitempty"`
	Done       bool     `json:"done,omitempty"`
}

// RoleplayResponse is the coach's roleplay answer (the seed's {message, metadata: {score, feedback}}).
// MessageID lets a client that also got the answer over HTTP show it once.
type RoleplayResponse struct {
	SessionID string           `json:"sessionId"`
	MessageID int64            `json:"messageId"`
	Message   string           `json:"message"`
	Metadata  RoleplayMetadata `json:"metadata"`
	Timestamp time.Time        `json:"timestamp"`
}

// FieldMessage is one message of a field chat. Author is "user" or "susan"; ReplyTo is, on an
// answer just given, the id of the question it answers (0 otherwise); Suggestions are follow-up
// questions the client may offer as one-tap replies.
type FieldMessage struct {
	ID          int64     `json:"id"`
	UserID      int64     `json:"userId"`
	Author      string    `json:"author"`
	ReplyTo     int64     `json:"replyTo,omitempty"`
	Message     string    `json:"message"`
	Suggestions []string  `json:"suggestions,omitempty"`
	Timestamp   time.Time `json:"timestamp"`
}

// Notice is a notification for everyone. Level is "info", "success" or "warning".
type Notice struct {
	Title     string    `json:"title"`
	Message   string    `json:"message"`
	Level     string    `json:"level"`
	Timestamp time.Time `json:"timestamp"`
}

// UserNotification is a message kept in one user's inbox. Level is "info", "success" or "warning";
// Link is an in-app path to open, or ""; Read says the user has read it.
type UserNotification struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"userId"`
	Level     string    `json:"level"`
	Title     string    `json:"title"`
	Message   string    `json:"message"`
	Link      string    `json:"link,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	Read      bool      `json:"read"`
}

// UnreadCount is how many notifications a user has not read.
type UnreadCount struct {
	UserID int64 `json:"userId"`
	Count  int   `json:"count"`
}
