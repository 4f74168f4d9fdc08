/// A value from a configuration file as an error message quotes it: whole when short, otherwise its start and
/// its size, so that a value of megabytes costs a line, not megabytes, on the terminal and in the journal.
enum ConfigExcerpt {
    /// Values up to this many UTF-8 bytes are quoted whole.
    static let limit = 64
    /// Characters kept of a longer value.
    static let kept = 40

    /// `"value"`, or `"start of the value…" (1234567 bytes)`.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(kept))…\" (\(text.utf8.count) bytes)"
    }

    /// The value itself when short, else its start and an ellipsis (for places that add their own quotes).
    static func excerpt(_ text: String) -> String {
        guard text.utf8.count > limit else { return text }
        return "\(text.prefix(kept))…"
    }
}
