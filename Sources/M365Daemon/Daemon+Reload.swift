import Logging
import M365Core
import M365Logging
import M365Systemd

extension Daemon {
    /// SIGHUP: loads the configuration again and puts it in force as a whole, or not at all.
    ///
    /// A broken configuration is reported with every issue and the running one stays in force.
    /// Log files are reopened either way.
    func reload() {
        guard machine.mode == .running, let current = configuration else { return }
        options.notifier.notify(.reloading)
        let loaded: LoadedConfiguration
        do {
            loaded = try options.loadConfiguration()
            if loaded.global.logging != current.global.logging {
                try logging?.apply(loaded.global.logging)
            } else {
                logging?.reopenFiles()
            }
        } catch {
            logging?.reopenFiles()
            reject(error)
            return
        }
        if loaded.global.stateDirectory != current.global.stateDirectory {
            logger.warning(
                "stateDirectory changed; it takes effect at the next restart",
                metadata: ["state_directory": .string(current.global.stateDirectory)]
            )
        }
        for warning in loaded.warnings {
            logger.warning("Configuration warning", metadata: ["issue": .string(warning.description)])
        }
        configuration = loaded
        rejectedReload = nil
        let changes = loaded.jobChanges(from: current)
        process(.configure(SchedulerConfiguration(loaded), at: options.clock.now()))
        logger.audit(
            .configurationReloaded,
            metadata: [
                "config": .string(loaded.directory),
                "jobs": .stringConvertible(machine.jobs.count),
                "added": .string(changes.added.sorted().joined(separator: ",")),
                "removed": .string(changes.removed.sorted().joined(separator: ",")),
                "changed": .string(changes.changed.sorted().joined(separator: ",")),
            ]
        )
        writeMetrics()
        lastStatusLine = statusLine()
        options.notifier.notify(.ready, .status(statusLine()))
    }

    private func reject(_ error: any Error) {
        let issues: [String]
        if let error = error as? ConfigurationError {
            issues = error.issues.filter { $0.severity == .error }.map(\.description)
        } else {
            issues = ["logging: \(error)"]
        }
        for issue in issues {
            logger.error("Configuration issue", metadata: ["issue": .string(issue)])
        }
        logger.audit(
            .configurationRejected,
            metadata: [
                "errors": .stringConvertible(issues.count),
                "error": .string(issues.joined(separator: "; ")),
            ]
        )
        rejectedReload = "reload rejected (\(issues.count) error\(issues.count == 1 ? "" : "s"), see journal)"
        lastStatusLine = statusLine()
        options.notifier.notify(.ready, .status(statusLine()))
    }
}
