/// A file named by the configuration that the loader must check on disk (existence, permissions).
public struct ConfigurationFileReference: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case clientSecret = "client secret"
        case certificate
        case privateKey = "private key"
        case caFile = "CA certificate"
    }

    /// The tenant whose setting this is.
    public var tenant: String
    public var role: Role
    /// Configuration file (relative to the configuration directory) and JSON path of the setting.
    public var file: String
    public var path: String
    /// The value as written.
    public var written: String
    /// Absolute path: the written path resolved against the configuration directory.
    public var resolved: String

    /// Secrets and keys must not be readable by other users.
    public var isSecret: Bool { role == .clientSecret || role == .privateKey }

    /// A bare file name (no `/`) of a secret, certificate or key is also looked up in `$CREDENTIALS_DIRECTORY`.
    public var mayComeFromCredentialsDirectory: Bool { role != .caFile && !written.contains("/") }
}

/// Pure path arithmetic for configuration values.
public enum ConfigurationPaths {
    /// `path` if absolute, else `directory/path`; `.` and `..` components and repeated slashes are folded.
    public static func resolve(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return normalize(joined)
    }

    /// Folds `.`, `..` and repeated slashes of an absolute path.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
