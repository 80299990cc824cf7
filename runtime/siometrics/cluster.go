package siometrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rtgen/rtgen/runtime/socketio"
)

// ClusterReporter describes the traffic of the server's cluster adapter
// between nodes; runtime/sioredis's Cluster is one.
type ClusterReporter interface {
	ClusterStats() socketio.ClusterStats
}

// clusterDescs describe the metrics read from a ClusterReporter when
// scraped.
type clusterDescs struct {
	sent, received, errors *prometheus.Desc
	healthy, outages       *prometheus.Desc
	queue, dropped         *prometheus.Desc
	nodes                  *prometheus.Desc
}

func newClusterDescs(desc func(name, help string, labels ...string) *prometheus.Desc) clusterDescs {
	return clusterDescs{
		sent:     desc("cluster_messages_sent_total", "Messages the cluster's broker took from this node, by message type.", "type"),
		received: desc("cluster_messages_received_total", "Messages of other nodes received for a namespace of this node, by message type.", "type"),
		errors:   desc("cluster_errors_total", "Commands to the cluster's broker (Redis) that failed, by operation.", "operation"),
		healthy:  desc("cluster_healthy", "1 while the cluster's broker answers, 0 during an outage."),
		outages:  desc("cluster_outages_total", "Times the cluster's broker stopped answering."),
		queue:    desc("cluster_publish_queue", "Messages waiting for the cluster's broker."),
		dropped:  desc("cluster_publish_dropped_total", "Messages the full publish queue dropped during an outage."),
		nodes:    desc("cluster_nodes", "Other nodes of the cluster this node hears from, by namespace.", "namespace"),
	}
}

func (d clusterDescs) describe(ch chan<- *prometheus.Desc) {
	for _, desc := range []*prometheus.Desc{d.sent, d.received, d.errors, d.healthy, d.outages, d.queue, d.dropped, d.nodes} {
		ch <- desc
	}
}

func (d clusterDescs) collect(ch chan<- prometheus.Metric, st socketio.ClusterStats) {
	counters := func(desc *prometheus.Desc, counts map[string]uint64) {
		for label, n := range counts {
			ch <- prometheus.MustNewConstMetric(desc, prometheus.CounterValue, float64(n), label)
		}
	}
	counters(d.sent, st.Sent)
	counters(d.received, st.Received)
	counters(d.errors, st.Errors)
	healthy := 0.0
	if st.Healthy {
		healthy = 1
	}
	ch <- prometheus.MustNewConstMetric(d.healthy, prometheus.GaugeValue, healthy)
	ch <- prometheus.MustNewConstMetric(d.outages, prometheus.CounterValue, float64(st.Outages))
	ch <- prometheus.MustNewConstMetric(d.queue, prometheus.GaugeValue, float64(st.Queued))
	ch <- prometheus.MustNewConstMetric(d.dropped, prometheus.CounterValue, float64(st.Dropped))
	for nsp, n := range st.Nodes {
		ch <- prometheus.MustNewConstMetric(d.nodes, prometheus.GaugeValue, float64(n), nsp)
	}
}
