import Foundation
import Logging

/// A swift-log handler that fans each event out to the backends whose own level admits it.
struct BackendsLogHandler: LogHandler {
    let label: String
    let sinks: [any LogSink]
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level

    init(label: String, sinks: [any LogSink], metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sinks = sinks
        self.metadataProvider = metadataProvider
        self.logLevel = sinks.map(\.threshold).min() ?? .critical
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let targets = sinks.filter { $0.threshold <= event.level }
        guard !targets.isEmpty else { return }
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, new in new }
        }
        let record = LogRecord(event: event, metadata: merged, label: label, timestamp: Date())
        for sink in targets {
            sink.write(record)
        }
    }
}
