package live

import (
	"context"
	"strings"
	"sync"
	"testing"
)

func TestRecorder(t *testing.T) {
	var r Recorder
	ctx := context.Background()
	r.RankingsChanged(ctx, RankingsChange{Updates: []RankingUpdate{{UserID: 1, PreviousRank: 3, NewRank: 1}}})
	r.RoleplayTyping(ctx, "rp-1", true)
	r.XPGained(ctx, XPGainEvent{UserID: 1, Amount: 40})
	r.RoleplayTyping(ctx, "rp-1", false)

	if got := strings.Join(r.Methods(), ","); got != "RankingsChanged,RoleplayTyping,XPGained,RoleplayTyping" {
		t.Fatalf("methods %s", got)
	}
	typing := Recorded[Typing](&r)
	if len(typing) != 2 || !typing[0].IsTyping || typing[1].IsTyping || typing[0].SessionID != "rp-1" {
		t.Fatalf("typing %+v", typing)
	}
	if c := Recorded[RankingsChange](&r); len(c) != 1 || !c[0].Updates[0].Moved() {
		t.Fatalf("changes %+v", c)
	}
	r.Reset()
	if len(r.Calls()) != 0 {
		t.Fatal("Reset kept calls")
	}
}

func TestRecorderIsSafeForConcurrentUse(t *testing.T) {
	var r Recorder
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			r.XPGained(context.Background(), XPGainEvent{Amount: i})
			r.SetConnected(int64(i%5), true)
		})
	}
	wg.Wait()
	if n := len(Recorded[XPGainEvent](&r)); n != 50 {
		t.Fatalf("%d calls recorded", n)
	}
	if n, _ := r.ConnectedClientsCount(context.Background()); n != 5 {
		t.Fatalf("connected %d", n)
	}
	r.SetConnected(3, false)
	if ok, _ := r.IsUserConnected(context.Background(), 3); ok {
		t.Fatal("user 3 still connected")
	}
}

func TestNopKnowsNobody(t *testing.T) {
	var n Nop
	n.GlobalNotice(context.Background(), Notice{Title: "x"})
	if ok, err := n.IsUserConnected(context.Background(), 1); ok || err != nil {
		t.Fatal("Nop sees a user")
	}
}
