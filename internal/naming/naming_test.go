package naming

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"userId", []string{"user", "Id"}},
		{"rankings:update", []string{"rankings", "update"}},
		{"tv-display", []string{"tv", "display"}},
		{"user:{userId}", []string{"user", "user", "Id"}},
		{"XMLHttpRequest", []string{"XML", "Http", "Request"}},
		{"teamIDs", []string{"team", "IDs"}},
		{"IDsAndNames", []string{"IDs", "And", "Names"}},
		{"h264Encoder", []string{"h264", "Encoder"}},
		{"utf8", []string{"utf8"}},
		{"/leaderboard", []string{"leaderboard"}},
		{"__a__b__", []string{"a", "b"}},
		{"", nil},
		{":-/", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Words(tt.in)); diff != "" {
			t.Errorf("Words(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestConversions(t *testing.T) {
	tests := []struct {
		in                                  string
		exported, unexported, camel, pascal string
	}{
		{"userId", "UserID", "userID", "userId", "UserId"},
		{"user_id", "UserID", "userID", "userId", "UserId"},
		{"tv-display", "TVDisplay", "tvDisplay", "tvDisplay", "TvDisplay"},
		{"xp:gained", "XPGained", "xpGained", "xpGained", "XpGained"},
		{"rankings:update", "RankingsUpdate", "rankingsUpdate", "rankingsUpdate", "RankingsUpdate"},
		{"teamIds", "TeamIDs", "teamIDs", "teamIds", "TeamIds"},
		{"teamIDs", "TeamIDs", "teamIDs", "teamIDs", "TeamIDs"},
		{"contest:new-entry", "ContestNewEntry", "contestNewEntry", "contestNewEntry", "ContestNewEntry"},
		{"join:tv-display", "JoinTVDisplay", "joinTVDisplay", "joinTvDisplay", "JoinTvDisplay"},
		{"XPGainEvent", "XPGainEvent", "xpGainEvent", "xpGainEvent", "XPGainEvent"},
		{"totalXP", "TotalXP", "totalXP", "totalXP", "TotalXP"},
		{"id", "ID", "id", "id", "Id"},
		{"ids", "IDs", "ids", "ids", "Ids"},
		{"URLs", "URLs", "urls", "urls", "URLs"},
		{"apiKey", "APIKey", "apiKey", "apiKey", "ApiKey"},
		{"HTTPServer", "HTTPServer", "httpServer", "httpServer", "HTTPServer"},
		{"news", "News", "news", "news", "News"}, // "new" is not an initialism
		{"status", "Status", "status", "status", "Status"},
		{"/leaderboard", "Leaderboard", "leaderboard", "leaderboard", "Leaderboard"},
		{"ai-response", "AIResponse", "aiResponse", "aiResponse", "AiResponse"},
		{"type", "Type", "type_", "type", "Type"},
		{"len", "Len", "len_", "len", "Len"},
		{"error", "Error", "error_", "error", "Error"},
		{"delete", "Delete", "delete_", "delete_", "Delete"},
		{"default", "Default", "default_", "default_", "Default"},
		{"in", "In", "in", "in_", "In"},
		{"2fa", "2fa", "2fa", "2fa", "2fa"},
		{"", "", "", "", ""},
		{"::", "", "", "", ""},
	}
	for _, tt := range tests {
		if got := GoExported(tt.in); got != tt.exported {
			t.Errorf("GoExported(%q) = %q, want %q", tt.in, got, tt.exported)
		}
		if got := GoUnexported(tt.in); got != tt.unexported {
			t.Errorf("GoUnexported(%q) = %q, want %q", tt.in, got, tt.unexported)
		}
		if got := TSCamel(tt.in); got != tt.camel {
			t.Errorf("TSCamel(%q) = %q, want %q", tt.in, got, tt.camel)
		}
		if got := TSPascal(tt.in); got != tt.pascal {
			t.Errorf("TSPascal(%q) = %q, want %q", tt.in, got, tt.pascal)
		}
	}
}

// Names that differ only in separators or case convention must convert to the
// same identifier: that is what makes schema validation's collision check work.
func TestCollisions(t *testing.T) {
	pairs := [][2]string{
		{"rank:changed", "rank-changed"},
		{"userId", "user_id"},
		{"tv-display", "tv_display"},
		{"a.b", "a/b"},
	}
	for _, p := range pairs {
		if GoExported(p[0]) != GoExported(p[1]) {
			t.Errorf("GoExported(%q) = %q differs from GoExported(%q) = %q", p[0], GoExported(p[0]), p[1], GoExported(p[1]))
		}
		if TSCamel(p[0]) != TSCamel(p[1]) {
			t.Errorf("TSCamel(%q) = %q differs from TSCamel(%q) = %q", p[0], TSCamel(p[0]), p[1], TSCamel(p[1]))
		}
	}
}

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		in    string
		goOK  bool
		tsOK  bool
		goRes bool
		tsRes bool
	}{
		{"UserID", true, true, false, false},
		{"_x", true, true, false, false},
		{"$x", false, true, false, false},
		{"x1", true, true, false, false},
		{"1x", false, false, false, false},
		{"a-b", false, false, false, false},
		{"", false, false, false, false},
		{"func", false, true, true, false},
		{"string", true, true, true, false},
		{"class", true, false, false, true},
		{"undefined", true, false, false, true},
		{"héllo", true, false, false, false},
	}
	for _, tt := range tests {
		if got := IsGoIdentifier(tt.in); got != tt.goOK {
			t.Errorf("IsGoIdentifier(%q) = %v, want %v", tt.in, got, tt.goOK)
		}
		if got := IsTSIdentifier(tt.in); got != tt.tsOK {
			t.Errorf("IsTSIdentifier(%q) = %v, want %v", tt.in, got, tt.tsOK)
		}
		if got := IsGoReserved(tt.in); got != tt.goRes {
			t.Errorf("IsGoReserved(%q) = %v, want %v", tt.in, got, tt.goRes)
		}
		if got := IsTSReserved(tt.in); got != tt.tsRes {
			t.Errorf("IsTSReserved(%q) = %v, want %v", tt.in, got, tt.tsRes)
		}
	}
}

// Every conversion of a name that starts with a letter must be a valid
// identifier in its language.
func TestResultsAreIdentifiers(t *testing.T) {
	for _, in := range []string{"userId", "type", "func", "delete", "tv-display", "join:user", "a_b-c:d.e/f", "len", "class"} {
		if id := GoExported(in); !IsGoIdentifier(id) {
			t.Errorf("GoExported(%q) = %q is not a Go identifier", in, id)
		}
		if id := GoUnexported(in); !IsGoIdentifier(id) || IsGoReserved(id) {
			t.Errorf("GoUnexported(%q) = %q is not a usable Go identifier", in, id)
		}
		if id := TSCamel(in); !IsTSIdentifier(id) {
			t.Errorf("TSCamel(%q) = %q is not a TS identifier", in, id)
		}
		if id := TSPascal(in); !IsTSIdentifier(id) {
			t.Errorf("TSPascal(%q) = %q is not a TS identifier", in, id)
		}
	}
}
