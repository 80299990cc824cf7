// Package coach is the sales floor's conversational coach: a buyer to practise objection handling
// against in roleplay, and Susan, the field assistant. Coach is the seam where a language model can
// be plugged in; Rules is a deterministic, rule-based implementation that needs nothing external.
package coach

import (
	"context"
	"errors"
)

var (
	// ErrEmptyMessage reports a message with nothing but white space.
	ErrEmptyMessage = errors.New("message is empty")
	// ErrMessageTooLong reports a message over MaxMessageLength.
	ErrMessageTooLong = errors.New("message is too long")
)

// MaxMessageLength is the longest message, in bytes, the coach accepts.
const MaxMessageLength = 2000

// Coach answers roleplay turns and field questions. Implementations must be safe for concurrent use
// and honour ctx cancellation if they do slow work.
type Coach interface {
	// Roleplay answers the rep's message in a roleplay scenario, in character, with an assessment.
	Roleplay(ctx context.Context, t Turn) (Reply, error)
	// Field answers a rep's question from the field.
	Field(ctx context.Context, q Question) (Answer, error)
}

// Speaker says who a roleplay reply speaks as.
type Speaker string

const (
	// SpeakerBuyer is the prospect the rep is practising with.
	SpeakerBuyer Speaker = "buyer"
	// SpeakerCoach steps out of the roleplay to give a tip (the rep asked for help).
	SpeakerCoach Speaker = "coach"
)

// Line is one earlier message of a roleplay, for context.
type Line struct {
	FromRep bool
	Text    string
}

// Turn is one message of the rep in a roleplay session. Number counts the rep's messages in the
// session, starting at 1; History holds the earlier lines, oldest first.
type Turn struct {
	Scenario Scenario
	Number   int
	Message  string
	History  []Line
}

// Reply is the coach's answer to a Turn. Score (0–100) and Techniques assess the rep's message;
// a SpeakerCoach reply gives a tip instead and has Score 0. Done ends the scenario.
type Reply struct {
	Speaker    Speaker
	Message    string
	Score      int
	Feedback   string
	Techniques []string
	Done       bool
}

// RepStats is what the field assistant knows of the asking rep's numbers. Rank is 0 when unranked;
// GapToNext is the revenue (in cents) to the next rank up and NextName who holds it, both zero at #1.
type RepStats struct {
	Rank      int
	Of        int
	Revenue   int64
	Deals     int
	GapToNext int64
	NextName  string
	TeamName  string
	Level     int
	Streak    int
}

// Question is a rep's field question.
type Question struct {
	UserName string
	Message  string
	Stats    RepStats
}

// Answer is Susan's reply with follow-up questions to offer.
type Answer struct {
	Message     string
	Suggestions []string
}
