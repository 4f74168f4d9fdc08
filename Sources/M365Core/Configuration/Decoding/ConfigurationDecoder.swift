#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes a configuration directory's files from bytes into the model, reporting every issue in one pass.
///
/// Pure: the caller reads the files; this type checks syntax, keys, types, ranges and cross-file references.
/// Files named by the configuration (secrets, keys, CA files) come back as `fileReferences` for the caller to check.
public enum ConfigurationDecoder {
    /// The global file's name inside the configuration directory.
    public static let globalFileName = "m365sync.json"
    /// The folder of job files inside the configuration directory.
    public static let jobsDirectoryName = "jobs.d"

    /// One job file: its name relative to the configuration directory and its bytes.
    public struct JobFile: Sendable {
        public var file: String
        public var data: Data

        public init(file: String, data: Data) {
            self.file = file
            self.data = data
        }
    }

    /// What decoding found.
    public struct Result: Sendable {
        /// The configuration, when there was no error (warnings allowed).
        public var configuration: LoadedConfiguration?
        /// Files to check on disk, also when there were errors.
        public var fileReferences: [ConfigurationFileReference]
        /// Errors and warnings, in file order.
        public var issues: [ConfigurationIssue]

        public var errors: [ConfigurationIssue] { issues.filter { $0.severity == .error } }
        public var warnings: [ConfigurationIssue] { issues.filter { $0.severity == .warning } }
    }

    /// Decodes `m365sync.json` (nil when missing) and the job files of the absolute `directory`.
    public static func decode(directory: String, global: Data?, jobs: [JobFile]) -> Result {
        var issues: [ConfigurationIssue] = []
        var globalResult: GlobalResult?
        if let global {
            let result = decodeGlobal(global, directory: directory)
            issues += result.issues
            globalResult = result
        } else {
            issues.append(
                ConfigurationIssue(
                    file: globalFileName,
                    path: "",
                    message: "file not found; the configuration directory must contain \(globalFileName)"
                )
            )
        }
        let decodedJobs = decodeJobs(jobs, tenants: globalResult?.tenantNames)
        issues += decodedJobs.issues
        if jobs.isEmpty, global != nil {
            issues.append(
                ConfigurationIssue(
                    file: jobsDirectoryName,
                    path: "",
                    message: "no job files (*.json); the daemon will have nothing to do",
                    severity: .warning
                )
            )
        }
        var configuration: LoadedConfiguration?
        if let globalConfiguration = globalResult?.configuration, !decodedJobs.failed {
            configuration = LoadedConfiguration(
                directory: directory,
                global: globalConfiguration,
                jobs: decodedJobs.definitions.sorted { $0.name < $1.name },
                warnings: issues.filter { $0.severity == .warning }
            )
        }
        return Result(
            configuration: configuration,
            fileReferences: globalResult?.fileReferences ?? [],
            issues: issues
        )
    }

    /// The job files in file order: the definitions, whether any failed (or repeated a name), and their issues.
    static func decodeJobs(
        _ jobs: [JobFile],
        tenants: Set<String>?
    ) -> (definitions: [JobDefinition], failed: Bool, issues: [ConfigurationIssue]) {
        var issues: [ConfigurationIssue] = []
        var definitions: [JobDefinition] = []
        var jobsFailed = false
        var firstFileOfName: [String: String] = [:]
        for job in jobs.sorted(by: { $0.file < $1.file }) {
            let result = decodeJob(job.data, file: job.file, tenants: tenants)
            issues += result.issues
            guard let definition = result.definition else {
                jobsFailed = true
                continue
            }
            if let other = firstFileOfName[definition.name] {
                jobsFailed = true
                issues.append(
                    ConfigurationIssue(
                        file: job.file,
                        path: result.nameWasWritten ? ".name" : "",
                        message:
                            "the job name \"\(definition.name)\" is already used by \(other); job names must be unique"
                    )
                )
                continue
            }
            firstFileOfName[definition.name] = job.file
            definitions.append(definition)
        }
        return (definitions, jobsFailed, issues)
    }

    /// Parses a file's bytes, turning a syntax error into an issue.
    static func parse(_ data: Data, context: ConfigDecodingContext) -> ConfigJSON? {
        do {
            return try ConfigJSONParser.parse([UInt8](data))
        } catch {
            context.error(.root, error.description)
            return nil
        }
    }
}
