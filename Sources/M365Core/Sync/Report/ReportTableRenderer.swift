/// Renders a run report as the readable tables of `run`/`plan` without `--json`.
public struct ReportTableRenderer: Sendable {
    /// Cells longer than this are cut with `…`.
    public var maxCellWidth: Int

    public init(maxCellWidth: Int = 40) {
        self.maxCellWidth = maxCellWidth
    }

    public func render(_ report: RunReport) -> String {
        var lines: [String] = []
        let mode = report.dryRun ? "plan (dry run)" : "run"
        lines.append("\(mode) \(report.runId): exit code \(report.exitCode)")
        for job in report.jobs { lines += render(job) }
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ job: JobReport) -> [String] {
        var lines = ["", "job \(job.job) (\(job.kind.rawValue)): \(job.status.rawValue)"]
        if let error = job.error { lines.append("  error: \(error)") }
        for target in job.targets {
            lines.append("  \(target.target): \(target.status.rawValue), \(summary(target.counts))")
            if let error = target.error { lines.append("    error: \(error)") }
            lines += table(target.actions).map { "    " + $0 }
            if target.omittedActions > 0 {
                lines.append("    … and \(target.omittedActions) more actions, counted above but not listed")
            }
        }
        return lines
    }

    /// The table of a target's listed actions; no lines when none are listed.
    func table(_ actions: [ActionReport]) -> [String] {
        guard !actions.isEmpty else { return [] }
        let rows = actions.map { action -> [String] in
            let status = action.error.map { "\(action.status.rawValue): \($0)" } ?? action.status.rawValue
            return [
                action.action.rawValue, action.displayName, action.email,
                action.changes.keys.sorted().joined(separator: ", "), status,
            ]
        }
        return table(header: ["ACTION", "CONTACT", "EMAIL", "CHANGED", "STATUS"], rows: rows)
    }

    func summary(_ counts: ActionCounts) -> String {
        [
            ("add", counts.add), ("update", counts.update), ("remove", counts.remove), ("unchanged", counts.unchanged),
            ("failed", counts.failed), ("skipped", counts.skipped), ("blocked", counts.blocked),
        ].map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    func table(header: [String], rows: [[String]]) -> [String] {
        let cells = ([header] + rows).map { $0.map(cut) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return cells.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                if index == row.count - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            return line
        }
    }

    /// One table cell: whitespace flattened, cut to `maxCellWidth` with `…`.
    public func cut(_ text: String) -> String {
        let flat = SyncText.normalize(text) ?? ""
        guard flat.count > maxCellWidth, maxCellWidth > 1 else { return flat }
        return String(flat.prefix(maxCellWidth - 1)) + "…"
    }
}
