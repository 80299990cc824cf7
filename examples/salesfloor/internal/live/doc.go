// Package live is the sales floor's one door to real-time delivery. The application calls a Notifier
// whenever something happened that connected clients should see, and asks Presence who is connected;
// it never talks to sockets itself. The payload types mirror the real-time schema's payloads (the
// seed's RankingUpdate, XPGainEvent, LevelUpEvent and AchievementEvent field for field, with the same
// JSON names), so an implementation on generated emitters is a field-by-field conversion.
//
// Notifier methods are called synchronously from request handlers and the simulator: an
// implementation must not block on slow clients, and reports its own delivery failures (a broken
// broadcast never fails a recorded sale). Payloads passed in are owned by the callee.
package live
