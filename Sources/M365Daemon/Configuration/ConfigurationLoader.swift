import Foundation
import M365Core

/// Reads a configuration directory (`m365sync.json`, `jobs.d/*.json`) from disk.
public enum ConfigurationLoader {
    /// Default directory when neither `--config` nor `$M365SYNC_CONFIG` is given.
    public static let defaultDirectory = "/etc/m365sync"
    /// Environment variable naming the configuration directory.
    public static let directoryEnvironmentVariable = "M365SYNC_CONFIG"
    /// Environment variable systemd sets for `LoadCredential=`.
    public static let credentialsEnvironmentVariable = "CREDENTIALS_DIRECTORY"

    /// Loads and validates everything, reporting every issue in one pass.
    ///
    /// A relative `directory` resolves against the working directory. `environment` supplies
    /// `CREDENTIALS_DIRECTORY`. Errors throw with every issue found (warnings included);
    /// on success the warnings are in `LoadedConfiguration.warnings`.
    public static func load(
        directory: String,
        environment: [String: String]
    ) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        let root = absolute(directory)
        let files = ConfigurationFiles(directory: root)
        if let problem = files.directoryProblem() {
            throw ConfigurationError(issues: [ConfigurationIssue(file: directory, path: "", message: problem)])
        }
        var issues: [ConfigurationIssue] = []
        let global = files.read(ConfigurationDecoder.globalFileName, issues: &issues)
        let jobs = files.jobFiles(issues: &issues)
        let result = ConfigurationDecoder.decode(directory: root, global: global, jobs: jobs)
        let checker = CredentialFileChecker(credentialsDirectory: environment[credentialsEnvironmentVariable])
        var chosenPaths: [ConfigurationFileReference: String] = [:]
        var fileIssues: [ConfigurationIssue] = []
        for reference in result.fileReferences {
            switch checker.check(reference) {
            case .found(let path): chosenPaths[reference] = path
            case .problem(let issue): fileIssues.append(issue)
            }
        }
        let all = ordered(issues + result.issues + fileIssues)
        guard var configuration = result.configuration, !all.contains(where: { $0.severity == .error }) else {
            throw ConfigurationError(issues: all)
        }
        configuration.global.tenants = configuration.global.tenants.mapValues { tenant in
            tenant.usingCheckedFiles(chosenPaths, references: result.fileReferences)
        }
        configuration.warnings = all.filter { $0.severity == .warning }
        return configuration
    }

    /// An absolute, normalised path; relative paths resolve against the working directory.
    static func absolute(_ directory: String) -> String {
        ConfigurationPaths.resolve(directory, against: FileManager.default.currentDirectoryPath)
    }

    /// `m365sync.json`'s issues first, then the job files in name order.
    private static func ordered(_ issues: [ConfigurationIssue]) -> [ConfigurationIssue] {
        let global = issues.filter { $0.file == ConfigurationDecoder.globalFileName }
        let others = issues.filter { $0.file != ConfigurationDecoder.globalFileName }
        return global + others
    }
}

extension TenantConfiguration {
    /// The tenant with its credential paths replaced by where the checker found them.
    func usingCheckedFiles(
        _ chosen: [ConfigurationFileReference: String],
        references: [ConfigurationFileReference]
    ) -> TenantConfiguration {
        func path(_ role: ConfigurationFileReference.Role, _ current: String) -> String {
            guard let reference = references.first(where: { $0.tenant == name && $0.role == role }) else {
                return current
            }
            return chosen[reference] ?? current
        }
        var tenant = self
        switch credential {
        case .clientSecret(let file):
            tenant.credential = .clientSecret(file: path(.clientSecret, file))
        case .certificate(let certificateFile, let privateKeyFile, let algorithm):
            tenant.credential = .certificate(
                certificateFile: path(.certificate, certificateFile),
                privateKeyFile: path(.privateKey, privateKeyFile),
                algorithm: algorithm
            )
        }
        return tenant
    }
}
