import Foundation

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

    /// Peak resident set size of this process (VmHWM), in KiB.
    static func peakRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
