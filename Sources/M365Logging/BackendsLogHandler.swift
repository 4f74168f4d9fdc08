import Foundation
import Logging

/// A swift-log handler that fans each event out to the backends whose own level admits it.
struct BackendsLogHandler: LogHandler {
    let label: String
    let sinks: LogSinkSet
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Set when a logger lowers or raises its own level; otherwise the backends' lowest level applies.
    private var levelOverride: Logger.Level?

    init(label: String, sinks: LogSinkSet, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sinks = sinks
        self.metadataProvider = metadataProvider
    }

    var logLevel: Logger.Level {
        get { levelOverride ?? sinks.minimum }
        set { levelOverride = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let targets = sinks.current.filter { $0.threshold <= event.level }
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
