package coach

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func scenario(t *testing.T, id string) Scenario {
	t.Helper()
	s, err := ScenarioByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRoleplayScoresTechniques(t *testing.T) {
	ctx := context.Background()
	s := scenario(t, "price-pushback")
	weak, err := Rules{}.Roleplay(ctx, Turn{Scenario: s, Number: 1, Message: "Ok I can give you a discount."})
	if err != nil {
		t.Fatal(err)
	}
	strong, err := Rules{}.Roleplay(ctx, Turn{Scenario: s, Number: 1, Message: "That's a fair concern, and I appreciate you being direct. " +
		"Can I ask what the $30K option includes? Our customers usually see payback in about 5 months because late deliveries stop costing them."})
	if err != nil {
		t.Fatal(err)
	}
	if weak.Score >= 30 || strong.Score < 80 {
		t.Fatalf("weak %d, strong %d", weak.Score, strong.Score)
	}
	if !strings.Contains(weak.Feedback, "discount") {
		t.Errorf("weak feedback should warn about discounting: %q", weak.Feedback)
	}
	for _, want := range []string{"Acknowledged the concern", "Asked a discovery question", "Reframed price as value", "Quantified the impact", "Used social proof"} {
		if !slices.Contains(strong.Techniques, want) {
			t.Errorf("strong answer missing technique %q: %v", want, strong.Techniques)
		}
	}
	if !slices.Contains(s.pushback, weak.Message) || !slices.Contains(s.softer, strong.Message) {
		t.Errorf("buyer lines: weak %q, strong %q", weak.Message, strong.Message)
	}
	if weak.Speaker != SpeakerBuyer || weak.Done || strong.Done {
		t.Errorf("first turn must not end the scenario: %+v %+v", weak, strong)
	}
}

func TestRoleplayIsDeterministic(t *testing.T) {
	s := scenario(t, "competitor")
	turn := Turn{Scenario: s, Number: 2, Message: "What would you change about Acme if you could?"}
	a, _ := Rules{}.Roleplay(context.Background(), turn)
	for range 20 {
		b, _ := Rules{}.Roleplay(context.Background(), turn)
		if a.Message != b.Message || a.Score != b.Score || a.Feedback != b.Feedback {
			t.Fatalf("replies differ: %+v vs %+v", a, b)
		}
	}
}

func TestRoleplayEnds(t *testing.T) {
	s := scenario(t, "decision-maker")
	good := "I understand. Who else is involved in the decision, and what will your CFO want to see? " +
		"Could we build the business case together and present it Thursday?"
	r, _ := Rules{}.Roleplay(context.Background(), Turn{Scenario: s, Number: 3, Message: good})
	if !r.Done || !slices.Contains(s.agree, r.Message) {
		t.Fatalf("a good third answer should win the next step: %+v", r)
	}
	r, _ = Rules{}.Roleplay(context.Background(), Turn{Scenario: s, Number: 5, Message: "ok"})
	if !r.Done || !slices.Contains(s.stall, r.Message) {
		t.Fatalf("the fifth weak answer should end the call: %+v", r)
	}
}

func TestRoleplayHelpRequest(t *testing.T) {
	s := scenario(t, "not-now")
	r, err := Rules{}.Roleplay(context.Background(), Turn{Scenario: s, Number: 1, Message: "Hello, I need help with objection handling"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Speaker != SpeakerCoach || r.Score != 0 || !strings.Contains(r.Message, s.tip) {
		t.Fatalf("got %+v", r)
	}
}

func TestRoleplayRejectsBadInput(t *testing.T) {
	s := scenario(t, "no-need")
	if _, err := (Rules{}).Roleplay(context.Background(), Turn{Scenario: s, Message: "  \n "}); !errors.Is(err, ErrEmptyMessage) {
		t.Errorf("blank: %v", err)
	}
	if _, err := (Rules{}).Roleplay(context.Background(), Turn{Scenario: s, Message: strings.Repeat("a", MaxMessageLength+1)}); !errors.Is(err, ErrMessageTooLong) {
		t.Errorf("long: %v", err)
	}
	if _, err := (Rules{}).Roleplay(context.Background(), Turn{Message: "hi"}); !errors.Is(err, ErrUnknownScenario) {
		t.Errorf("no scenario: %v", err)
	}
	if _, err := ScenarioByID("nope"); !errors.Is(err, ErrUnknownScenario) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestEveryScenarioHasLines(t *testing.T) {
	for _, s := range Scenarios() {
		if s.Opening == "" || s.tip == "" || len(s.softer) == 0 || len(s.pushback) == 0 || len(s.agree) == 0 || len(s.stall) == 0 || s.focus.advice == "" {
			t.Errorf("scenario %s is incomplete", s.ID)
		}
	}
}

func TestFieldIntents(t *testing.T) {
	stats := RepStats{Rank: 3, Of: 12, Revenue: 182_500_00, Deals: 14, GapToNext: 12_000_00, NextName: "Jordan Blake", Streak: 4}
	cases := []struct{ msg, want string }{
		{"How am I doing on the leaderboard?", "#3 of 12 with $182.5K from 14 deals"},
		{"How am I doing on the leaderboard?", "$12K behind Jordan at #2"},
		{"They say it's too expensive", "Acknowledge it"},
		{"They already use Acme", "Never run the other vendor down"},
		{"He said call back next quarter", "“Not now”"},
		{"I need to get the CFO on board", "champion"},
		{"They went dark after the demo, write me an email", "Subject:"},
		{"How do I prep a first call?", "Prep for a first call"},
		{"Any tips for closing this week?", "moves you past Jordan"},
		{"hello", "I’m Susan"},
		{"what's the weather", "I’m not sure I caught that"},
		{"the designer signals history", "I’m not sure I caught that"}, // no whole-word match
	}
	for _, c := range cases {
		a, err := Rules{}.Field(context.Background(), Question{UserName: "Maya Chen", Message: c.msg, Stats: stats})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Message, c.want) {
			t.Errorf("%q: answer %q lacks %q", c.msg, a.Message, c.want)
		}
		if len(a.Suggestions) == 0 {
			t.Errorf("%q: no suggestions", c.msg)
		}
	}
}

func TestFieldStandingEdgeCases(t *testing.T) {
	a, _ := Rules{}.Field(context.Background(), Question{UserName: "New Rep", Message: "my rank?"})
	if !strings.Contains(a.Message, "not on the leaderboard yet") {
		t.Errorf("unranked: %q", a.Message)
	}
	a, _ = Rules{}.Field(context.Background(), Question{UserName: "Top Rep", Message: "my rank?", Stats: RepStats{Rank: 1, Of: 5, Revenue: 1}})
	if !strings.Contains(a.Message, "leading the floor") {
		t.Errorf("leader: %q", a.Message)
	}
	if _, err := (Rules{}).Field(context.Background(), Question{Message: " "}); !errors.Is(err, ErrEmptyMessage) {
		t.Errorf("blank: %v", err)
	}
}

func TestContainsAny(t *testing.T) {
	cases := []struct {
		s, p string
		want bool
	}{
		{"please sign here", "sign", true},
		{"the design", "sign", false},
		{"signal", "sign", false},
		{"we negotiated", "negotiat*", true},
		{"renegotiate", "negotiat*", false},
		{"save 20%", "%", true},
		{"customers love it", "customer*", true},
		{"it's fair.", "fair", true},
	}
	for _, c := range cases {
		if got := containsAny(c.s, c.p); got != c.want {
			t.Errorf("containsAny(%q, %q) = %v", c.s, c.p, got)
		}
	}
}
