package siometrics

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// Label values of what no schema name describes.
const (
	LabelOther   = "(other)"   // an event or room the namespace does not declare
	LabelAll     = "(all)"     // an emit to every socket of the namespace
	LabelSocket  = "(socket)"  // a socket's own id room
	LabelNoField = "(payload)" // a payload that did not decode, so no field is named
)

// Options configures a Collector. The zero value is valid.
type Options struct {
	// Prefix starts every metric name. "" → "socketio".
	Prefix string
	// Buckets are the upper bounds, in seconds, of the handler duration
	// and ack latency histograms. nil → 0.5 ms … 10 s.
	Buckets []float64
	// Cluster, when the server is one node of a cluster, is its cluster
	// adapter (a *sioredis.Cluster): its traffic with the other nodes is
	// read when scraped. nil → no cluster metrics.
	Cluster ClusterReporter
}

// DefaultBuckets cover a fast in-process handler up to the default
// acknowledgement timeout.
var DefaultBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Collector counts what one server does and reads its connection gauges
// when scraped. Register it with a prometheus.Registerer.
type Collector struct {
	srv     *socketio.Server
	cluster ClusterReporter

	connsOpened, connsClosed          *prometheus.CounterVec
	connects, refusals, disconnects   *prometheus.CounterVec
	received, emitted                 *prometheus.CounterVec
	deliveries, deliveredBytes        *prometheus.CounterVec
	joins, joinRefusals               *prometheus.CounterVec
	validationFailures, invalidFields *prometheus.CounterVec
	panics                            *prometheus.CounterVec
	handlerDuration, ackLatency       *prometheus.HistogramVec
	connections, sockets              *prometheus.Desc
	queueBytes, queueMaxBytes         *prometheus.Desc
	recoveries, replayed, dropped     *prometheus.Desc
	clusterDescs                      clusterDescs
}

var _ socketio.Observer = (*Collector)(nil)

// New returns a Collector observing srv from now on.
func New(srv *socketio.Server, opts Options) *Collector {
	if opts.Prefix == "" {
		opts.Prefix = "socketio"
	}
	if opts.Buckets == nil {
		opts.Buckets = DefaultBuckets
	}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: opts.Prefix, Name: name, Help: help}, labels)
	}
	histogram := func(name, help string, labels ...string) *prometheus.HistogramVec {
		return prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: opts.Prefix, Name: name, Help: help, Buckets: opts.Buckets}, labels)
	}
	desc := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(opts.Prefix, "", name), help, labels, nil)
	}
	c := &Collector{
		srv:                srv,
		cluster:            opts.Cluster,
		connsOpened:        counter("connections_opened_total", "Engine.IO connections accepted, by initial transport.", "transport"),
		connsClosed:        counter("connections_closed_total", "Engine.IO connections closed, by reason.", "reason"),
		connects:           counter("connects_total", "Sockets that joined a namespace.", "namespace"),
		refusals:           counter("connect_refusals_total", "Namespace CONNECTs refused by authentication, by error code.", "namespace", "code"),
		disconnects:        counter("disconnects_total", "Sockets that left a namespace, by reason.", "namespace", "reason"),
		received:           counter("events_received_total", "Client events received.", "namespace", "event"),
		emitted:            counter("events_emitted_total", "Events emitted by the server, once per targeted room template.", "namespace", "event", "room"),
		deliveries:         counter("deliveries_total", "Event packets queued for a socket of this process.", "namespace", "event"),
		deliveredBytes:     counter("delivered_bytes_total", "Bytes of the event packets queued for sockets of this process.", "namespace", "event"),
		joins:              counter("room_joins_total", "Rooms joined, by room template.", "namespace", "room"),
		joinRefusals:       counter("join_refusals_total", "Room joins refused by the room's rule, by room template.", "namespace", "room"),
		validationFailures: counter("validation_failures_total", "Client payloads refused before their handler ran.", "namespace", "event"),
		invalidFields:      counter("invalid_fields_total", "Failing fields of refused client payloads.", "namespace", "event", "field"),
		panics:             counter("handler_panics_total", "Event handlers that panicked.", "namespace", "event"),
		handlerDuration:    histogram("handler_duration_seconds", "Time spent in client event handlers.", "namespace", "event"),
		ackLatency:         histogram("ack_latency_seconds", "Time from an EmitWithAck to its end, by outcome (ok, timeout, disconnected, cancelled).", "namespace", "event", "outcome"),
		connections:        desc("connections", "Open Engine.IO connections, by transport.", "transport"),
		sockets:            desc("sockets", "Connected sockets of this process, by namespace and transport.", "namespace", "transport"),
		queueBytes:         desc("write_queue_bytes", "Bytes waiting in the write queues of every connection."),
		queueMaxBytes:      desc("write_queue_max_bytes", "Bytes waiting in the longest write queue of one connection."),
		recoveries:         desc("recoveries_total", "Reconnections that asked for connection-state recovery, by outcome (recovered, not recovered).", "namespace", "outcome"),
		replayed:           desc("recovery_replayed_total", "Events replayed to recovered sockets.", "namespace"),
		dropped:            desc("recovery_history_dropped_total", "Stored events the recovery history dropped to stay within its caps.", "namespace"),
		clusterDescs:       newClusterDescs(desc),
	}
	srv.Observe(c)
	return c
}

// vecs lists the Collector's counters and histograms.
func (c *Collector) vecs() []prometheus.Collector {
	return []prometheus.Collector{
		c.connsOpened, c.connsClosed, c.connects, c.refusals, c.disconnects, c.received, c.emitted,
		c.deliveries, c.deliveredBytes, c.joins, c.joinRefusals, c.validationFailures, c.invalidFields,
		c.panics, c.handlerDuration, c.ackLatency,
	}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, v := range c.vecs() {
		v.Describe(ch)
	}
	ch <- c.connections
	ch <- c.sockets
	ch <- c.queueBytes
	ch <- c.queueMaxBytes
	ch <- c.recoveries
	ch <- c.replayed
	ch <- c.dropped
	c.clusterDescs.describe(ch)
}

// Collect implements prometheus.Collector: the counters and histograms,
// then what is read from the server now (gauges, recovery counts) and
// from its cluster adapter.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	for _, v := range c.vecs() {
		v.Collect(ch)
	}
	st := c.srv.EngineStats()
	ch <- prometheus.MustNewConstMetric(c.connections, prometheus.GaugeValue, float64(st.Polling), "polling")
	ch <- prometheus.MustNewConstMetric(c.connections, prometheus.GaugeValue, float64(st.WebSocket), "websocket")
	ch <- prometheus.MustNewConstMetric(c.queueBytes, prometheus.GaugeValue, float64(st.QueuedBytes))
	ch <- prometheus.MustNewConstMetric(c.queueMaxBytes, prometheus.GaugeValue, float64(st.MaxQueuedBytes))
	for _, n := range c.srv.Namespaces() {
		var polling, websocket int
		for _, s := range n.LocalSockets() {
			if s.Transport() == "websocket" {
				websocket++
			} else {
				polling++
			}
		}
		ch <- prometheus.MustNewConstMetric(c.sockets, prometheus.GaugeValue, float64(polling), n.Name(), "polling")
		ch <- prometheus.MustNewConstMetric(c.sockets, prometheus.GaugeValue, float64(websocket), n.Name(), "websocket")
		rec := n.RecoveryStats()
		ch <- prometheus.MustNewConstMetric(c.recoveries, prometheus.CounterValue, float64(rec.Recovered), n.Name(), "recovered")
		ch <- prometheus.MustNewConstMetric(c.recoveries, prometheus.CounterValue, float64(rec.NotRecovered), n.Name(), "not recovered")
		ch <- prometheus.MustNewConstMetric(c.replayed, prometheus.CounterValue, float64(rec.Replayed), n.Name())
		ch <- prometheus.MustNewConstMetric(c.dropped, prometheus.CounterValue, float64(rec.HistoryDropped), n.Name())
	}
	if c.cluster != nil {
		c.clusterDescs.collect(ch, c.cluster.ClusterStats())
	}
}

// eventLabel is event when n knows it, LabelOther otherwise.
func eventLabel(n *socketio.Namespace, event string) string {
	if n.KnownEvent(event) {
		return event
	}
	return LabelOther
}

// roomLabel is the template room belongs to, or what kind of room it is.
func roomLabel(n *socketio.Namespace, room string) string {
	if t, ok := n.RoomTemplate(room); ok {
		return t
	}
	if _, ok := n.Socket(room); ok {
		return LabelSocket
	}
	return LabelOther
}

// ConnectionOpened implements socketio.Observer.
func (c *Collector) ConnectionOpened(transport string) {
	c.connsOpened.WithLabelValues(transport).Inc()
}

// ConnectionClosed implements socketio.Observer.
func (c *Collector) ConnectionClosed(reason string) {
	c.connsClosed.WithLabelValues(reason).Inc()
}

// SocketConnected implements socketio.Observer.
func (c *Collector) SocketConnected(s *socketio.Socket) {
	c.connects.WithLabelValues(s.Namespace().Name()).Inc()
}

// ConnectRefused implements socketio.Observer.
func (c *Collector) ConnectRefused(n *socketio.Namespace, code string) {
	c.refusals.WithLabelValues(n.Name(), code).Inc()
}

// SocketUpgraded implements socketio.Observer; the sockets gauge reads
// transports when scraped.
func (c *Collector) SocketUpgraded(*socketio.Socket) {}

// SocketDisconnected implements socketio.Observer.
func (c *Collector) SocketDisconnected(s *socketio.Socket, reason string) {
	c.disconnects.WithLabelValues(s.Namespace().Name(), reason).Inc()
}

// RoomsJoined implements socketio.Observer.
func (c *Collector) RoomsJoined(s *socketio.Socket, rooms []string) {
	n := s.Namespace()
	for _, r := range rooms {
		c.joins.WithLabelValues(n.Name(), roomLabel(n, r)).Inc()
	}
}

// RoomsLeft implements socketio.Observer.
func (c *Collector) RoomsLeft(*socketio.Socket, []string) {}

// JoinRefused implements socketio.Observer.
func (c *Collector) JoinRefused(s *socketio.Socket, room string) {
	n := s.Namespace()
	c.joinRefusals.WithLabelValues(n.Name(), roomLabel(n, room)).Inc()
}

// EventReceived implements socketio.Observer.
func (c *Collector) EventReceived(s *socketio.Socket, event string, _ socketio.Args) {
	n := s.Namespace()
	c.received.WithLabelValues(n.Name(), eventLabel(n, event)).Inc()
}

// HandlerDone implements socketio.Observer.
func (c *Collector) HandlerDone(s *socketio.Socket, event string, d time.Duration, panicked bool) {
	n := s.Namespace()
	ev := eventLabel(n, event)
	c.handlerDuration.WithLabelValues(n.Name(), ev).Observe(d.Seconds())
	if panicked {
		c.panics.WithLabelValues(n.Name(), ev).Inc()
	}
}

// ValidationFailed implements socketio.Observer.
func (c *Collector) ValidationFailed(s *socketio.Socket, event string, fields []string) {
	n := s.Namespace()
	ev := eventLabel(n, event)
	c.validationFailures.WithLabelValues(n.Name(), ev).Inc()
	if len(fields) == 0 {
		c.invalidFields.WithLabelValues(n.Name(), ev, LabelNoField).Inc()
	}
	for _, f := range fields {
		c.invalidFields.WithLabelValues(n.Name(), ev, fieldLabel(f)).Inc()
	}
}

// EventEmitted implements socketio.Observer: one count per distinct room
// label among rooms.
func (c *Collector) EventEmitted(n *socketio.Namespace, event string, rooms []string) {
	ev := eventLabel(n, event)
	if len(rooms) == 0 {
		c.emitted.WithLabelValues(n.Name(), ev, LabelAll).Inc()
		return
	}
	var seen [4]string // a handful of rooms per emit: no map
	labels := seen[:0]
	for _, r := range rooms {
		l := roomLabel(n, r)
		if !contains(labels, l) {
			labels = append(labels, l)
			c.emitted.WithLabelValues(n.Name(), ev, l).Inc()
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Delivered implements socketio.Observer.
func (c *Collector) Delivered(n *socketio.Namespace, p *socketio.Packet, to []*socketio.Socket) {
	if len(to) == 0 {
		return
	}
	ev := eventLabel(n, p.Event())
	c.deliveries.WithLabelValues(n.Name(), ev).Add(float64(len(to)))
	c.deliveredBytes.WithLabelValues(n.Name(), ev).Add(float64(len(to) * p.Size()))
}

// AckDone implements socketio.Observer.
func (c *Collector) AckDone(s *socketio.Socket, event string, d time.Duration, err error) {
	n := s.Namespace()
	c.ackLatency.WithLabelValues(n.Name(), eventLabel(n, event), ackOutcome(err)).Observe(d.Seconds())
}

func ackOutcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, socketio.ErrAckTimeout):
		return "timeout"
	case errors.Is(err, socketio.ErrDisconnected):
		return "disconnected"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "error"
}
