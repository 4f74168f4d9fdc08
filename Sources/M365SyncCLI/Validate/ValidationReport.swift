import Foundation
import M365Core

/// What `validate` prints and how it exits.
public struct ValidationReport: Sendable, Equatable {
    public var status: ExitStatus
    public var standardOutput: String
    public var standardError: String

    /// `configuration OK: 2 jobs (…)` on stdout and warnings on stderr, or one error per line on stderr.
    static func text(_ outcome: Result<LoadedConfiguration, ConfigurationError>, directory: String) -> ValidationReport
    {
        switch outcome {
        case .success(let configuration):
            let jobs = configuration.jobs.map(summary).joined(separator: "; ")
            let count = configuration.jobs.count == 1 ? "1 job" : "\(configuration.jobs.count) jobs"
            let line = "configuration OK: \(count)" + (jobs.isEmpty ? "" : " (\(jobs))") + "\n"
            let warnings = configuration.warnings.map { "\($0)\n" }.joined()
            return ValidationReport(status: .success, standardOutput: line, standardError: warnings)
        case .failure(let error):
            let errors = error.issues.filter { $0.severity == .error }
            let lines = error.issues.map { "\($0)\n" }.joined()
            let noun = errors.count == 1 ? "1 error" : "\(errors.count) errors"
            return ValidationReport(
                status: .configuration,
                standardOutput: "",
                standardError: lines + "configuration invalid: \(noun) in \(directory)\n"
            )
        }
    }

    /// The same result as one JSON object on stdout.
    static func json(_ outcome: Result<LoadedConfiguration, ConfigurationError>, directory: String) -> ValidationReport
    {
        let document: ValidationDocument
        switch outcome {
        case .success(let configuration):
            document = ValidationDocument(
                ok: true,
                directory: configuration.directory,
                jobs: configuration.jobs.map(ValidationDocument.Job.init),
                errors: [],
                warnings: configuration.warnings.map(ValidationDocument.Issue.init)
            )
        case .failure(let error):
            document = ValidationDocument(
                ok: false,
                directory: directory,
                jobs: [],
                errors: error.issues.filter { $0.severity == .error }.map(ValidationDocument.Issue.init),
                warnings: error.issues.filter { $0.severity == .warning }.map(ValidationDocument.Issue.init)
            )
        }
        return ValidationReport(
            status: document.ok ? .success : .configuration,
            standardOutput: ReportJSON.encode(document) + "\n",
            standardError: ""
        )
    }

    /// `sales: personalContacts every 30m, disabled`.
    static func summary(_ job: JobDefinition) -> String {
        var text = "\(job.name): \(job.kind.rawValue) every \(job.schedule.interval.configurationText)"
        if !job.enabled { text += ", disabled" }
        if job.dryRun { text += ", dry run" }
        return text
    }
}

/// The JSON shape of `validate --json`.
struct ValidationDocument: Codable, Equatable {
    struct Job: Codable, Equatable {
        var name: String
        var kind: String
        var file: String
        var enabled: Bool
        var dryRun: Bool
        var interval: String

        init(_ job: JobDefinition) {
            name = job.name
            kind = job.kind.rawValue
            file = job.file
            enabled = job.enabled
            dryRun = job.dryRun
            interval = job.schedule.interval.configurationText
        }
    }

    struct Issue: Codable, Equatable {
        var file: String
        var path: String
        var message: String

        init(_ issue: ConfigurationIssue) {
            file = issue.file
            path = issue.path
            message = issue.message
        }
    }

    var ok: Bool
    var directory: String
    var jobs: [Job]
    var errors: [Issue]
    var warnings: [Issue]
}
