import Foundation
import M365Core
import M365Primitives
import M365State

extension StatusReport {
    /// The report as pretty-printed JSON with ISO 8601 dates.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A table for people: one line per job, times in `timeZone`.
    public func table(timeZone: TimeZone = .current) -> String {
        let header = [
            "JOB", "KIND", "STATE", "LAST START", "LAST END", "ADD", "UPD", "REM", "FAIL", "BLOCK", "NEXT RUN",
        ]
        var rows = [header]
        for job in jobs {
            let counts = job.lastRun?.counts
            rows.append([
                job.job,
                job.kind,
                job.enabled ? job.state : "\(job.state) (disabled)",
                Self.format(job.lastRun?.startedAt, timeZone),
                Self.format(job.lastRun?.finishedAt, timeZone),
                counts.map { String($0.add) } ?? "-",
                counts.map { String($0.update) } ?? "-",
                counts.map { String($0.remove) } ?? "-",
                counts.map { String($0.failed) } ?? "-",
                counts.map { String($0.blocked) } ?? "-",
                job.enabled ? Self.format(job.nextRunAt, timeZone) : "disabled",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        for job in jobs {
            if let holder = job.runningIn {
                let pid = holder.pid.map { " (pid \($0))" } ?? ""
                lines.append("\(job.job): running in \(holder.owner)\(pid)")
            }
            if let error = job.lastRun?.error {
                lines.append("\(job.job): last error: \(error)")
            }
        }
        if jobs.isEmpty { lines.append("no jobs in \(configurationDirectory)/jobs.d") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ date: Date?, _ timeZone: TimeZone) -> String {
        guard let date else { return "-" }
        return Timestamp(date, timeZone: timeZone).layout(dateTimeSeparator: " ", zone: "")
    }
}
