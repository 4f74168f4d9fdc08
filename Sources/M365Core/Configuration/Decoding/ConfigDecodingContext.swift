/// Collects the issues of one configuration file while it is decoded.
final class ConfigDecodingContext {
    /// File name relative to the configuration directory.
    let file: String
    private(set) var issues: [ConfigurationIssue] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { issues.contains { $0.severity == .error } }

    func error(_ path: ConfigPath, _ message: String) {
        issues.append(ConfigurationIssue(file: file, path: path.description, message: message))
    }

    func warning(_ path: ConfigPath, _ message: String) {
        issues.append(ConfigurationIssue(file: file, path: path.description, message: message, severity: .warning))
    }
}
