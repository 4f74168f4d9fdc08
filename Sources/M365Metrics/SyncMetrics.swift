import Foundation
import M365Core
import M365State
import Prometheus

/// The metrics of one m365sync process, kept in a Prometheus registry and rendered in the text format.
///
/// Per-job gauges describe the last run (they are seeded from the state database, so a restart keeps them);
/// counters count what this process did since it started.
public final class SyncMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Registers the process-wide metrics.
    public init(version: String, startedAt: Date) {
        gauge(.buildInfo, ["version": version]).set(to: 1)
        gauge(.startTime).set(to: startedAt.timeIntervalSince1970)
    }

    /// The metrics in Prometheus's text exposition format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// Writes the metrics to `textfile`, replacing it atomically.
    public func write(to textfile: String) throws(MetricsWriteError) {
        try MetricsTextfile(path: textfile).replace(with: exposition())
    }

    func gauge(_ name: MetricName, _ labels: KeyValuePairs<String, String> = [:]) -> Gauge {
        registry.makeGauge(descriptor: name.descriptor, labels: labels.map { ($0.key, $0.value) })
    }

    func counter(_ name: MetricName, _ labels: KeyValuePairs<String, String>) -> Counter {
        registry.makeCounter(descriptor: name.descriptor, labels: labels.map { ($0.key, $0.value) })
    }
}
