// Package rules holds the sales floor's gamification rules as pure functions: rankings and rank
// changes, XP and levels, daily streaks, team goals and the achievements they unlock. Nothing here
// touches storage, clocks or the network, so every rule is tested on its own.
package rules
