package socketio

// Delivery is how a broadcast treats clients that are away or behind. The
// zero value, replay, keeps the event in the recovery history (when
// Config.Recovery is on) so that a client that reconnects in time gets it.
// Generated emitters choose it from the schema's `delivery:`.
type Delivery struct {
	volatile bool
	latest   bool
	key      string
}

// DeliverVolatile never keeps the event: it is not replayed on recovery and
// is dropped, rather than queued, for a client that is behind (64 KiB or
// more waiting to be written to it): a typing indicator is stale by the
// time it could arrive.
var DeliverVolatile = Delivery{volatile: true}

// DeliverLatest keeps only the newest event per key: a client that
// recovers after a gap gets the last one sent for each key (with key ""
// the event itself is the key), not the backlog. Keys are scoped to the
// event name.
func DeliverLatest(key string) Delivery { return Delivery{latest: true, key: key} }

// options applies d to a broadcast of event.
func (d Delivery) options(opts BroadcastOptions, event string) BroadcastOptions {
	opts.Volatile = d.volatile
	if d.latest {
		// A newline cannot occur in an event name the schema accepts, so
		// event and key never run into each other.
		opts.LatestKey = event + "\n" + d.key
	}
	return opts
}
