import Foundation
import M365Core
import M365Primitives

extension Daemon {
    /// One line for `systemctl status`: jobs, what runs, what comes next, the latest result.
    ///
    /// `3 jobs, 1 running (sales); next: crm at 2026-11-29T10:30:00Z; last: sales failed at 2026-11-29T10:01:12Z`
    func statusLine() -> String {
        var parts: [String] = []
        let jobs = machine.sortedJobs
        var head = "\(jobs.count) job\(jobs.count == 1 ? "" : "s")"
        let running = jobs.filter(\.isRunning).map(\.name)
        if !running.isEmpty {
            head += ", \(running.count) running (\(running.joined(separator: ",")))"
        }
        let queued = machine.queue.count
        if queued > 0 { head += ", \(queued) queued" }
        parts.append(head)
        if let next = machine.nextWaitingJob {
            parts.append("next: \(next.job.name) at \(Timestamp.rfc3339(options.clock.date(of: next.due)))")
        }
        if let last = lastResults.max(by: { ($0.value.finishedAt, $1.key) < ($1.value.finishedAt, $0.key) }) {
            parts.append("last: \(last.key) \(last.value.summary) at \(Timestamp.rfc3339(last.value.finishedAt))")
        }
        if let rejectedReload { parts.append(rejectedReload) }
        return parts.joined(separator: "; ")
    }
}
