import Foundation
import Logging
import M365Core
import M365Metrics
import M365State

extension Daemon {
    /// Replaces the metrics textfile, when metrics are configured; a failure is logged and the daemon goes on.
    ///
    /// The per-job gauges are refreshed from the run history first, so runs made by `m365sync run` and runs
    /// from before a restart show too.
    func writeMetrics() {
        guard let configuration, let textfile = configuration.global.metrics?.textfile else { return }
        if let stateStore {
            do {
                try metrics.seed(jobs: configuration.jobs.map(\.name), from: stateStore)
            } catch {
                logger.warning(
                    "Cannot read the run history for metrics",
                    metadata: ["error": .string(error.description)]
                )
            }
        }
        do {
            try metrics.write(to: textfile)
        } catch {
            logger.warning(
                "Cannot write the metrics file",
                metadata: ["path": .string(textfile), "error": .string(error.description)]
            )
        }
    }
}
