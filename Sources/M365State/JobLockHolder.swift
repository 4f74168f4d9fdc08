import Foundation

/// The process holding a job lock, as it wrote itself into the lock file.
public struct JobLockHolder: Sendable, Hashable, Encodable {
    public var pid: Int32?
    /// e.g. `m365sync daemon` or `m365sync run (user alice)`.
    public var owner: String
    public var since: Date?
}

extension JobLockHolder: CustomStringConvertible {
    /// Parses `pid=…`, `owner=…`, `since=<unix seconds>` lines; nil when there is nothing to parse.
    init?(lockFileContents text: String) {
        var pid: Int32?
        var owner: String?
        var since: Date?
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let value = String(line[line.index(after: equals)...])
            switch line[..<equals] {
            case "pid": pid = Int32(value)
            case "owner": owner = value
            case "since": since = Double(value).map(Date.init(timeIntervalSince1970:))
            default: continue
            }
        }
        guard pid != nil || owner != nil else { return nil }
        self.init(pid: pid, owner: owner ?? "unknown", since: since)
    }

    var lockFileContents: String {
        let cleanOwner = String(owner.map { $0.isNewline ? " " : $0 })
        var text = "owner=\(cleanOwner)\n"
        if let pid { text += "pid=\(pid)\n" }
        if let since { text += "since=\(since.timeIntervalSince1970)\n" }
        return text
    }

    /// `m365sync daemon (pid 1234) since 2026-11-29T09:41:01Z`.
    public var description: String {
        var text = owner
        if let pid { text += " (pid \(pid))" }
        if let since { text += " since \(since.formatted(.iso8601))" }
        return text
    }
}
