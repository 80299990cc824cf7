package coach

import (
	"context"
	"fmt"
	"strings"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// SusanName is the field assistant's name.
const SusanName = "Susan"

// intent is a kind of field question Susan recognises by phrases, with how she answers it.
type intent struct {
	name        string
	phrases     []string
	answer      func(q Question) string
	suggestions []string
}

// intents are tried in order; the first that matches answers. Specific topics come before broad
// ones ("price objection" is about price, not objections in general).
var intents = []intent{
	{
		name:        "standing",
		phrases:     []string{"my rank", "leaderboard", "where do i stand", "how am i doing", "my numbers", "quota", "ranking*", "who is ahead", "catch up", "pass"},
		answer:      standingAnswer,
		suggestions: []string{"How do I handle a price objection?", "Give me a follow-up email", "Tips for closing this week"},
	},
	{
		name:    "price",
		phrases: []string{"price", "pricing", "expensive", "discount*", "budget*", "cost*", "cheaper"},
		answer: func(Question) string {
			return "On price, slow down before you answer:\n" +
				"1. Acknowledge it: “That’s fair, it is an investment.”\n" +
				"2. Ask what they’re comparing against and what the problem costs them today.\n" +
				"3. Put your price next to that cost: payback in months beats any discount.\n" +
				"4. If you must concede, trade it for term, volume or a case study, never for nothing."
		},
		suggestions: []string{"They say a competitor is cheaper", "How do I build a business case?", "Practise a price objection"},
	},
	{
		name:    "competitor",
		phrases: []string{"competitor*", "acme", "already use", "other vendor", "incumbent", "switch*"},
		answer: func(Question) string {
			return "When a competitor comes up, stay curious, not defensive:\n" +
				"• Ask what they like about their current tool and what they’d change.\n" +
				"• Tie your difference to the gap they name, not to a feature list.\n" +
				"• Take the risk out of switching: migration plan, references, a pilot.\n" +
				"Never run the other vendor down; it makes the buyer defend their past choice."
		},
		suggestions: []string{"How do I handle a price objection?", "What should a pilot look like?", "Give me a follow-up email"},
	},
	{
		name:    "timing",
		phrases: []string{"next quarter", "not now", "bad time", "busy", "timing", "later", "circle back", "not a priority"},
		answer: func(Question) string {
			return "“Not now” usually means “not important enough yet.” Try:\n" +
				"• “Totally fair. What’s the top priority this quarter?” and connect to it.\n" +
				"• Make waiting concrete: “What does another quarter of this cost you?”\n" +
				"• Offer a small start (one team, one region) that fits inside the busy period.\n" +
				"Then put a dated next step on the calendar before you hang up."
		},
		suggestions: []string{"What should a pilot look like?", "Give me a follow-up email", "Tips for closing this week"},
	},
	{
		name:    "authority",
		phrases: []string{"decision maker*", "my boss", "their boss", "cfo", "approval", "sign off", "run it by", "committee", "stakeholder*", "business case"},
		answer: func(Question) string {
			return "Turn your contact into a champion:\n" +
				"1. Ask who else is involved and what each of them cares about.\n" +
				"2. Offer to build the business case together: payback, risks, timeline.\n" +
				"3. Ask to present it with them: “Could we walk her through it together?”\n" +
				"Leave them a one-page summary they can forward without you."
		},
		suggestions: []string{"How do I build a business case?", "Give me a follow-up email", "How am I doing on the leaderboard?"},
	},
	{
		name:    "follow-up",
		phrases: []string{"follow up", "follow-up", "followup", "email*", "ghost*", "no response", "not responding", "haven't heard", "went quiet", "went dark"},
		answer: func(q Question) string {
			return "Here’s a short follow-up that gets replies:\n\n" +
				"Subject: Quick question about the rollout\n\n" +
				"Hi {name}, when we spoke you mentioned [their problem in their words]. " +
				"I put together a 1-page plan showing how teams like yours solved it in [timeframe]. " +
				"Worth 15 minutes on Thursday to walk through it?\n\n" +
				"Best,\n" + firstName(q.UserName) + "\n\n" +
				"Keep it under 80 words, make one ask, and reference something they said."
		},
		suggestions: []string{"They went quiet after the demo", "Tips for closing this week", "How do I prep a first call?"},
	},
	{
		name:    "prep",
		phrases: []string{"prep", "prepar*", "first call", "first meeting", "discovery", "questions to ask", "agenda"},
		answer: func(Question) string {
			return "Prep for a first call in 10 minutes:\n" +
				"• Read their last two news items and the contact’s role on LinkedIn.\n" +
				"• Write three open questions: how they do it today, what it costs, who decides.\n" +
				"• Plan to talk less than 40% of the time.\n" +
				"• Decide the next step you’ll ask for before you dial."
		},
		suggestions: []string{"Give me good discovery questions", "How do I handle a price objection?", "Tips for closing this week"},
	},
	{
		name:    "closing",
		phrases: []string{"close", "closing", "sign", "signed", "signing", "contract*", "negotiat*", "procurement", "end of month", "end of quarter"},
		answer: func(q Question) string {
			s := "To close this week:\n" +
				"• Trial-close first: “How does this fit what you need to get done this quarter?”\n" +
				"• Confirm the decision process and the paperwork path (legal, procurement).\n" +
				"• Offer a choice of next steps: “Kick off on the 3rd or the 10th?”\n" +
				"• Trade concessions, never give them: a discount for a longer term or a case study."
			if q.Stats.Rank > 1 && q.Stats.GapToNext > 0 {
				s += fmt.Sprintf("\n\nOne closed deal of %s moves you past %s.", rules.ShortMoney(q.Stats.GapToNext+100), firstName(q.Stats.NextName))
			}
			return s
		},
		suggestions: []string{"How am I doing on the leaderboard?", "How do I handle a price objection?", "Give me a follow-up email"},
	},
	{
		name:    "greeting",
		phrases: []string{"hi", "hello", "hey", "good morning", "good afternoon", "thanks", "thank you"},
		answer: func(q Question) string {
			return fmt.Sprintf("Hi %s! I’m %s, your field assistant. Ask me about objections, call prep, follow-ups, closing or where you stand on the leaderboard.", firstName(q.UserName), SusanName)
		},
		suggestions: []string{"How am I doing on the leaderboard?", "How do I handle a price objection?", "How do I prep a first call?"},
	},
}

var fallbackSuggestions = []string{"How do I handle a price objection?", "Give me a follow-up email", "How am I doing on the leaderboard?"}

// Field answers a field question with Susan's advice for the first topic it recognises; questions
// about rank, quota or the leaderboard use the rep's numbers.
func (Rules) Field(_ context.Context, q Question) (Answer, error) {
	msg := normalize(q.Message)
	if msg == "" {
		return Answer{}, ErrEmptyMessage
	}
	if len(q.Message) > MaxMessageLength {
		return Answer{}, ErrMessageTooLong
	}
	for _, in := range intents {
		if containsAny(msg, in.phrases...) {
			return Answer{Message: in.answer(q), Suggestions: in.suggestions}, nil
		}
	}
	return Answer{
		Message:     fmt.Sprintf("I’m not sure I caught that, %s. I can help with objections (price, timing, competitors, “ask my boss”), call prep, follow-up emails, closing, and your numbers on the leaderboard.", firstName(q.UserName)),
		Suggestions: fallbackSuggestions,
	}, nil
}

func standingAnswer(q Question) string {
	s := q.Stats
	name := firstName(q.UserName)
	if s.Rank == 0 {
		return fmt.Sprintf("%s, you’re not on the leaderboard yet. Your first closed deal puts you on the board.", name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, you’re #%d of %d with %s from %d deals this year.", name, s.Rank, s.Of, rules.ShortMoney(s.Revenue), s.Deals)
	if s.Rank == 1 {
		b.WriteString(" You’re leading the floor. Keep the pipeline full so you stay there.")
	} else if s.GapToNext > 0 {
		fmt.Fprintf(&b, " You’re %s behind %s at #%d.", rules.ShortMoney(s.GapToNext), firstName(s.NextName), s.Rank-1)
	}
	if s.Streak > 0 {
		fmt.Fprintf(&b, " Training streak: %d day", s.Streak)
		if s.Streak != 1 {
			b.WriteString("s")
		}
		b.WriteString(".")
	}
	return b.String()
}
