package siometrics_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/rtgen/rtgen/runtime/siometrics"
	"github.com/rtgen/rtgen/runtime/socketio"
)

const rooms = 10_000

// Ten thousand distinct rooms, as many refused joins and as many made-up
// client event names leave the label sets as small as the catalog: every
// room is labelled by its template, every unknown name by "(other)".
func TestLabelsStayBoundedWithTenThousandRooms(t *testing.T) {
	srv := socketio.NewServer(socketio.Config{
		EventQueueLimit: 3 * rooms,
		Logger:          slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ns := srv.Of("/lb", socketio.WithCatalog(socketio.Catalog{
		Events: []string{"rank:changed", "join:user", "leave:user", "boom"},
		Rooms:  []string{"user:{userId}", "tv-display"},
	}))
	socketio.HandleRoom(ns, socketio.RoomRequest[int64]{
		JoinEvent: "join:user", LeaveEvent: "leave:user",
		Name:  func(id int64) string { return "user:" + strconv.FormatInt(id, 10) },
		Allow: func(ctx context.Context, s *socketio.Socket, id int64) (bool, error) { return id == 1, nil },
	})
	ns.On("boom", func(context.Context, *socketio.Socket, socketio.Args, socketio.AckFunc) { panic("boom") })
	sockets := make(chan *socketio.Socket, 1)
	ns.OnConnection(func(ctx context.Context, s *socketio.Socket) { sockets <- s })
	reg := prometheus.NewRegistry()
	reg.MustRegister(siometrics.New(srv, siometrics.Options{}))
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)

	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(hs.URL, "http")+"/socket.io/?EIO=4&transport=websocket", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var errorEvents atomic.Int64
	go func() {
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			if strings.HasPrefix(string(msg), `42/lb,["error"`) {
				errorEvents.Add(1)
			}
		}
	}()
	send := func(msg string) {
		if err := ws.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	send("40/lb,")
	s := <-sockets
	for i := 1; i <= rooms; i++ {
		send(fmt.Sprintf(`42/lb,["join:user",%d]`, i))
		send(fmt.Sprintf(`42/lb,["evt-%d"]`, i))
	}
	send(`42/lb,["boom"]`)
	for deadline := time.Now().Add(30 * time.Second); errorEvents.Load() < rooms; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d error events of %d", errorEvents.Load(), rooms)
		}
	}
	for i := 1; i <= rooms; i++ {
		s.Join(fmt.Sprintf("user:%d", i), fmt.Sprintf("weird-%d", i))
		if err := ns.To(fmt.Sprintf("user:%d", i)).Emit("rank:changed", i); err != nil {
			t.Fatal(err)
		}
		if err := ns.To(fmt.Sprintf("weird-%d", i)).Emit(fmt.Sprintf("made-up-%d", i)); err != nil {
			t.Fatal(err)
		}
	}

	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	series := 0
	values := map[string][]string{} // label name → values seen
	for _, f := range families {
		for _, m := range f.Metric {
			series++
			for _, l := range m.Label {
				if !slices.Contains(values[l.GetName()], l.GetValue()) {
					values[l.GetName()] = append(values[l.GetName()], l.GetValue())
				}
			}
		}
	}
	for label, allowed := range map[string][]string{
		"room":  {"user:{userId}", "(other)", "(socket)"},
		"event": {"join:user", "rank:changed", "boom", "error", "(other)"},
	} {
		for _, v := range values[label] {
			if !slices.Contains(allowed, v) {
				t.Errorf("label %s has value %q", label, v)
			}
		}
	}
	if series > 40 {
		t.Errorf("%d series after %d rooms", series, rooms)
	}
	for _, c := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"socketio_join_refusals_total", map[string]string{"namespace": "/lb", "room": "user:{userId}"}, rooms - 1},
		{"socketio_room_joins_total", map[string]string{"namespace": "/lb", "room": "user:{userId}"}, rooms + 1},
		{"socketio_room_joins_total", map[string]string{"namespace": "/lb", "room": "(other)"}, rooms},
		{"socketio_events_received_total", map[string]string{"namespace": "/lb", "event": "(other)"}, rooms},
		{"socketio_events_received_total", map[string]string{"namespace": "/lb", "event": "join:user"}, rooms},
		{"socketio_events_emitted_total", map[string]string{"namespace": "/lb", "event": "rank:changed", "room": "user:{userId}"}, rooms},
		{"socketio_events_emitted_total", map[string]string{"namespace": "/lb", "event": "(other)", "room": "(other)"}, rooms},
		{"socketio_events_emitted_total", map[string]string{"namespace": "/lb", "event": "error", "room": "(socket)"}, rooms},
		{"socketio_deliveries_total", map[string]string{"namespace": "/lb", "event": "rank:changed"}, rooms},
		{"socketio_deliveries_total", map[string]string{"namespace": "/lb", "event": "(other)"}, rooms},
		{"socketio_handler_panics_total", map[string]string{"namespace": "/lb", "event": "boom"}, 1},
	} {
		if got := value(families, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}

// value returns the counter or gauge of family name whose labels are
// exactly labels; -1 when there is none.
func value(families []*dto.MetricFamily, name string, labels map[string]string) float64 {
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	metrics:
		for _, m := range f.Metric {
			if len(m.Label) != len(labels) {
				continue
			}
			for _, l := range m.Label {
				if labels[l.GetName()] != l.GetValue() {
					continue metrics
				}
			}
			if m.Gauge != nil {
				return m.GetGauge().GetValue()
			}
			return m.GetCounter().GetValue()
		}
	}
	return -1
}
