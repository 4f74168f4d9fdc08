extension TargetReport: Codable {
    enum CodingKeys: String, CodingKey {
        case target, status, counts, actions, omittedActions, error
    }

    /// Reads a report; one written before `omittedActions` existed omitted nothing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            target: try container.decode(String.self, forKey: .target),
            status: try container.decode(SyncStatus.self, forKey: .status),
            counts: try container.decode(ActionCounts.self, forKey: .counts),
            actions: try container.decode([ActionReport].self, forKey: .actions),
            omittedActions: try container.decodeIfPresent(Int.self, forKey: .omittedActions) ?? 0,
            error: try container.decodeIfPresent(String.self, forKey: .error)
        )
    }

    /// Writes every key, `error` as `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(status, forKey: .status)
        try container.encode(counts, forKey: .counts)
        try container.encode(actions, forKey: .actions)
        try container.encode(omittedActions, forKey: .omittedActions)
        try container.encode(error, forKey: .error)
    }
}
