package asyncapi_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rtgen/rtgen/internal/asyncapi"
	"github.com/rtgen/rtgen/internal/nodetest"
	"github.com/rtgen/rtgen/internal/schema"
)

// parse runs @asyncapi/parser on a document, failing on any error it
// finds, and returns the script, which reports the model next.
func parse(t *testing.T, file string) *nodetest.Script {
	t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	script := nodetest.Start(t, "testdata/parse.mjs", abs)
	var diags struct{ Errors, Warnings []string }
	script.Decode("diagnostics", &diags)
	if len(diags.Errors) > 0 {
		t.Fatalf("@asyncapi/parser found errors in %s:\n%s", file, strings.Join(diags.Errors, "\n"))
	}
	for _, w := range diags.Warnings {
		t.Logf("warning: %s", w)
	}
	return script
}

var update = flag.Bool("update", false, "rewrite testdata/*/asyncapi.yaml")

// Each testdata/<case>/events.yaml renders testdata/<case>/asyncapi.yaml,
// which @asyncapi/parser reads without an error.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "events.yaml"))
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		t.Run(filepath.Base(filepath.Dir(file)), func(t *testing.T) {
			s, err := schema.Load(filepath.ToSlash(file))
			if err != nil {
				t.Fatal(err)
			}
			got := asyncapi.Document(s)
			golden := filepath.Join(filepath.Dir(file), "asyncapi.yaml")
			if *update {
				os.WriteFile(golden, got, 0o644)
			}
			want, _ := os.ReadFile(golden)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", golden, diff)
			}
			parse(t, golden)
		})
	}
}

// The seed schema's document parses with @asyncapi/parser without a
// single error, and a tool reading it sees the contract: every namespace
// and room as a channel, room parameters, server events sent, client
// events received with their acks as replies, payload schemas with their
// limits and docs, the session as security.
func TestSeedDocumentParses(t *testing.T) {
	s, err := schema.Load(filepath.Join(nodetest.Root(t), "schema", "events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "asyncapi.yaml")
	os.WriteFile(file, asyncapi.Document(s), 0o644)
	script := parse(t, file)

	type channel struct {
		Address    string
		Parameters []string
		Messages   []string
	}
	type operation struct {
		Action   string
		Channels []string
		Messages []string
		Reply    []string
		Security []string
	}
	type schemaJSON struct {
		Type       string
		Required   []string
		Properties map[string]struct {
			Type        string
			MaxLength   *int `json:"maxLength"`
			MinLength   *int `json:"minLength"`
			Description string
		}
		OneOf []map[string]any
	}
	var model struct {
		Title              string
		Channels           map[string]channel
		Operations         map[string]operation
		AchievementEarned  schemaJSON
		RoleplayMessageAck schemaJSON
		JoinSession        schemaJSON
	}
	script.Decode("model", &model)

	rooms := 0
	for _, ns := range s.Namespaces {
		ch, ok := model.Channels[ns.TSName]
		if !ok || ch.Address != ns.Name {
			t.Errorf("namespace %s: channel %+v", ns.Name, ch)
		}
		for _, r := range ns.Rooms {
			rooms++
			rc := model.Channels[ns.TSName+".room."+r.TSName]
			if rc.Address != r.Template || len(rc.Parameters) != len(r.Params) {
				t.Errorf("room %s: channel %+v", r.Template, rc)
			}
		}
	}
	if want := len(s.Namespaces) + rooms; len(model.Channels) != want {
		t.Errorf("%d channels, want %d", len(model.Channels), want)
	}
	if ch := model.Channels["leaderboard.room.user"]; !slices.Equal(ch.Parameters, []string{"userId"}) || !slices.Contains(ch.Messages, "rank:changed") {
		t.Errorf("room user:{userId}: %+v", ch)
	}

	if op := model.Operations["leaderboard.send.rankChanged"]; op.Action != "send" || !slices.Equal(op.Channels, []string{"leaderboard.room.user"}) ||
		!slices.Equal(op.Messages, []string{"rank:changed"}) || !slices.Equal(op.Security, []string{"httpApiKey"}) {
		t.Errorf("rank:changed: %+v", op)
	}
	if op := model.Operations["training.send.progressUpdate.toModule"]; op.Action != "send" || !slices.Equal(op.Channels, []string{"training.room.module"}) {
		t.Errorf("progress:update to module: %+v", op)
	}
	if op := model.Operations["training.receive.roleplayMessage"]; op.Action != "receive" || !slices.Equal(op.Reply, []string{"roleplay:message ack"}) {
		t.Errorf("roleplay:message: %+v", op)
	}
	if op := model.Operations["leaderboard.receive.joinContest"]; op.Action != "receive" || op.Reply == nil {
		t.Errorf("join:contest: %+v", op)
	}

	ae := model.AchievementEarned
	if title := ae.Properties["title"]; title.MaxLength == nil || *title.MaxLength != 120 || *title.MinLength != 1 {
		t.Errorf("AchievementEvent.title: %+v", title)
	}
	if slices.Contains(ae.Required, "icon") || !slices.Contains(ae.Required, "title") || ae.Properties["icon"].Description == "" {
		t.Errorf("AchievementEvent: optional icon, required title, docs: %+v", ae)
	}
	if len(model.RoleplayMessageAck.OneOf) != 2 {
		t.Errorf("roleplay:message ack: %+v", model.RoleplayMessageAck)
	}
	if js := model.JoinSession; js.Type != "string" {
		t.Errorf("join:session argument: %+v", js)
	}
}
