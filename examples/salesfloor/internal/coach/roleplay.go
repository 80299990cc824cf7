package coach

import (
	"context"
	"strings"
)

// technique is a selling technique recognised by phrases in the rep's message.
type technique struct {
	name    string
	points  int
	phrases []string
	// question: recognised by a question instead of phrases.
	question bool
	// digits: a number in the message also counts.
	digits bool
	// advice asks for the technique, and example shows it, for feedback when it is missing.
	advice  string
	example string
}

// general techniques apply to every scenario, in the order feedback mentions them.
var (
	acknowledge = technique{
		name:    "Acknowledged the concern",
		advice:  "acknowledge the concern first",
		points:  20,
		phrases: []string{"understand*", "hear you", "fair", "makes sense", "appreciat*", "good point", "great question", "valid", "i get it", "totally get", "reasonable", "i see why", "you're right", "that's true"},
		example: "“That’s a fair concern, and I appreciate you being direct.”",
	}
	askQuestion = technique{
		name:     "Asked a discovery question",
		advice:   "ask a question before you answer",
		points:   25,
		question: true,
		example:  "“Can I ask what’s driving that?”",
	}
	quantify = technique{
		name:    "Quantified the impact",
		advice:  "put a number on the impact",
		digits:  true,
		points:  15,
		phrases: []string{"%", "$", "roi", "hours", "per week", "per month", "save*", "saving*", "revenue", "faster", "payback"},
		example: "“Teams your size save about 6 hours a week on reporting.”",
	}
	socialProof = technique{
		name:    "Used social proof",
		advice:  "mention customers like them",
		points:  10,
		phrases: []string{"customer*", "client*", "companies like", "teams like", "case study", "reference", "others in your", "similar"},
		example: "“Two logistics companies your size had the same worry; happy to connect you.”",
	}
	nextStep = technique{
		name:    "Proposed a next step",
		advice:  "propose a concrete next step",
		points:  15,
		phrases: []string{"next step", "schedul*", "demo*", "pilot*", "trial", "meeting*", "call", "calendar", "walk you through", "book", "set up", "thursday", "tuesday", "monday", "wednesday", "friday", "next week", "tomorrow"},
		example: "“Could we book 20 minutes Thursday to walk through the numbers?”",
	}
)

// penalties lower the score for habits that lose deals.
type penalty struct {
	points   int
	phrases  []string
	feedback string
	// only applies to one objection; "" for all.
	only Objection
}

var penalties = []penalty{
	{
		points:   20,
		phrases:  []string{"discount*", "% off", "cheaper", "lower the price", "cut the price", "match their price", "match the price"},
		feedback: "Don’t lead with a discount: it tells the buyer the price was never real. Defend the value first.",
		only:     ObjectionPrice,
	},
	{
		points:   25,
		phrases:  []string{"terrible", "worse", "awful", "garbage", "junk", "sucks", "bad product", "outdated"},
		feedback: "Never run down the competitor; it makes the buyer defend their past choice.",
	},
	{
		points:   15,
		phrases:  []string{"you need to", "you have to", "you must", "obviously", "just sign", "trust me", "no brainer", "no-brainer"},
		feedback: "Avoid pressure phrases; invite the buyer to decide rather than telling them to.",
	},
}

// helpPhrases mark a message that asks the coach for help rather than answering the buyer.
var helpPhrases = []string{"help", "hint*", "tip*", "what should i say", "how should i", "how do i", "stuck", "not sure what to say"}

// questionStarts are the ways a genuine question tends to start.
var questionStarts = []string{"what", "how", "why", "which", "who", "when", "where", "could you", "would you", "can you", "can i ask", "tell me", "help me understand", "walk me through", "is it", "are you", "do you", "does"}

const (
	baseScore     = 15
	goodScore     = 60 // a reply at or above this moves the buyer forward
	closingTurn   = 3  // from this turn a good answer can end the scenario
	lastTurn      = 5  // the buyer ends the call here whatever happens
	shortMessage  = 6  // fewer words than this is too thin to score well
	shortPenalty  = 20
	lengthyAnswer = 120 // more words than this loses the buyer
	lengthPenalty = 10
)

// Rules is the deterministic, rule-based Coach: it recognises selling techniques by phrase and
// answers from scripted buyer lines. The same input always gets the same reply. The zero value is
// ready to use.
type Rules struct{}

var _ Coach = Rules{}

// Roleplay scores the rep's message and answers as the scenario's buyer: softening after a good
// answer, pushing back after a weak one, and from the third turn agreeing to a next step or ending
// the call. A message asking for help gets a coaching tip instead.
func (Rules) Roleplay(_ context.Context, t Turn) (Reply, error) {
	msg := normalize(t.Message)
	if msg == "" {
		return Reply{}, ErrEmptyMessage
	}
	if len(t.Message) > MaxMessageLength {
		return Reply{}, ErrMessageTooLong
	}
	if t.Scenario.ID == "" {
		return Reply{}, ErrUnknownScenario
	}
	if isHelpRequest(msg) {
		return Reply{
			Speaker:  SpeakerCoach,
			Message:  "Coach: " + t.Scenario.tip,
			Feedback: "Try it now: reply to the buyer in your own words. Example: " + t.Scenario.focus.example,
		}, nil
	}
	a := assess(t.Scenario, msg)
	r := Reply{Speaker: SpeakerBuyer, Score: a.score, Feedback: a.feedback(), Techniques: a.used}
	key := t.Scenario.ID + "|" + msg
	number := max(t.Number, 1)
	switch {
	case a.score >= goodScore && number >= closingTurn:
		r.Message, r.Done = pick(key, t.Scenario.agree), true
	case number >= lastTurn:
		r.Message, r.Done = pick(key, t.Scenario.stall), true
	case a.score >= goodScore:
		r.Message = pick(key, t.Scenario.softer)
	default:
		r.Message = pick(key, t.Scenario.pushback)
	}
	return r, nil
}

func isHelpRequest(msg string) bool {
	return words(msg) <= 12 && containsAny(msg, helpPhrases...)
}

// assessment is the scoring of one message.
type assessment struct {
	score   int
	used    []string
	missing []technique
	faults  []string
}

func assess(s Scenario, msg string) assessment {
	var a assessment
	score := baseScore
	for _, t := range []technique{acknowledge, askQuestion, s.focus, quantify, socialProof, nextStep} {
		if t.matches(msg) {
			score += t.points
			a.used = append(a.used, t.name)
		} else {
			a.missing = append(a.missing, t)
		}
	}
	for _, p := range penalties {
		if (p.only == "" || p.only == s.Objection) && containsAny(msg, p.phrases...) {
			score -= p.points
			a.faults = append(a.faults, p.feedback)
		}
	}
	switch n := words(msg); {
	case n < shortMessage:
		score -= shortPenalty
		a.faults = append(a.faults, "That’s very short; give the buyer something to react to.")
	case n > lengthyAnswer:
		score -= lengthPenalty
		a.faults = append(a.faults, "Keep it tighter: long answers lose the buyer. Two or three sentences, then a question.")
	}
	a.score = min(max(score, 0), 100)
	return a
}

func (t technique) matches(msg string) bool {
	if t.question {
		return strings.Contains(msg, "?") && startsQuestion(msg)
	}
	return (t.digits && hasDigit(msg)) || containsAny(msg, t.phrases...)
}

// startsQuestion reports whether any sentence of msg that ends in "?" starts like a question.
func startsQuestion(msg string) bool {
	for _, sentence := range strings.FieldsFunc(msg, func(r rune) bool { return r == '.' || r == '!' }) {
		sentence = strings.TrimSpace(sentence)
		if !strings.Contains(sentence, "?") {
			continue
		}
		for _, part := range strings.Split(sentence, "?") {
			part = strings.TrimLeft(strings.TrimSpace(part), "\"'(—-, ")
			for _, start := range questionStarts {
				if strings.HasPrefix(part, start) {
					return true
				}
			}
		}
	}
	return false
}

// feedback praises what worked, names the first fault, or suggests the most valuable missing
// technique with an example.
func (a assessment) feedback() string {
	var b strings.Builder
	if len(a.used) > 0 {
		b.WriteString("Good: ")
		b.WriteString(strings.ToLower(joinList(a.used)))
		b.WriteString(". ")
	}
	switch {
	case len(a.faults) > 0:
		b.WriteString(a.faults[0])
	case len(a.missing) > 0:
		best := a.missing[0]
		for _, t := range a.missing[1:] {
			if t.points > best.points {
				best = t
			}
		}
		b.WriteString("Next time: ")
		b.WriteString(best.advice)
		b.WriteString(", e.g. ")
		b.WriteString(best.example)
	default:
		b.WriteString("Textbook answer.")
	}
	return strings.TrimSpace(b.String())
}
