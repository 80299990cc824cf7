// Package realtimelive delivers the sales floor's real-time notifications through the server
// generated from schema/events.yaml (generated/realtime), and serves its client events.
//
// A Live is three things at once: the live.Notifier and live.Presence the floor service reports to,
// converting the app's payloads into the generated ones; the generated server's Config (session
// authentication from the session cookie, the room rules the schema leaves to the application); and
// the handlers of client events (roleplay and field chat messages, progress reports, notifications
// read), which call the floor service.
//
// Notifier methods never block on clients (generated emitters only queue) and log what they could
// not send: a payload the schema refuses is a bug worth seeing, but never fails the sale or quiz
// that caused it.
package realtimelive

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/live"
	"github.com/rtgen/rtgen/generated/realtime"
	"github.com/rtgen/rtgen/runtime/socketio"
)

// Config configures a Live.
type Config struct {
	// Sessions resolves the session cookie of a socket's handshake. Required.
	Sessions *auth.Manager
	// Logger: nil → slog.Default().
	Logger *slog.Logger
}

// Live is the real-time layer of the sales floor on the generated server. Create it with New,
// then Bind the floor service before serving.
type Live struct {
	rt       *realtime.Server
	sessions *auth.Manager
	floor    *floor.Service
	log      *slog.Logger
	notices  atomic.Uint64

	// Replies to roleplay and field messages are prepared after the message is acknowledged, on
	// goroutines that outlive the event handler: bg is their context, replies counts them.
	bg      context.Context
	stop    context.CancelFunc
	replies sync.WaitGroup
}

var (
	_ live.Notifier = (*Live)(nil)
	_ live.Presence = (*Live)(nil)
)

// New registers every namespace of the schema on srv and returns the Live that serves them.
func New(srv *socketio.Server, cfg Config) (*Live, error) {
	if cfg.Sessions == nil {
		return nil, errors.New("realtimelive: Config.Sessions is required")
	}
	l := &Live{sessions: cfg.Sessions, log: cfg.Logger}
	if l.log == nil {
		l.log = slog.Default()
	}
	l.bg, l.stop = context.WithCancel(context.Background())
	h := handlers{l}
	rt, err := realtime.Register(srv, realtime.Config{
		Authenticate:          l.authenticate,
		LeaderboardAuthorizer: h,
		Training:              h,
		TrainingAuthorizer:    h,
		Field:                 h,
		FieldAuthorizer:       h,
		Main:                  h,
	})
	if err != nil {
		return nil, err
	}
	l.rt = rt
	for _, ns := range l.namespaces() {
		ns.OnConnection(joinTokenRoom)
	}
	return l, nil
}

// namespaces are the generated server's namespaces.
func (l *Live) namespaces() []*socketio.Namespace {
	return []*socketio.Namespace{l.rt.Leaderboard.Namespace(), l.rt.Training.Namespace(), l.rt.Field.Namespace(), l.rt.Main.Namespace()}
}

// Bind gives the client-event handlers and room rules the floor service they act on. The floor
// service reports to the Live and the handlers call the floor service, so one of them has to come
// second: call Bind once, after floor.New and before the socket server serves.
func (l *Live) Bind(f *floor.Service) { l.floor = f }

// Close waits for the replies still being prepared to be delivered, until ctx is done; then it
// cancels the rest and waits for them to give up. Shut the socket server down first, so that no
// new message starts a reply.
func (l *Live) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		l.replies.Wait()
		close(done)
	}()
	select {
	case <-done:
		l.stop()
		return nil
	case <-ctx.Done():
		l.stop()
		<-done
		return ctx.Err()
	}
}

// background runs fn, which prepares a reply, on a goroutine of its own that Close waits for.
func (l *Live) background(fn func(ctx context.Context)) {
	l.replies.Add(1)
	go func() {
		defer l.replies.Done()
		fn(l.bg)
	}()
}

// IsUserConnected reports whether the user has a signed-in page open: every page joins the user's
// room on the main namespace.
func (l *Live) IsUserConnected(ctx context.Context, userID int64) (bool, error) {
	return l.rt.Main.IsUserConnected(ctx, userID)
}

// ConnectedClientsCount is the number of screens showing the leaderboard (the leaderboard pages
// and TV displays).
func (l *Live) ConnectedClientsCount(ctx context.Context) (int, error) {
	return l.rt.Leaderboard.ConnectedClientsCount(ctx)
}
