import Foundation
import M365Core
import M365Files
import SystemPackage

/// Finds the files a tenant names and checks that they exist, are private when secret, and look right.
struct CredentialFileChecker {
    /// `$CREDENTIALS_DIRECTORY`, where systemd puts `LoadCredential=` files.
    let credentialsDirectory: String?

    enum Outcome {
        /// The file to use.
        case found(String)
        case problem(ConfigurationIssue)
    }

    /// The path to use, or the issue that prevents it.
    func check(_ reference: ConfigurationFileReference) -> Outcome {
        let candidates = candidatePaths(reference)
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            var message = "\(reference.role.rawValue) file \(reference.resolved) does not exist"
            if candidates.count > 1, let credentialsDirectory {
                message += " (also looked in $CREDENTIALS_DIRECTORY \(credentialsDirectory))"
            }
            return .problem(issue(reference, message))
        }
        guard let info = try? FilePath(path).stat(), info.type == .regular else {
            return .problem(issue(reference, "\(reference.role.rawValue) file \(path) is not a regular file"))
        }
        if reference.isSecret, info.permissions.contains(.otherRead) {
            let octal = String(info.permissions.rawValue, radix: 8)
            return .problem(
                issue(
                    reference,
                    "\(reference.role.rawValue) file \(path) is readable by every user (mode 0\(octal)); "
                        + "refusing to use it: run `chmod 600 \(path)` and `chown` it to the user m365sync runs as"
                )
            )
        }
        guard FilePath(path).isReadable, let contents = FileManager.default.contents(atPath: path) else {
            return .problem(
                issue(
                    reference,
                    "\(reference.role.rawValue) file \(path) cannot be read by this user (uid \(getuid())); "
                        + "`chown` it to the user m365sync runs as"
                )
            )
        }
        if let problem = contentProblem(contents, role: reference.role) {
            return .problem(issue(reference, "\(reference.role.rawValue) file \(path) \(problem)"))
        }
        return .found(path)
    }

    /// A bare secret or key file name is looked up in `$CREDENTIALS_DIRECTORY` first, then the config directory.
    private func candidatePaths(_ reference: ConfigurationFileReference) -> [String] {
        guard reference.mayComeFromCredentialsDirectory, let credentialsDirectory, !credentialsDirectory.isEmpty else {
            return [reference.resolved]
        }
        return [ConfigurationPaths.resolve(reference.written, against: credentialsDirectory), reference.resolved]
    }

    /// A light check that the right kind of file was named; the secret itself is never kept or shown.
    private func contentProblem(_ contents: Data, role: ConfigurationFileReference.Role) -> String? {
        let text = String(decoding: contents, as: UTF8.self)
        switch role {
        case .clientSecret:
            return text.allSatisfy(\.isWhitespace) ? "is empty" : nil
        case .certificate, .caFile:
            return text.contains("-----BEGIN CERTIFICATE-----")
                ? nil : "does not contain a PEM certificate (-----BEGIN CERTIFICATE-----)"
        case .privateKey:
            return text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----")
                ? nil : "does not contain a PEM private key (-----BEGIN PRIVATE KEY-----)"
        }
    }

    private func issue(_ reference: ConfigurationFileReference, _ message: String) -> ConfigurationIssue {
        ConfigurationIssue(file: reference.file, path: reference.path, message: message)
    }
}
