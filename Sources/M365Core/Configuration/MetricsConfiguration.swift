/// Prometheus metrics for node_exporter's textfile collector (`"metrics"` in `m365sync.json`). Off when absent.
public struct MetricsConfiguration: Sendable, Equatable {
    /// Absolute path of the `.prom` file, replaced atomically at start and after every run.
    public var textfile: String

    public init(textfile: String) {
        self.textfile = textfile
    }
}
