package rules

import "fmt"

// PassingScore is the lowest quiz score (percent) that counts as passed.
const PassingScore = 70

// ErrScoreRange reports a quiz score outside 0–100.
type ErrScoreRange struct{ Score int }

func (e *ErrScoreRange) Error() string {
	return fmt.Sprintf("quiz score %d is outside 0–100", e.Score)
}

// QuizXP is the XP a quiz score earns: a small amount for taking part, more for passing, and a bonus
// for a perfect score.
//
//	score < 70:  5 XP
//	score ≥ 70:  score/2 XP (35–50)
//	score = 100: 75 XP
func QuizXP(score int) (int, error) {
	switch {
	case score < 0 || score > 100:
		return 0, &ErrScoreRange{Score: score}
	case score == 100:
		return 75, nil
	case score >= PassingScore:
		return score / 2, nil
	default:
		return 5, nil
	}
}

// Percent turns correct answers out of total into a whole-number score, rounding half up.
func Percent(correct, total int) int {
	if total <= 0 || correct <= 0 {
		return 0
	}
	if correct >= total {
		return 100
	}
	return (correct*200 + total) / (total * 2)
}

// RetakeXP is what retaking a quiz earns when it does not beat the best score so far.
const RetakeXP = 5

// QuizAward is the XP of a quiz attempt: the full QuizXP the first time and whenever the score beats
// the best so far (best < 0: never attempted), RetakeXP otherwise, so retakes cannot farm XP.
func QuizAward(score, best int) (int, error) {
	xp, err := QuizXP(score)
	if err != nil || score > best {
		return xp, err
	}
	return min(xp, RetakeXP), nil
}

// RoleplayXP is what finishing a roleplay scenario earns, from the average score of its turns
// (0–100): 10 for taking part plus up to 30 for quality.
func RoleplayXP(averageScore int) int {
	return 10 + min(max(averageScore, 0), 100)*3/10
}
