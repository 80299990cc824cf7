package schema

// RuleKind is the kind of a room join rule.
type RuleKind int

const (
	// RuleAnyone lets every socket of the namespace join (in a namespace
	// with auth: required, every authenticated socket).
	RuleAnyone RuleKind = iota + 1
	// RuleAuthenticated lets every socket with a session join.
	RuleAuthenticated
	// RuleEquals lets a socket join when the room parameter Param equals
	// the session claim Claim.
	RuleEquals
	// RuleIn lets a socket join when Param is an element of the list claim
	// Claim.
	RuleIn
	// RuleRole lets a socket join when the session's roles claim
	// (Session.Roles) contains Role.
	RuleRole
	// RuleHook asks the application: Hook is a method of an authorizer
	// interface the application implements.
	RuleHook
	// RuleAny passes when at least one of Rules passes (checked in order,
	// stopping at the first that passes).
	RuleAny
	// RuleAll passes when every one of Rules passes (checked in order,
	// stopping at the first that fails).
	RuleAll
)

// Rule is a room join rule; Any and All make a tree of them. A rule that
// reads the session fails for a socket without one, and a rule that reads an
// optional claim fails when the claim is absent.
type Rule struct {
	Kind RuleKind
	// Param is the room parameter a RuleEquals or RuleIn rule compares.
	Param *Field
	// Claim is the session claim a RuleEquals or RuleIn rule compares with;
	// for RuleIn a list whose element type is Param's type, for RuleEquals
	// a claim of Param's type.
	Claim *Field
	// Role is the role a RuleRole rule asks for.
	Role string
	// Hook is the authorizer method a RuleHook rule calls.
	Hook *Hook
	// Rules are the operands of RuleAny and RuleAll; never empty for them.
	Rules []*Rule
	Pos   Pos
}

// String returns the rule in a compact, readable form for documentation
// comments, e.g. `param userId == claim userId` or
// `any(role "admin", hook CanJoinContest)`: the wire contract's form.
func (r *Rule) String() string { return r.contract().String() }

// Hook is an authorization method the application implements, called by
// RuleHook rules. The generated authorizer interface has one method per
// hook of a namespace, taking the session (nil without one) and the room
// parameters.
type Hook struct {
	// Name is the Go method name ("CanJoinContest").
	Name string
	// Params are the room parameters the method receives; every room that
	// uses the hook has the same parameters.
	Params []*Field
	// Rooms are the rooms whose rules call the hook.
	Rooms []*Room
	// Pos is the hook's first use.
	Pos Pos
}
