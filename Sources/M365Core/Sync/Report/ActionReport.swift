/// Old and new value of one changed field, as report text.
public struct ValueChange: Sendable, Hashable, Codable {
    public var old: String
    public var new: String

    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }
}

/// One planned or performed action in a target.
public struct ActionReport: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case add, update, remove
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case planned, applied, failed, skipped, blocked
    }

    public var action: Kind
    public var sourceId: String
    public var displayName: String
    public var email: String
    /// Changed fields; empty for adds and removes.
    public var changes: [String: ValueChange]
    public var status: Status
    /// Why the action failed, was skipped or blocked; nil otherwise.
    @AlwaysEncoded public var error: String?

    public init(
        action: Kind,
        sourceId: String,
        displayName: String,
        email: String,
        changes: [String: ValueChange] = [:],
        status: Status = .planned,
        error: String? = nil
    ) {
        self.action = action
        self.sourceId = sourceId
        self.displayName = displayName
        self.email = email
        self.changes = changes
        self.status = status
        self.error = error
    }

    /// The same action with another outcome.
    public func with(status: Status, error: String? = nil) -> ActionReport {
        var copy = self
        copy.status = status
        copy.error = error
        return copy
    }
}
