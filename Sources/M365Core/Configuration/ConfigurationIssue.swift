/// One problem found in the configuration: where it is and what was expected.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Path of the file relative to the configuration directory, e.g. `jobs.d/sales.json`.
    public var file: String
    /// JSON path inside the file, e.g. `.target.mailboxes[2]`; empty for the whole file.
    public var path: String
    public var message: String
    public var severity: Severity

    public init(file: String, path: String, message: String, severity: Severity = .error) {
        self.file = file
        self.path = path
        self.message = message
        self.severity = severity
    }

    /// `jobs.d/sales.json: .target.mailboxes[2]: expected a string`.
    public var description: String {
        let location = path.isEmpty ? file : "\(file): \(path)"
        return severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}

/// The configuration could not be loaded; carries every issue found in one pass.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigurationIssue]

    public init(issues: [ConfigurationIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }

    /// Short, payload-free name for log fields and metrics.
    public var name: String { "configurationInvalid" }

    /// The issues that are errors (the others are warnings).
    public var errors: [ConfigurationIssue] { issues.filter { $0.severity == .error } }
}
