package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRankOrdersByValueThenCountThenName(t *testing.T) {
	got := Rank([]Standing{
		{UserID: 1, UserName: "Cara", Value: 500, Count: 2},
		{UserID: 2, UserName: "Abe", Value: 900, Count: 1},
		{UserID: 3, UserName: "Bea", Value: 500, Count: 3},
		{UserID: 4, UserName: "Ann", Value: 500, Count: 2},
		{UserID: 5, UserName: "Zed", Value: 0},
	})
	var ids []int64
	for i, r := range got {
		if r.Rank != i+1 {
			t.Fatalf("row %d has rank %d", i, r.Rank)
		}
		ids = append(ids, r.UserID)
	}
	if diff := cmp.Diff([]int64{2, 3, 4, 1, 5}, ids); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
}

func TestRankDoesNotModifyInput(t *testing.T) {
	in := []Standing{{UserID: 1, Value: 1}, {UserID: 2, Value: 2}}
	Rank(in)
	if in[0].UserID != 1 {
		t.Fatal("Rank reordered its input")
	}
}

func TestRankChangesReportsMoversAndActor(t *testing.T) {
	before := Rank([]Standing{
		{UserID: 1, UserName: "A", Value: 300},
		{UserID: 2, UserName: "B", Value: 200},
		{UserID: 3, UserName: "C", Value: 100},
		{UserID: 4, UserName: "D", Value: 50},
	})
	// C sells 250: passes B and A's lead stays.
	after := Rank([]Standing{
		{UserID: 1, UserName: "A", Value: 300},
		{UserID: 2, UserName: "B", Value: 200},
		{UserID: 3, UserName: "C", Value: 350},
		{UserID: 4, UserName: "D", Value: 50},
	})
	got := RankChanges(before, after, 3)
	type move struct {
		ID       int64
		From, To int
		Value    int64
		TookLead bool
		HasMoved bool
	}
	var moves []move
	for _, c := range got {
		moves = append(moves, move{c.UserID, c.PreviousRank, c.Rank, c.Value, TookTheLead(c), c.Moved()})
	}
	want := []move{
		{3, 3, 1, 350, true, true},
		{1, 1, 2, 300, false, true},
		{2, 2, 3, 200, false, true},
	}
	if diff := cmp.Diff(want, moves); diff != "" {
		t.Fatalf("changes (-want +got):\n%s", diff)
	}
}

func TestRankChangesIncludesActorWhoseRankHeld(t *testing.T) {
	before := Rank([]Standing{{UserID: 1, UserName: "A", Value: 300}, {UserID: 2, UserName: "B", Value: 100}})
	after := Rank([]Standing{{UserID: 1, UserName: "A", Value: 300}, {UserID: 2, UserName: "B", Value: 150}})
	got := RankChanges(before, after, 2)
	if len(got) != 1 || got[0].UserID != 2 || got[0].Moved() || got[0].PreviousRank != 2 {
		t.Fatalf("got %+v, want only the actor with rank 2→2", got)
	}
	if len(RankChanges(before, after, 0)) != 0 {
		t.Fatal("no actor and no movers must report nothing")
	}
}

func TestRankChangesNewcomerHasPreviousRankZero(t *testing.T) {
	before := Rank([]Standing{{UserID: 1, UserName: "A", Value: 300}})
	after := Rank([]Standing{{UserID: 1, UserName: "A", Value: 300}, {UserID: 9, UserName: "N", Value: 10}})
	got := RankChanges(before, after, 0)
	if len(got) != 1 || got[0].UserID != 9 || got[0].PreviousRank != 0 || got[0].Rank != 2 {
		t.Fatalf("got %+v", got)
	}
}
