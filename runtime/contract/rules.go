package contract

import "slices"

// implies reports whether every socket rule a lets in, rule b lets in too.
// It is sound but not complete: when it cannot tell (two different hooks,
// say) it answers false.
func implies(a, b *Rule) bool {
	switch {
	case equalRules(a, b), b.Kind == "anyone":
		return true
	case b.Kind == "all":
		return allOf(b.Rules, func(sub *Rule) bool { return implies(a, sub) })
	case a.Kind == "any":
		return allOf(a.Rules, func(sub *Rule) bool { return implies(sub, b) })
	case b.Kind == "any":
		return slices.ContainsFunc(b.Rules, func(sub *Rule) bool { return implies(a, sub) })
	case a.Kind == "all":
		return slices.ContainsFunc(a.Rules, func(sub *Rule) bool { return implies(sub, b) })
	case b.Kind == "authenticated":
		// Rules that read the session fail for a socket without one.
		return a.Kind == "equals" || a.Kind == "in" || a.Kind == "role"
	}
	return false
}

func allOf(rules []*Rule, f func(*Rule) bool) bool {
	for _, r := range rules {
		if !f(r) {
			return false
		}
	}
	return true
}

func equalRules(a, b *Rule) bool {
	if a.Kind != b.Kind || a.Param != b.Param || a.Claim != b.Claim || a.Role != b.Role || a.Hook != b.Hook || len(a.Rules) != len(b.Rules) {
		return false
	}
	for i := range a.Rules {
		if !equalRules(a.Rules[i], b.Rules[i]) {
			return false
		}
	}
	return true
}
