import Foundation
import Logging
import M365Core
import M365Jobs

/// The figures of one benchmark phase.
struct BenchFigures {
    var phase: String
    var requestsByKind: [String: Int]
    var seconds: Double
    var contactsWritten: Int
    var peakRSSKiB: Int?

    var totalRequests: Int { requestsByKind.values.reduce(0, +) }

    func printed() -> String {
        let kinds = requestsByKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let rate = seconds > 0 ? Double(contactsWritten) / seconds : 0
        let rss = peakRSSKiB.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "n/a"
        return """
            \(phase)
              requests: \(totalRequests) (\(kinds))
              wall: \(String(format: "%.2f", seconds)) s, contacts written: \(contactsWritten), \
            \(String(format: "%.0f", rate))/s, peak RSS: \(rss)
            """
    }

    /// The anchor's request pattern for the same phase: one request per write, contacts listed 10 per page.
    static func anchorModel(
        phase: String,
        people: Int,
        mailboxes: Int,
        existingPerMailbox: Int,
        writesPerMailbox: Int
    ) -> String {
        let sourcePages = (people + 998) / 999
        let listPages = mailboxes * max(1, (existingPerMailbox + 9) / 10)
        let writes = mailboxes * writesPerMailbox
        return "  anchor model (\(phase)): \(sourcePages + listPages + writes) requests "
            + "(directory pages=\(sourcePages) contact list pages=\(listPages) single writes=\(writes))"
    }

    /// Runs `job` once and measures it: requests by kind, wall time, contacts written, peak RSS. A run that did
    /// not succeed is said on stdout, so its figures are not taken for a clean run.
    static func measure(
        _ phase: String,
        executor: JobExecutor,
        job: JobDefinition,
        logger: Logger
    ) async -> (report: JobReport, figures: BenchFigures) {
        let start = Date()
        // Every action listed: the benchmarks pick the people to change among those a run synced.
        let report = await TargetReport.$actionLimit.withValue(nil) {
            await executor.run(job, options: JobRunOptions(runID: UUID().uuidString, logger: logger))
        }
        let seconds = Date().timeIntervalSince(start)
        let totals = report.totals
        if report.status != .succeeded {
            let reason = report.error ?? report.targets.compactMap(\.error).first ?? "\(totals.failed) failed"
            print("\(phase): job ended \(report.status.rawValue): \(reason)")
        }
        let figures = BenchFigures(
            phase: phase,
            requestsByKind: report.requests.byKind,
            seconds: seconds,
            contactsWritten: totals.add + totals.update + totals.remove,
            peakRSSKiB: peakRSS()
        )
        return (report, figures)
    }

    /// Peak resident set size of this process (VmHWM), in KiB.
    static func peakRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
