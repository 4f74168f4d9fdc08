/// The tag m365sync writes on everything it creates: `m365sync:<job>:<source id>`.
///
/// Job names may contain colons; source object ids never do, so the last colon splits them.
public struct OwnershipMarker: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "m365sync:"

    public var job: String
    public var sourceId: String

    public init(job: String, sourceId: String) {
        self.job = job
        self.sourceId = sourceId
    }

    /// Parses an encoded marker; nil when the text is not one (spaces around it are ignored).
    public init?(parsing text: String) {
        guard let text = SyncText.normalize(text), text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let split = rest.lastIndex(of: ":") else { return nil }
        let job = String(rest[..<split])
        let sourceId = String(rest[rest.index(after: split)...])
        guard !job.isEmpty, !sourceId.isEmpty else { return nil }
        self.init(job: job, sourceId: sourceId)
    }

    /// The encoded form stored in the target.
    public var encoded: String { "\(Self.prefix)\(job):\(sourceId)" }

    public var description: String { encoded }

    /// Whether this marker belongs to `job` (job names compare exactly).
    public func belongs(to job: String) -> Bool { self.job == job }
}
