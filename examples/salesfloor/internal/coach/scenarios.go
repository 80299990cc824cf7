package coach

import (
	"errors"
	"fmt"
)

// ErrUnknownScenario reports a scenario id that does not exist.
var ErrUnknownScenario = errors.New("unknown roleplay scenario")

// Objection is the kind of push-back a scenario practises.
type Objection string

const (
	ObjectionPrice      Objection = "price"
	ObjectionTiming     Objection = "timing"
	ObjectionCompetitor Objection = "competitor"
	ObjectionAuthority  Objection = "authority"
	ObjectionNeed       Objection = "need"
)

// Scenario is a roleplay: a buyer with one main objection. Opening is the buyer's first line;
// Brief is what the rep knows going in.
type Scenario struct {
	ID        string
	Objection Objection
	Title     string
	Buyer     string
	Brief     string
	Opening   string

	focus    technique // the technique that answers this objection
	softer   []string  // the buyer opens up after a good answer
	pushback []string  // the buyer pushes back after a weak answer
	agree    []string  // the buyer agrees to a next step (ends the scenario)
	stall    []string  // the buyer ends the call without a next step
	tip      string    // the coach's advice when asked for help
}

// Scenarios lists the roleplay scenarios in display order.
func Scenarios() []Scenario { return scenarios }

// ScenarioByID finds a scenario; the error wraps ErrUnknownScenario.
func ScenarioByID(id string) (Scenario, error) {
	for _, s := range scenarios {
		if s.ID == id {
			return s, nil
		}
	}
	return Scenario{}, fmt.Errorf("%w: %q", ErrUnknownScenario, id)
}

var scenarios = []Scenario{
	{
		ID: "price-pushback", Objection: ObjectionPrice, Title: "“Your price is too high”",
		Buyer: "Dana Whitfield, VP Operations at Northwind Logistics",
		Brief: "Dana liked the demo. Your proposal is $48,000 a year; she says a smaller vendor quoted $30,000.",
		Opening: "Honestly, the demo was great, but $48K is way more than we planned to spend. " +
			"Another vendor quoted us thirty. Why would I pay that much more?",
		focus: technique{
			name:    "Reframed price as value",
			advice:  "reframe the price as value",
			points:  15,
			phrases: []string{"value", "invest*", "total cost", "roi", "return*", "payback", "cost of", "per month", "payment terms", "phased"},
			example: "“Let’s look at what the late deliveries cost you today; at 40 a month, how does $48K compare?”",
		},
		softer: []string{
			"Okay, that’s a fair way to look at it. Our late-delivery penalties were about $9K last quarter. What would change on day one?",
			"Hm. If you can really cut dispatch time in half, the math starts to work. What would the rollout look like?",
		},
		pushback: []string{
			"I hear you, but my CFO only sees the number. Thirty is thirty. Can you get closer to that?",
			"That doesn’t really answer it. Why is yours worth eighteen thousand more?",
		},
		agree: []string{
			"Alright, put the numbers in a one-pager and let’s walk my CFO through it Thursday. Can you do 2 pm?",
			"Okay, I can take this to finance. Send a proposal with the payback math and let’s book a call with them next week.",
		},
		stall: []string{
			"Let me think about it and get back to you. Send me something in writing.",
		},
		tip: "Don’t defend the number yet. Acknowledge it, ask what the $30K option includes and what the problem costs them today, then compare your price with that cost.",
	},
	{
		ID: "not-now", Objection: ObjectionTiming, Title: "“Call me next quarter”",
		Buyer: "Marcus Lee, Head of Sales at Brightline Fitness",
		Brief: "Marcus agrees his team wastes hours on manual reporting, but says it is a busy quarter.",
		Opening: "Look, I see the value, but we’re slammed this quarter with the new store launches. " +
			"Can you circle back in Q3?",
		focus: technique{
			name:    "Showed the cost of waiting",
			advice:  "show what waiting costs",
			points:  15,
			phrases: []string{"cost of waiting", "wait*", "delay*", "every month", "each month", "start small", "pilot*", "phased", "by q", "before the launch", "this quarter", "launch*"},
			example: "“Totally fair. What would three more months of manual reporting cost during the launches?”",
		},
		softer: []string{
			"Fair point, the launches will make the reporting mess worse. How much of my team’s time would this actually take to set up?",
			"Hm, a small pilot with one region could work. What would you need from us?",
		},
		pushback: []string{
			"I get it, but nothing is going to move my priorities this month.",
			"Sure, but honestly it can wait. Reporting is annoying, not urgent.",
		},
		agree: []string{
			"Okay, let’s try the pilot with the Denver stores. Can you send a plan and we’ll kick off on the 1st?",
			"Alright, book 30 minutes with my ops lead this week and let’s scope it.",
		},
		stall: []string{
			"Let’s reconnect next quarter. Ping me in July.",
		},
		tip: "Agree with the timing pressure, then make waiting concrete: ask what the problem costs per month and offer a small pilot that fits inside the busy quarter.",
	},
	{
		ID: "competitor", Objection: ObjectionCompetitor, Title: "“We already use Acme”",
		Buyer: "Priya Natarajan, Director of IT at Harbor Health",
		Brief: "Harbor Health has used Acme for three years. Priya took the meeting because renewal is in four months.",
		Opening: "We’ve been on Acme for three years and it mostly works. Switching is a lot of pain. " +
			"What do you do that they don’t?",
		focus: technique{
			name:    "Differentiated without bashing",
			advice:  "name the difference that matters to them",
			points:  15,
			phrases: []string{"compar*", "differen*", "unlike", "unique", "only we", "criteria", "evaluat*", "switch*", "migrat*", "renewal"},
			example: "“What would you change about Acme if you could? Here’s where teams who switched saw the difference…”",
		},
		softer: []string{
			"Fair. Honestly, Acme’s reporting is where we struggle most. How long did a migration take for a team our size?",
			"Interesting. If migration is really handled by your team, that changes things. What would it involve for us?",
		},
		pushback: []string{
			"Everyone says they’re better than Acme. What’s actually different?",
			"Sounds like a lot of work for a small gain. Why risk it?",
		},
		agree: []string{
			"Okay, let’s run a side-by-side before our renewal. Send me a comparison and let’s set up a technical session next week.",
			"Alright, I’ll loop in my team lead. Can you do a migration walkthrough on Tuesday?",
		},
		stall: []string{
			"We’ll probably just renew. Send me your deck, I’ll take a look.",
		},
		tip: "Never criticise the incumbent. Ask what they would change about it, tie your difference to that gap, and take the risk out of switching.",
	},
	{
		ID: "decision-maker", Objection: ObjectionAuthority, Title: "“I need to run it by my boss”",
		Buyer: "Tom Becker, Operations Manager at Cedar & Pine Furniture",
		Brief: "Tom is enthusiastic, but the CFO signs anything over $20,000 and has never heard of you.",
		Opening: "I love it, really. But anything over twenty grand goes to our CFO, and she’s tough. " +
			"Let me run it by her and I’ll get back to you.",
		focus: technique{
			name:    "Mapped the decision",
			advice:  "find out who decides and how",
			points:  15,
			phrases: []string{"who else", "decision*", "stakeholder*", "introduc*", "loop in", "sign off", "approv*", "business case", "cfo", "together", "join"},
			example: "“Happy to help you make the case. What will she want to see, and could we present it together?”",
		},
		softer: []string{
			"Good question. She cares about payback; anything over twelve months is a hard no. Could you help me put that together?",
			"She’d want to see numbers, not features. If you can build that with me, I can get fifteen minutes with her.",
		},
		pushback: []string{
			"I’ll just forward her your email. She’ll let me know.",
			"Honestly, she doesn’t take vendor calls. I’ll handle it.",
		},
		agree: []string{
			"Okay, let’s build the business case together and I’ll book twenty minutes with her next Wednesday.",
			"Deal: send me the payback numbers tomorrow and I’ll bring you into her Thursday review.",
		},
		stall: []string{
			"I’ll run it by her and let you know. Might be a few weeks.",
		},
		tip: "Make Tom your champion: ask what the CFO cares about, offer to build the business case with him, and ask to present it together.",
	},
	{
		ID: "no-need", Objection: ObjectionNeed, Title: "“We’re fine with spreadsheets”",
		Buyer: "Elena Ruiz, Owner of Ruiz Landscaping",
		Brief: "Elena runs a 25-person company on spreadsheets and agreed to a call after a referral.",
		Opening: "To be honest, I’m not sure we need this. Our spreadsheets work fine and the team knows them. " +
			"What problem would this solve for us?",
		focus: technique{
			name:    "Uncovered the need",
			advice:  "ask how they handle it today",
			points:  15,
			phrases: []string{"challeng*", "problem*", "goal*", "currently", "today", "right now", "pain*", "priorit*", "how do you", "how does", "what happens when", "walk me through"},
			example: "“Walk me through what happens when a crew calls in sick: how do you reshuffle the schedule today?”",
		},
		softer: []string{
			"Well, now that you mention it, rescheduling after rain days eats my whole Monday. Could this help with that?",
			"Hm, we do lose track of quotes sometimes. I think we lost two big jobs last spring that way.",
		},
		pushback: []string{
			"Like I said, the spreadsheets work. I don’t see the problem.",
			"We’re a small shop. This sounds like something for bigger companies.",
		},
		agree: []string{
			"Okay, show me how the rain-day rescheduling would work. Can we do a short demo Friday with my office manager?",
			"Alright, let’s try it with one crew for a month. What do you need from me to start?",
		},
		stall: []string{
			"Thanks, but I think we’re fine for now.",
		},
		tip: "Don’t pitch features to someone who sees no problem. Ask how they handle the messy moments today (rain days, sick crews, lost quotes) and let the need come from her.",
	},
}
