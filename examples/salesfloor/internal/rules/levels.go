package rules

// levelFloors[i] is the total XP at which level i+1 starts. Past the table every level costs
// levelStepAfterTable more XP, so there is no highest level.
var levelFloors = []int{0, 100, 250, 450, 700, 1000, 1400, 1900, 2500, 3200}

const levelStepAfterTable = 800

// LevelFloor is the total XP at which level starts; levels below 1 are treated as 1.
func LevelFloor(level int) int {
	if level <= 1 {
		return 0
	}
	if level <= len(levelFloors) {
		return levelFloors[level-1]
	}
	return levelFloors[len(levelFloors)-1] + (level-len(levelFloors))*levelStepAfterTable
}

// LevelForXP is the level a total XP reaches; negative XP is level 1.
func LevelForXP(xp int) int {
	level := 1
	for LevelFloor(level+1) <= xp {
		level++
	}
	return level
}

// LevelProgress describes where a total XP sits inside its level, for an XP bar.
type LevelProgress struct {
	Level    int
	TotalXP  int
	Floor    int // XP at which Level started
	Next     int // XP at which Level+1 starts
	InLevel  int // TotalXP - Floor
	ToNext   int // Next - TotalXP
	Fraction float64
}

// ProgressFor computes the XP bar for a total.
func ProgressFor(xp int) LevelProgress {
	level := LevelForXP(xp)
	floor, next := LevelFloor(level), LevelFloor(level+1)
	p := LevelProgress{Level: level, TotalXP: xp, Floor: floor, Next: next, InLevel: xp - floor, ToNext: next - xp}
	if span := next - floor; span > 0 && xp >= floor {
		p.Fraction = float64(xp-floor) / float64(span)
	}
	return p
}

// Rewards are what reaching a level unlocks.
type Rewards struct {
	Badges  []string
	Unlocks []string
}

// Empty reports whether there is nothing to give.
func (r Rewards) Empty() bool { return len(r.Badges) == 0 && len(r.Unlocks) == 0 }

// levelRewards lists the rewards of the levels that have any.
var levelRewards = map[int]Rewards{
	2:  {Badges: []string{"Rookie Closer"}},
	3:  {Unlocks: []string{"Advanced objection handling"}},
	4:  {Badges: []string{"Pipeline Builder"}},
	5:  {Badges: []string{"Deal Maker"}, Unlocks: []string{"Negotiation masterclass"}},
	7:  {Unlocks: []string{"Executive roleplay scenarios"}},
	8:  {Badges: []string{"Rainmaker"}},
	10: {Badges: []string{"Sales Legend"}, Unlocks: []string{"Mentor mode"}},
}

// LevelUp is the move from one level to a higher one.
type LevelUp struct {
	PreviousLevel int
	NewLevel      int
	TotalXP       int
	Rewards       Rewards
}

// LevelUpFor reports the level-up caused by going from oldXP to newXP, with the rewards of every level
// passed on the way; ok is false when the level did not rise.
func LevelUpFor(oldXP, newXP int) (LevelUp, bool) {
	from, to := LevelForXP(oldXP), LevelForXP(newXP)
	if to <= from {
		return LevelUp{}, false
	}
	up := LevelUp{PreviousLevel: from, NewLevel: to, TotalXP: newXP}
	for l := from + 1; l <= to; l++ {
		r := levelRewards[l]
		up.Rewards.Badges = append(up.Rewards.Badges, r.Badges...)
		up.Rewards.Unlocks = append(up.Rewards.Unlocks, r.Unlocks...)
	}
	return up, true
}
