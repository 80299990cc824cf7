package quiz

// Default is the sales floor's course: objection handling, discovery and closing. It is checked by
// New; content errors are programming errors, caught by the package's tests.
func Default() *Catalogue {
	c, err := New(defaultModules, defaultQuizzes)
	if err != nil {
		panic("quiz: default catalogue: " + err.Error())
	}
	return c
}

var defaultModules = []Module{
	{
		ID:      "objections",
		Title:   "Objection Handling",
		Summary: "Turn price, timing and competitor push-back into a conversation about value.",
		Quizzes: []string{"objections-101", "price-objections"},
	},
	{
		ID:      "discovery",
		Title:   "Discovery",
		Summary: "Ask the questions that uncover pain, impact and who decides.",
		Quizzes: []string{"discovery-questions"},
	},
	{
		ID:      "closing",
		Title:   "Closing & Negotiation",
		Summary: "Ask for the business and trade, never give, concessions.",
		Quizzes: []string{"closing-basics", "negotiation"},
	},
}

var defaultQuizzes = []Quiz{
	{
		ID: "objections-101", ModuleID: "objections", Title: "Objection Handling 101", Minutes: 3,
		Summary: "The four-step pattern every objection answer follows.",
		Questions: []Question{
			{
				ID: "o1", Prompt: "A prospect says “This isn’t a priority right now.” What should you do first?",
				Options: []string{
					"Offer a discount to create urgency",
					"Acknowledge it and ask what is a priority this quarter",
					"Send the proposal anyway",
					"Agree and close the opportunity",
				},
				Answer: 1, Explanation: "Acknowledge, then explore: their priorities tell you whether you can tie your offer to them.",
			},
			{
				ID: "o2", Prompt: "Which order reflects the classic objection-handling pattern?",
				Options: []string{
					"Respond → Listen → Confirm → Acknowledge",
					"Listen → Acknowledge → Explore → Respond",
					"Acknowledge → Respond → Close → Listen",
					"Explore → Close → Respond → Listen",
				},
				Answer: 1, Explanation: "Listen fully, acknowledge, explore the real concern with a question, then respond.",
			},
			{
				ID: "o3", Prompt: "Why ask a question before answering an objection?",
				Options: []string{
					"To buy time",
					"The stated objection is often not the real one",
					"Prospects like to talk",
					"It is required by most CRMs",
				},
				Answer: 1, Explanation: "“Too expensive” can mean no budget, no perceived value, or no authority. Ask to find out which.",
			},
			{
				ID: "o4", Prompt: "A prospect mentions a competitor is cheaper. The best first response is…",
				Options: []string{
					"Point out the competitor’s weaknesses",
					"Match their price immediately",
					"Ask what they are comparing and what matters most to them",
					"Ignore it and continue the demo",
				},
				Answer: 2, Explanation: "Never bash a competitor; learn the comparison criteria and reframe on value.",
			},
			{
				ID: "o5", Prompt: "After responding to an objection, you should…",
				Options: []string{
					"Move straight to the contract",
					"Check whether the concern is resolved",
					"Repeat your pitch",
					"Wait for the prospect to bring it up again",
				},
				Answer: 1, Explanation: "Confirm: “Does that address your concern?” Unresolved objections resurface at signing.",
			},
		},
	},
	{
		ID: "price-objections", ModuleID: "objections", Title: "Price Objections", Minutes: 2,
		Summary: "Defend value before you talk numbers.",
		Questions: []Question{
			{
				ID: "p1", Prompt: "“Your price is too high.” Which reply is strongest?",
				Options: []string{
					"“I can do 20% off if you sign today.”",
					"“Compared to what? Help me understand how you’re evaluating cost.”",
					"“Our price is fair.”",
					"“Everyone says that.”",
				},
				Answer: 1, Explanation: "A question uncovers the reference point before you defend or concede anything.",
			},
			{
				ID: "p2", Prompt: "What is the best way to talk about price?",
				Options: []string{
					"As a monthly cost only",
					"As an investment compared with the cost of the problem",
					"Avoid it until the contract",
					"Compare it with the cheapest alternative",
				},
				Answer: 1, Explanation: "Quantify the cost of inaction; price then reads as a return, not an expense.",
			},
			{
				ID: "p3", Prompt: "When is a concession appropriate?",
				Options: []string{
					"Whenever the buyer asks",
					"Only in exchange for something: term, volume, timing or a case study",
					"Never",
					"At the first meeting, to build goodwill",
				},
				Answer: 1, Explanation: "Trade, never give: every concession should buy something back.",
			},
			{
				ID: "p4", Prompt: "A buyer says the budget is fixed at half your price. A good next step is…",
				Options: []string{
					"Walk away",
					"Halve the price",
					"Explore a phased rollout that fits this year’s budget",
					"Ask them to find more budget",
				},
				Answer: 2, Explanation: "Re-scope to fit the budget and keep the full value on the roadmap.",
			},
		},
	},
	{
		ID: "discovery-questions", ModuleID: "discovery", Title: "Discovery Questions", Minutes: 3,
		Summary: "Open questions, pain, impact and the buying committee.",
		Questions: []Question{
			{
				ID: "d1", Prompt: "Which is an open question?",
				Options: []string{
					"“Do you use a CRM?”",
					"“Is pricing important?”",
					"“How does your team track deals today?”",
					"“Can we meet Tuesday?”",
				},
				Answer: 2, Explanation: "Open questions start with how, what or why and invite a story, not a yes or no.",
			},
			{
				ID: "d2", Prompt: "What does an “impact” question uncover?",
				Options: []string{
					"The buyer’s favourite features",
					"What the problem costs the business",
					"Their current vendor",
					"The decision date",
				},
				Answer: 1, Explanation: "Impact turns a pain into a number the buyer cares about.",
			},
			{
				ID: "d3", Prompt: "Your contact loves the product but “needs to check with finance.” You should…",
				Options: []string{
					"Wait for finance to call you",
					"Ask who else is involved and offer to help build the business case",
					"Send a discount to finance",
					"Close the deal as lost",
				},
				Answer: 1, Explanation: "Map the buying committee early and equip your champion to sell internally.",
			},
			{
				ID: "d4", Prompt: "How much of a discovery call should the rep talk?",
				Options: []string{"About 80%", "About 60%", "About 30–40%", "Under 5%"},
				Answer:  2, Explanation: "Top performers listen more than they talk during discovery.",
			},
			{
				ID: "d5", Prompt: "Which question best tests urgency?",
				Options: []string{
					"“Do you like the demo?”",
					"“What happens if nothing changes this quarter?”",
					"“Who is your boss?”",
					"“What is your budget?”",
				},
				Answer: 1, Explanation: "The cost of doing nothing is what creates a reason to act now.",
			},
		},
	},
	{
		ID: "closing-basics", ModuleID: "closing", Title: "Closing Basics", Minutes: 2,
		Summary: "Ask for the business with confidence.",
		Questions: []Question{
			{
				ID: "c1", Prompt: "What is a trial close?",
				Options: []string{
					"A free trial of the product",
					"A question that tests readiness, like “How does this fit your plans?”",
					"The final contract signature",
					"A closing discount",
				},
				Answer: 1, Explanation: "Trial closes surface hidden objections before the real ask.",
			},
			{
				ID: "c2", Prompt: "Every meeting should end with…",
				Options: []string{
					"A thank-you email",
					"A clear, calendared next step",
					"A price quote",
					"A product brochure",
				},
				Answer: 1, Explanation: "No next step on the calendar means the deal is stalling.",
			},
			{
				ID: "c3", Prompt: "The buyer says “Send me some information.” The best reply is…",
				Options: []string{
					"Send the full deck right away",
					"“Happy to. What specifically would help you decide?”",
					"“We don’t send information.”",
					"Mark the lead as hot",
				},
				Answer: 1, Explanation: "Qualify the request; it is often a polite brush-off.",
			},
			{
				ID: "c4", Prompt: "An assumptive close sounds like…",
				Options: []string{
					"“Would you like to buy?”",
					"“Shall we schedule onboarding for the 3rd or the 10th?”",
					"“Think about it and call me.”",
					"“Is there anything else?”",
				},
				Answer: 1, Explanation: "Offering a choice of next steps assumes the decision is made.",
			},
		},
	},
	{
		ID: "negotiation", ModuleID: "closing", Title: "Negotiation Essentials", Minutes: 2,
		Summary: "Anchors, trades and walking away.",
		Questions: []Question{
			{
				ID: "n1", Prompt: "What is your BATNA?",
				Options: []string{
					"Your best alternative if this deal doesn’t happen",
					"The buyer’s budget",
					"Your quota",
					"A type of discount",
				},
				Answer: 0, Explanation: "Knowing your best alternative tells you when to walk away.",
			},
			{
				ID: "n2", Prompt: "Who should usually anchor the price first?",
				Options: []string{
					"The buyer",
					"The seller, with a well-justified number",
					"Procurement",
					"Nobody",
				},
				Answer: 1, Explanation: "A justified first anchor frames the rest of the negotiation.",
			},
			{
				ID: "n3", Prompt: "Procurement asks for 15% off. A good response is…",
				Options: []string{
					"“Sure.”",
					"“If we do that, can you commit to a two-year term?”",
					"“No.”",
					"“Let me ask my manager for 20%.”",
				},
				Answer: 1, Explanation: "Trade the concession for something of equal value.",
			},
			{
				ID: "n4", Prompt: "Why put concessions in writing as a package?",
				Options: []string{
					"It looks professional",
					"It stops the buyer picking them off one by one",
					"Legal requires it",
					"It makes the deal bigger",
				},
				Answer: 1, Explanation: "Packaged trades keep the give-and-get balanced.",
			},
		},
	},
}
