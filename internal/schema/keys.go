package schema

// The keys of every mapping of the format, by mapping. The parser accepts
// exactly these (any other key is an error) and JSONSchema describes
// exactly these, so the parser and the editor schema cannot disagree.
var (
	rootKeys        = []string{"version", "output", "session", "types", "namespaces"}
	outputKeys      = []string{"go", "ts", "asyncapi"}
	goOutputKeys    = []string{"dir", "package"}
	tsOutputKeys    = []string{"dir"}
	asyncOutputKeys = []string{"file"}
	sessionKeys     = []string{"doc", "claims", "roles"}
	typeKeys        = []string{"doc", "fields", "enum"}
	fieldKeys       = []string{"type", "doc", "optional", "min", "max", "minLength", "maxLength", "minItems", "maxItems"}
	namespaceKeys   = []string{"doc", "name", "auth", "log", "rooms", "emits", "receives", "queries", "client"}
	roomKeys        = []string{"doc", "name", "params", "join", "joinEvent", "leaveEvent", "method"}
	ruleKeys        = []string{"param", "equals", "in", "role", "hook", "any", "all"}
	emitKeys        = []string{"doc", "payload", "to", "method", "paramsFrom", "delivery"}
	deliveryKeys    = []string{"latest"}
	receiveKeys     = []string{"doc", "payload", "ack", "method"}
	queryKeys       = []string{"doc", "exists", "count"}
	clientKeys      = []string{"hook", "doc", "rooms", "state", "callbacks", "resync", "stale", "actions", "toasts"}
	roomOptionKeys  = []string{"room", "doc"}
	stateKeys       = []string{"doc", "on", "keep", "field", "value", "initial", "set"}
	stateSetKeys    = []string{"on", "field", "value"}
	callbackKeys    = []string{"on", "doc"}
	hookOptionKeys  = []string{"option", "doc"}
	actionKeys      = []string{"emit", "args", "fill", "doc"}
	toastKeys       = []string{"owner", "title", "description"}
)
