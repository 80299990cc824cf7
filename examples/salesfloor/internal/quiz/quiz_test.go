package quiz

import (
	"errors"
	"testing"
)

func TestDefaultCatalogueIsConsistent(t *testing.T) {
	c := Default()
	if len(c.Modules()) == 0 || len(c.Quizzes()) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, m := range c.Modules() {
		for _, id := range m.Quizzes {
			q, err := c.Quiz(id)
			if err != nil || q.ModuleID != m.ID {
				t.Fatalf("module %s quiz %s: %v", m.ID, id, err)
			}
		}
	}
}

func TestGrade(t *testing.T) {
	q, err := Default().Quiz("price-objections")
	if err != nil {
		t.Fatal(err)
	}
	answers := make([]int, len(q.Questions))
	for i, question := range q.Questions {
		answers[i] = question.Answer
	}
	g, err := q.Grade(answers)
	if err != nil || g.Score != 100 || g.Correct != len(q.Questions) {
		t.Fatalf("all correct: %+v %v", g, err)
	}
	answers[0] = (answers[0] + 1) % len(q.Questions[0].Options)
	g, _ = q.Grade(answers)
	if g.Correct != 3 || g.Score != 75 || g.Review[0].Correct || !g.Review[1].Correct {
		t.Fatalf("one wrong: %+v", g)
	}
}

func TestGradeRejectsBadAnswers(t *testing.T) {
	q, _ := Default().Quiz("negotiation")
	var ae *AnswersError
	if _, err := q.Grade([]int{0}); !errors.As(err, &ae) {
		t.Fatalf("too few answers: %v", err)
	}
	bad := []int{0, 0, 0, 9}
	if _, err := q.Grade(bad); !errors.As(err, &ae) {
		t.Fatalf("option out of range: %v", err)
	}
	if _, err := q.Grade([]int{-1, 0, 0, 0}); !errors.As(err, &ae) {
		t.Fatalf("negative option: %v", err)
	}
}

func TestUnknownQuiz(t *testing.T) {
	if _, err := Default().Quiz("nope"); !errors.Is(err, ErrUnknownQuiz) {
		t.Fatalf("got %v", err)
	}
}

func TestNewRejectsInconsistentContent(t *testing.T) {
	q := Quiz{ID: "a", ModuleID: "m", Questions: []Question{{ID: "1", Options: []string{"x"}, Answer: 0}}}
	cases := map[string]struct {
		m []Module
		q []Quiz
	}{
		"unknown quiz in module": {[]Module{{ID: "m", Quizzes: []string{"a", "b"}}}, []Quiz{q}},
		"quiz in no module":      {[]Module{{ID: "m"}}, []Quiz{q}},
		"duplicate quiz":         {[]Module{{ID: "m", Quizzes: []string{"a"}}}, []Quiz{q, q}},
		"answer out of range": {[]Module{{ID: "m", Quizzes: []string{"a"}}},
			[]Quiz{{ID: "a", ModuleID: "m", Questions: []Question{{ID: "1", Options: []string{"x"}, Answer: 1}}}}},
	}
	for name, c := range cases {
		if _, err := New(c.m, c.q); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := New([]Module{{ID: "m", Quizzes: []string{"a"}}}, []Quiz{q}); err != nil {
		t.Fatalf("valid catalogue refused: %v", err)
	}
}
