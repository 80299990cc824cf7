package rules

import (
	"errors"
	"testing"
)

func TestQuizXP(t *testing.T) {
	cases := []struct{ score, xp int }{{0, 5}, {69, 5}, {70, 35}, {85, 42}, {99, 49}, {100, 75}}
	for _, c := range cases {
		got, err := QuizXP(c.score)
		if err != nil || got != c.xp {
			t.Errorf("QuizXP(%d) = %d, %v; want %d", c.score, got, err, c.xp)
		}
	}
	for _, bad := range []int{-1, 101} {
		_, err := QuizXP(bad)
		var re *ErrScoreRange
		if !errors.As(err, &re) || re.Score != bad {
			t.Errorf("QuizXP(%d) error = %v, want *ErrScoreRange", bad, err)
		}
	}
}

func TestPercent(t *testing.T) {
	cases := []struct{ c, n, want int }{{0, 5, 0}, {5, 5, 100}, {4, 5, 80}, {2, 3, 67}, {1, 3, 33}, {1, 8, 13}, {3, 0, 0}, {7, 5, 100}}
	for _, c := range cases {
		if got := Percent(c.c, c.n); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.c, c.n, got, c.want)
		}
	}
}

func TestQuizAward(t *testing.T) {
	cases := []struct{ score, best, want int }{
		{80, -1, 40}, // first attempt
		{90, 80, 45}, // improvement
		{80, 80, 5},  // no improvement
		{60, 80, 5},  // worse
		{0, -1, 5},
		{100, 100, 5},
	}
	for _, c := range cases {
		if got, err := QuizAward(c.score, c.best); err != nil || got != c.want {
			t.Errorf("QuizAward(%d, %d) = %d, %v; want %d", c.score, c.best, got, err, c.want)
		}
	}
	if _, err := QuizAward(120, -1); err == nil {
		t.Error("score 120 accepted")
	}
}

func TestRoleplayXP(t *testing.T) {
	cases := map[int]int{0: 10, 50: 25, 100: 40, -5: 10, 130: 40}
	for avg, want := range cases {
		if got := RoleplayXP(avg); got != want {
			t.Errorf("RoleplayXP(%d) = %d, want %d", avg, got, want)
		}
	}
}
