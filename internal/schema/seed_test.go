package schema_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rtgen/rtgen/internal/schema"
)

// The project's own schema: the seed's whole real-time contract.
const seedSchema = "../../schema/events.yaml"

func loadSeed(t testing.TB) *schema.Schema {
	t.Helper()
	s, err := schema.Load(seedSchema)
	if err != nil {
		t.Fatalf("schema/events.yaml does not parse:\n%v", err)
	}
	return s
}

func TestSeedOutput(t *testing.T) {
	s := loadSeed(t)
	if g := s.Output.Go; g == nil || g.Dir != "generated/realtime" || g.Package != "realtime" {
		t.Errorf("Output.Go = %+v, want generated/realtime, package realtime", g)
	}
	if ts := s.Output.TS; ts == nil || ts.Dir != "generated/ts" {
		t.Errorf("Output.TS = %+v, want generated/ts", ts)
	}
}

func TestSeedNamespaces(t *testing.T) {
	s := loadSeed(t)
	var got []string
	for _, ns := range s.Namespaces {
		got = append(got, ns.Name+" "+ns.GoName+" "+ns.LogLabel+" "+ns.Auth.String())
	}
	want := []string{
		"/leaderboard Leaderboard Leaderboard required",
		"/training Training Training required",
		"/field Field Field required",
		"/ Main Main required",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("namespaces (-want +got):\n%s", diff)
	}
}

// fieldSig renders a struct's fields as "name type[?]" for comparison.
func fieldSig(t *schema.Type) []string {
	var out []string
	for _, f := range t.Fields {
		s := f.Name + " " + f.Type.String()
		if f.Optional {
			s += "?"
		}
		out = append(out, s)
	}
	return out
}

// The seed defines four payload types; the schema must have their fields,
// in order, with the same optionality. It may add optional fields: code
// written against the seed's types still builds.
func TestSeedPayloadTypes(t *testing.T) {
	s := loadSeed(t)
	want := map[string][]string{
		"RankingUpdate": {"userId integer", "userName string", "previousRank integer", "newRank integer",
			"metric string", "value float", "timestamp time"},
		"XPGainEvent": {"userId integer", "userName string", "amount integer", "source string", "newTotal integer",
			"timestamp time"},
		"LevelUpEvent": {"userId integer", "userName string", "previousLevel integer", "newLevel integer",
			"totalXP integer", "rewards LevelRewards?", "timestamp time"},
		"LevelRewards": {"badges []string?", "unlocks []string?"},
		"AchievementEvent": {"userId integer", "userName string", "achievementType AchievementType", "title string",
			"description string", "icon string?", "timestamp time"},
	}
	for name, fields := range want {
		typ := s.Type(name)
		if typ == nil {
			t.Errorf("type %s missing", name)
			continue
		}
		seed := map[string]bool{}
		for _, f := range fields {
			seed[f] = true
		}
		var kept []string
		for _, f := range fieldSig(typ) {
			switch {
			case seed[f]:
				kept = append(kept, f)
			case !strings.HasSuffix(f, "?"):
				t.Errorf("type %s adds a required field to the seed's: %s", name, f)
			}
		}
		if diff := cmp.Diff(fields, kept); diff != "" {
			t.Errorf("type %s, the seed's fields (-want +got):\n%s", name, diff)
		}
	}
	at := s.Type("AchievementType")
	var values []string
	for _, v := range at.Values {
		values = append(values, v.Value+"="+v.GoName)
	}
	wantValues := []string{"rank=AchievementTypeRank", "milestone=AchievementTypeMilestone", "streak=AchievementTypeStreak", "contest=AchievementTypeContest"}
	if at.Kind != schema.EnumType || !cmp.Equal(values, wantValues) {
		t.Errorf("AchievementType = %v %v, want enum %v", at.Kind, values, wantValues)
	}
	if g := s.Type("XPGainEvent").GoName; g != "XPGainEvent" {
		t.Errorf("XPGainEvent GoName = %q", g)
	}
}

func eventNames(events []*schema.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Name)
	}
	return out
}

func roomTemplates(rooms []*schema.Room) []string {
	var out []string
	for _, r := range rooms {
		out = append(out, r.Template)
	}
	return out
}

// Every event and room the seed lists exists, in the seed's order.
func TestSeedEventsAndRooms(t *testing.T) {
	s := loadSeed(t)
	tests := []struct {
		ns                     string
		emits, receives, rooms []string
		joins                  []string
	}{
		{
			ns: "/leaderboard",
			emits: []string{"rankings:update", "rank:changed", "contest:new-entry", "contest:entry-update",
				"achievement:earned", "achievement:celebration", "leaderboard:refresh", "tv:update", "team:goal-reached"},
			rooms: []string{"tv-display", "user:{userId}", "team:{teamId}", "contest:{contestId}"},
			joins: []string{"join:tv-display", "leave:tv-display", "join:user", "leave:user", "join:team", "leave:team",
				"join:contest", "leave:contest"},
		},
		{
			ns: "/training",
			emits: []string{"xp:gained", "level:up", "level:celebration", "streak:update", "streak:milestone",
				"achievement:unlocked", "achievement:showcase", "roleplay:response", "roleplay:typing",
				"progress:update", "quiz:completed"},
			receives: []string{"roleplay:message", "roleplay:stop-typing", "progress:update"},
			rooms:    []string{"user:{userId}", "session:{sessionId}", "module:{moduleId}"},
			joins: []string{"join:user", "leave:user", "join:session", "leave:session", "join:module",
				"leave:module"},
		},
		{
			ns:       "/field",
			emits:    []string{"susan:typing", "susan:response"},
			receives: []string{"chat:message", "chat:typing"},
			rooms:    []string{"conversation:{conversationId}"},
			joins:    []string{"join:conversation", "leave:conversation"},
		},
		{
			ns:       "/",
			emits:    []string{"notification", "notification:unread", "announcement"},
			receives: []string{"notification:read"},
			rooms:    []string{"user:{userId}"},
			joins:    []string{"join:user", "leave:user"},
		},
	}
	for _, tt := range tests {
		ns := s.Namespace(tt.ns)
		if ns == nil {
			t.Errorf("namespace %s missing", tt.ns)
			continue
		}
		if diff := cmp.Diff(tt.emits, eventNames(ns.Emits)); diff != "" {
			t.Errorf("%s emits (-want +got):\n%s", tt.ns, diff)
		}
		if diff := cmp.Diff(tt.receives, eventNames(ns.Receives)); diff != "" {
			t.Errorf("%s receives (-want +got):\n%s", tt.ns, diff)
		}
		if diff := cmp.Diff(tt.rooms, roomTemplates(ns.Rooms)); diff != "" {
			t.Errorf("%s rooms (-want +got):\n%s", tt.ns, diff)
		}
		var joins []string
		for _, r := range ns.Rooms {
			joins = append(joins, r.JoinEvent.Name, r.LeaveEvent.Name)
		}
		if diff := cmp.Diff(tt.joins, joins); diff != "" {
			t.Errorf("%s join/leave events (-want +got):\n%s", tt.ns, diff)
		}
	}
}

// The seed's authorization: own user room only, team rooms for members,
// contest rooms for admins or by hook, session rooms for owners by hook,
// tv-display for any connection.
func TestSeedJoinRules(t *testing.T) {
	s := loadSeed(t)
	want := map[string]map[string]string{
		"/leaderboard": {
			"tv-display":          "anyone",
			"user:{userId}":       "param userId == claim userId",
			"team:{teamId}":       "param teamId in claim teamIds",
			"contest:{contestId}": `any(role "admin", hook CanJoinContest)`,
		},
		"/training": {
			"user:{userId}":       "param userId == claim userId",
			"session:{sessionId}": `any(hook IsSessionOwner, role "manager")`,
			"module:{moduleId}":   "anyone",
		},
		"/field": {"conversation:{conversationId}": "hook OwnsConversation"},
		"/":      {"user:{userId}": "param userId == claim userId"},
	}
	for nsName, rooms := range want {
		ns := s.Namespace(nsName)
		for tmpl, rule := range rooms {
			if got := ns.Room(tmpl).Join.String(); got != rule {
				t.Errorf("%s %s join = %s, want %s", nsName, tmpl, got, rule)
			}
		}
	}
	if r := s.Session.Roles; r == nil || r.Name != "roles" {
		t.Errorf("Session.Roles = %v, want the roles claim", r)
	}
}

// targetOf finds the target with the given emitter method.
func targetOf(ns *schema.Namespace, method string) (*schema.Event, *schema.Target) {
	for _, ev := range ns.Emits {
		for _, t := range ev.Targets {
			if t.Method == method {
				return ev, t
			}
		}
	}
	return nil, nil
}

// The seed's server calls all exist, sending the right event to the right
// audience.
func TestSeedServerMethods(t *testing.T) {
	s := loadSeed(t)
	tests := []struct {
		ns, method, event, room string // room "" means every client
		fromPayload             bool
	}{
		{"/leaderboard", "BroadcastRankingUpdate", "rankings:update", "", false},
		{"/leaderboard", "NotifyUserRankChange", "rank:changed", "user:{userId}", false},
		{"/leaderboard", "UpdateTVDisplay", "tv:update", "tv-display", false},
		{"/leaderboard", "BroadcastLeaderboardRefresh", "leaderboard:refresh", "", false},
		{"/leaderboard", "CelebrateAchievement", "achievement:celebration", "", false},
		{"/training", "NotifyXPGain", "xp:gained", "user:{userId}", true},
		{"/training", "SendRoleplayResponse", "roleplay:response", "session:{sessionId}", false},
		{"/training", "NotifyQuizComplete", "quiz:completed", "user:{userId}", true},
	}
	for _, tt := range tests {
		ev, target := targetOf(s.Namespace(tt.ns), tt.method)
		if ev == nil {
			t.Errorf("%s: no emitter %s", tt.ns, tt.method)
			continue
		}
		room := ""
		if target.Room != nil {
			room = target.Room.Template
		}
		if ev.Name != tt.event || room != tt.room || ev.ParamsFromPayload != tt.fromPayload {
			t.Errorf("%s.%s sends %s to %q (from payload %v), want %s to %q (%v)",
				tt.ns, tt.method, ev.Name, room, ev.ParamsFromPayload, tt.event, tt.room, tt.fromPayload)
		}
		if tt.fromPayload && (len(target.ParamFields) != 1 || target.ParamFields[0].Name != "userId") {
			t.Errorf("%s.%s ParamFields = %v, want the payload's userId", tt.ns, tt.method, target.ParamFields)
		}
	}

	// notifyTeam(teamId, 'team:goal-reached', data) has a typed equivalent.
	team := s.Namespace("/leaderboard").Room("team:{teamId}")
	if team.Method != "NotifyTeam" || !cmp.Equal(eventNames(team.Emits), []string{"team:goal-reached"}) {
		t.Errorf("team room method %q sends %v, want NotifyTeam sending team:goal-reached", team.Method, eventNames(team.Emits))
	}

	for _, ns := range s.Namespaces {
		if q := ns.Query("ConnectedClientsCount"); q == nil || q.Kind != schema.QueryCount || q.Room != nil {
			t.Errorf("%s: ConnectedClientsCount = %+v, want a count of the whole namespace", ns.Name, q)
		}
	}
	for _, name := range []string{"/leaderboard", "/training", "/"} {
		q := s.Namespace(name).Query("IsUserConnected")
		if q == nil || q.Kind != schema.QueryExists || q.Room == nil || q.Room.Template != "user:{userId}" {
			t.Errorf("%s: IsUserConnected = %+v, want exists on user:{userId}", name, q)
		}
	}
}

func optionNames(c *schema.Client) (options, results []string) {
	for _, o := range c.Rooms {
		options = append(options, o.Name)
	}
	for _, cb := range c.Callbacks {
		options = append(options, cb.Name)
	}
	for _, st := range c.State {
		results = append(results, st.Name)
	}
	for _, a := range c.Actions {
		results = append(results, a.Name)
	}
	return options, results
}

// The generated hooks offer what the seed's snippets use.
func TestSeedHooks(t *testing.T) {
	s := loadSeed(t)
	tests := []struct {
		ns, hook         string
		options, results []string
	}{
		{"/leaderboard", "useLeaderboardSocket",
			[]string{"userId", "teamId", "contestId", "tvDisplay", "onRankingUpdate", "onAchievement"},
			[]string{"lastUpdate", "achievements"}},
		{"/training", "useTrainingSocket",
			[]string{"userId", "sessionId", "moduleId", "onXPGain", "onLevelUp", "onRoleplayResponse", "onAchievement"},
			[]string{"totalXP", "currentLevel", "isTyping", "sendMessage", "stopTyping", "reportProgress"}},
		{"/field", "useFieldChatSocket",
			[]string{"conversationId", "onResponse"},
			[]string{"isTyping", "responses", "sendMessage", "setTyping"}},
		{"/", "useNotificationsSocket",
			[]string{"userId", "onNotification", "onAnnouncement"},
			[]string{"notifications", "lastAnnouncement", "unreadCount", "markRead"}},
	}
	for _, tt := range tests {
		c := s.Namespace(tt.ns).Client
		if c == nil || c.Hook != tt.hook {
			t.Errorf("%s: client %+v, want hook %s", tt.ns, c, tt.hook)
			continue
		}
		options, results := optionNames(c)
		if diff := cmp.Diff(tt.options, options); diff != "" {
			t.Errorf("%s options (-want +got):\n%s", tt.hook, diff)
		}
		if diff := cmp.Diff(tt.results, results); diff != "" {
			t.Errorf("%s results (-want +got):\n%s", tt.hook, diff)
		}
	}

	training := s.Namespace("/training").Client
	send := training.Actions[0]
	if send.Event.Name != "roleplay:message" || len(send.Args) != 1 || send.Args[0].Name != "message" ||
		len(send.Fill) != 1 || send.Fill[0].Field.Name != "sessionId" || send.Fill[0].Option.Name != "sessionId" {
		t.Errorf("sendMessage = %+v, want roleplay:message(message) with sessionId from the option", send)
	}
	if send.Event.Ack == nil || send.Event.Ack.Type.Name != "RoleplayMessageAck" {
		t.Errorf("roleplay:message ack = %v, want RoleplayMessageAck", send.Event.Ack)
	}
	totalXP := training.State[0]
	if totalXP.Kind != schema.StateValue || totalXP.Initial.JSON() != "0" || totalXP.Type.Kind != schema.KindInteger || len(totalXP.Set) != 2 {
		t.Errorf("totalXP = %+v, want an integer value from 0 set by two events", totalXP)
	}
	isTyping := training.State[2]
	if isTyping.Set[1].Event.Name != "roleplay:response" || isTyping.Set[1].Value.JSON() != "false" {
		t.Errorf("isTyping's second update = %+v, want roleplay:response → false", isTyping.Set[1])
	}
	lb := s.Namespace("/leaderboard").Client
	if st := lb.State[1]; st.Kind != schema.StateList || st.Keep != 20 {
		t.Errorf("achievements = %+v, want the latest 20", st)
	}
	if tv := lb.RoomOption("tvDisplay"); tv == nil || !tv.Room.Fixed() {
		t.Errorf("tvDisplay option = %+v, want the fixed tv-display room", tv)
	}
	toast := lb.Toasts[0]
	if toast.Event.Name != "rank:changed" || toast.Owner.Name != "userId" || toast.OwnerOption.Name != "userId" ||
		toast.Title.Text != "You moved to #{newRank}" {
		t.Errorf("rank:changed toast = %+v", toast)
	}
}

// Time fields are where clients must revive dates.
func TestSeedTimePaths(t *testing.T) {
	s := loadSeed(t)
	tv := s.Namespace("/leaderboard").Emit("tv:update")
	want := [][]string{{"celebration", "timestamp"}, {"timestamp"}}
	if diff := cmp.Diff(want, tv.Payload.TimePaths()); diff != "" {
		t.Errorf("tv:update time paths (-want +got):\n%s", diff)
	}
}

func BenchmarkParseSeed(b *testing.B) {
	src, err := os.ReadFile(seedSchema)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := schema.Parse("schema/events.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}
