// Package quiz is the sales floor's training catalogue: course modules, their quizzes, and grading.
// The catalogue is fixed content compiled into the server; answers never leave it.
package quiz

import (
	"errors"
	"fmt"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/rules"
)

// ErrUnknownQuiz reports a quiz id that is not in the catalogue.
var ErrUnknownQuiz = errors.New("unknown quiz")

// AnswersError reports answers that do not fit a quiz: the wrong number of them, or a choice
// outside a question's options.
type AnswersError struct {
	QuizID string
	Reason string
}

func (e *AnswersError) Error() string {
	return fmt.Sprintf("answers for quiz %q: %s", e.QuizID, e.Reason)
}

// Question is a multiple-choice question; Answer indexes Options.
type Question struct {
	ID          string
	Prompt      string
	Options     []string
	Answer      int
	Explanation string
}

// Quiz is a short quiz inside a module.
type Quiz struct {
	ID        string
	ModuleID  string
	Title     string
	Summary   string
	Minutes   int
	Questions []Question
}

// Module is a course module: a topic with its quizzes, in order.
type Module struct {
	ID      string
	Title   string
	Summary string
	Quizzes []string
}

// Review is the outcome of one answered question.
type Review struct {
	QuestionID  string `json:"questionId"`
	Chosen      int    `json:"chosen"`
	Answer      int    `json:"answer"`
	Correct     bool   `json:"correct"`
	Explanation string `json:"explanation"`
}

// Graded is a graded attempt. Score is a percentage.
type Graded struct {
	Correct int
	Total   int
	Score   int
	Review  []Review
}

// Grade checks one choice per question, in question order.
func (q Quiz) Grade(answers []int) (Graded, error) {
	if len(answers) != len(q.Questions) {
		return Graded{}, &AnswersError{QuizID: q.ID, Reason: fmt.Sprintf("got %d answers for %d questions", len(answers), len(q.Questions))}
	}
	g := Graded{Total: len(q.Questions)}
	for i, question := range q.Questions {
		a := answers[i]
		if a < 0 || a >= len(question.Options) {
			return Graded{}, &AnswersError{QuizID: q.ID, Reason: fmt.Sprintf("answer %d to question %d is not one of its %d options", a, i+1, len(question.Options))}
		}
		ok := a == question.Answer
		if ok {
			g.Correct++
		}
		g.Review = append(g.Review, Review{QuestionID: question.ID, Chosen: a, Answer: question.Answer, Correct: ok, Explanation: question.Explanation})
	}
	g.Score = rules.Percent(g.Correct, g.Total)
	return g, nil
}

// Catalogue is the set of modules and quizzes.
type Catalogue struct {
	modules []Module
	quizzes []Quiz
	byID    map[string]int
}

// Modules lists the modules in course order.
func (c *Catalogue) Modules() []Module { return c.modules }

// Quizzes lists every quiz in course order.
func (c *Catalogue) Quizzes() []Quiz { return c.quizzes }

// Quiz finds a quiz by id; the error wraps ErrUnknownQuiz.
func (c *Catalogue) Quiz(id string) (Quiz, error) {
	i, ok := c.byID[id]
	if !ok {
		return Quiz{}, fmt.Errorf("%w: %q", ErrUnknownQuiz, id)
	}
	return c.quizzes[i], nil
}

// Module finds a module by id.
func (c *Catalogue) Module(id string) (Module, bool) {
	for _, m := range c.modules {
		if m.ID == id {
			return m, true
		}
	}
	return Module{}, false
}

// New builds a catalogue and checks it: unique ids, every quiz in exactly one known module, and
// every answer one of its question's options.
func New(modules []Module, quizzes []Quiz) (*Catalogue, error) {
	c := &Catalogue{modules: modules, quizzes: quizzes, byID: map[string]int{}}
	inModule := map[string]string{}
	for _, m := range modules {
		for _, id := range m.Quizzes {
			if prev, dup := inModule[id]; dup {
				return nil, fmt.Errorf("quiz %q listed in modules %q and %q", id, prev, m.ID)
			}
			inModule[id] = m.ID
		}
	}
	for i, q := range quizzes {
		if _, dup := c.byID[q.ID]; dup {
			return nil, fmt.Errorf("quiz %q defined twice", q.ID)
		}
		c.byID[q.ID] = i
		if inModule[q.ID] != q.ModuleID {
			return nil, fmt.Errorf("quiz %q belongs to module %q but is listed under %q", q.ID, q.ModuleID, inModule[q.ID])
		}
		if len(q.Questions) == 0 {
			return nil, fmt.Errorf("quiz %q has no questions", q.ID)
		}
		for _, question := range q.Questions {
			if question.Answer < 0 || question.Answer >= len(question.Options) {
				return nil, fmt.Errorf("quiz %q question %q: answer %d out of range", q.ID, question.ID, question.Answer)
			}
		}
	}
	for id, m := range inModule {
		if _, ok := c.byID[id]; !ok {
			return nil, fmt.Errorf("module %q lists unknown quiz %q", m, id)
		}
	}
	return c, nil
}
