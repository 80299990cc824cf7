// Package siometrics exports what a runtime/socketio Server does as
// Prometheus metrics (github.com/prometheus/client_golang). It is opt-in and
// keeps no global state: New attaches a Collector to one server, and the
// application registers it with the registry it serves:
//
//	reg := prometheus.NewRegistry()
//	reg.MustRegister(siometrics.New(sockets, siometrics.Options{}))
//	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
//
// # Labels
//
// Every label set is bounded, whatever clients send. Namespaces are the
// server's own. Events are labelled by name when the namespace knows them
// (its Catalog, which generated code declares, its handlers, and the
// runtime's "error" event), "(other)" otherwise. Rooms are labelled by the
// Catalog's template an instance belongs to ("user:{userId}", never
// "user:42"), "(socket)" for a socket's own id room, "(all)" for an emit to
// the whole namespace and "(other)" for any other name. Validation failures
// name the failing field with list indexes and map keys dropped
// ("entries[].rank").
//
// # Metrics
//
// Counters, updated as things happen (names with the default prefix):
//
//	socketio_connections_opened_total{transport}        Engine.IO connections accepted
//	socketio_connections_closed_total{reason}           … closed, by reason ("slow client", "ping timeout", …)
//	socketio_connects_total{namespace}                  sockets that joined a namespace
//	socketio_connect_refusals_total{namespace,code}     CONNECTs refused by the namespace's AuthFunc
//	socketio_disconnects_total{namespace,reason}        sockets that left
//	socketio_events_received_total{namespace,event}     client events
//	socketio_events_emitted_total{namespace,event,room} server emits, once per targeted room label
//	socketio_deliveries_total{namespace,event}          event packets queued for a socket of this process
//	socketio_delivered_bytes_total{namespace,event}     … and their bytes
//	socketio_room_joins_total{namespace,room}           Socket.Join, per room
//	socketio_join_refusals_total{namespace,room}        joins a room rule refused
//	socketio_validation_failures_total{namespace,event} payloads refused before their handler ran
//	socketio_invalid_fields_total{namespace,event,field} … per failing field
//	socketio_handler_panics_total{namespace,event}      handlers that panicked
//
// Histograms: socketio_handler_duration_seconds{namespace,event} and
// socketio_ack_latency_seconds{namespace,event,outcome} (EmitWithAck;
// outcome ok, timeout, disconnected or cancelled).
//
// Gauges, read from the server when scraped: socketio_connections{transport},
// socketio_sockets{namespace,transport}, socketio_write_queue_bytes (every
// connection's queued bytes, summed) and socketio_write_queue_max_bytes.
// Connection-state recovery counters, read from each namespace's
// RecoveryStats when scraped: socketio_recoveries_total{namespace,outcome}
// (recovered, not recovered), socketio_recovery_replayed_total{namespace}
// and socketio_recovery_history_dropped_total{namespace}.
//
// # Cluster
//
// With Options.Cluster set to the server's cluster adapter (a
// *sioredis.Cluster, or anything with ClusterStats), its traffic with the
// other nodes is read when scraped:
//
//	socketio_cluster_messages_sent_total{type}      messages Redis took from this node
//	socketio_cluster_messages_received_total{type}  messages of other nodes for a namespace of this node
//	socketio_cluster_errors_total{operation}        Redis commands that failed
//	socketio_cluster_outages_total                  times Redis stopped answering
//	socketio_cluster_publish_dropped_total          messages the full publish queue dropped
//	socketio_cluster_healthy                        1 while Redis answers, 0 during an outage
//	socketio_cluster_publish_queue                  messages waiting for Redis
//	socketio_cluster_nodes{namespace}               other nodes heard from (Go nodes' heartbeats)
//
// Types are the cluster protocol's message types ("broadcast",
// "sockets_join", "fetch_sockets", "fetch_sockets_response", "heartbeat",
// …, "(other)" for a number outside the protocol); operations are append,
// read, subscribe, publish, peers, session and history (see
// sioredis.Cluster.ClusterStats). Both sets are fixed, and every member is
// exported, zero or not. A healthy cluster's errors stay at zero; during
// an outage every retry of each connection counts (backoff from 100ms to
// 1s): alert on socketio_cluster_healthy, read errors for what failed.
//
// # Concurrency
//
// A Collector is safe for concurrent use. Its Observer methods run on the
// server's goroutines, each costing a label lookup and an atomic add or a
// histogram observation; Collect walks the server's sockets, taking each
// connection's lock briefly.
package siometrics
