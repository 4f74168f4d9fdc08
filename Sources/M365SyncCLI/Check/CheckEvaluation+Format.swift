import Foundation
import M365Core
import M365Primitives
import M365State

extension CheckEvaluation {
    /// `added=3 updated=1 removed=0 unchanged=40 failed=0 blocked=0`: the last runs' counts, summed.
    static func performanceData(_ counts: ActionCounts) -> String {
        [
            ("added", counts.add), ("updated", counts.update), ("removed", counts.remove),
            ("unchanged", counts.unchanged), ("failed", counts.failed), ("blocked", counts.blocked),
        ].map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    /// The time from `earlier` to `now` in configuration units, whole seconds (`1h2m`).
    static func age(_ now: Date, _ earlier: Date) -> String {
        Duration.seconds(Int64(max(now.timeIntervalSince(earlier), 0).rounded(.down))).configurationText
    }

    /// Keeps the line short and parseable: an error's first line, at most 120 characters, no `|`.
    static func shortened(_ error: String) -> String {
        let first = error.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? error
        let line = first.replacingOccurrences(of: "|", with: "/")
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }
}
