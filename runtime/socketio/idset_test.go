package socketio

import (
	"slices"
	"testing"
)

// An idSet behaves as a set through growing past two members and shrinking
// back.
func TestIDSet(t *testing.T) {
	var s idSet
	want := map[string]bool{}
	check := func(step string) {
		t.Helper()
		got := slices.Sorted(s.all())
		var w []string
		for id := range want {
			w = append(w, id)
		}
		slices.Sort(w)
		if !slices.Equal(got, w) || s.len() != len(w) {
			t.Fatalf("%s: members %q (len %d), want %q", step, got, s.len(), w)
		}
		for _, id := range []string{"a", "b", "c", "d", ""} {
			if s.has(id) != want[id] {
				t.Fatalf("%s: has(%q) = %v", step, id, s.has(id))
			}
		}
	}
	for _, op := range []struct {
		add bool
		id  string
	}{
		{true, "a"}, {true, "a"}, {true, ""}, {true, "b"}, {true, "c"}, {false, "x"},
		{false, ""}, {false, "a"}, {true, "d"}, {false, "b"}, {false, "c"}, {false, "d"}, {false, "d"},
	} {
		if op.add {
			s.add(op.id)
			want[op.id] = true
		} else {
			s.remove(op.id)
			delete(want, op.id)
		}
		check(map[bool]string{true: "add ", false: "remove "}[op.add] + op.id)
	}
	if s.m != nil {
		t.Error("an empty set keeps its map")
	}
}
