#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ConfigurationDecoder {
    /// What decoding `m365sync.json` found.
    public struct GlobalResult: Sendable {
        /// The settings, when the file had no error.
        public var configuration: GlobalConfiguration?
        /// Names under `tenants`, when readable, so jobs can be checked even if a tenant has errors.
        public var tenantNames: Set<String>?
        public var fileReferences: [ConfigurationFileReference]
        public var issues: [ConfigurationIssue]
    }

    /// Decodes `m365sync.json`; relative paths resolve against the absolute `directory`.
    public static func decodeGlobal(_ data: Data, file: String = globalFileName, directory: String) -> GlobalResult {
        let context = ConfigDecodingContext(file: file)
        guard let root = parse(data, context: context), let object = ObjectReader(root, at: .root, context: context)
        else {
            return GlobalResult(configuration: nil, tenantNames: nil, fileReferences: [], issues: context.issues)
        }
        object.allowSchemaKey()
        let resolve = { (path: String) in ConfigurationPaths.resolve(path, against: directory) }
        let defaults = GlobalConfiguration()
        let stateDirectory = object.string("stateDirectory").map(resolve) ?? defaults.stateDirectory
        let maxConcurrentJobs = object.int("maxConcurrentJobs", default: defaults.maxConcurrentJobs, in: 1...64)
        let logging = object.object("logging").map { decodeLogging($0, resolve: resolve) } ?? defaults.logging
        let metrics = object.object("metrics").map { decodeMetrics($0, resolve: resolve) }
        let decodedTenants = decodeTenants(object, directory: directory)
        object.finish()
        let configuration = GlobalConfiguration(
            stateDirectory: stateDirectory,
            maxConcurrentJobs: maxConcurrentJobs,
            logging: logging,
            metrics: metrics,
            tenants: decodedTenants.tenants
        )
        return GlobalResult(
            configuration: context.hasErrors ? nil : configuration,
            tenantNames: decodedTenants.names,
            fileReferences: decodedTenants.references,
            issues: context.issues
        )
    }

    /// The `tenants` object: the tenants without errors, the names written, and the files they name.
    static func decodeTenants(
        _ object: ObjectReader,
        directory: String
    ) -> (tenants: [String: TenantConfiguration], names: Set<String>?, references: [ConfigurationFileReference]) {
        let context = object.context
        var tenants: [String: TenantConfiguration] = [:]
        var tenantNames: Set<String>?
        var references: [ConfigurationFileReference] = []
        if let tenantsObject = object.value("tenants") {
            if case .object(let members) = tenantsObject {
                tenantNames = Set(members.map(\.key))
                if members.isEmpty {
                    context.error(object.path("tenants"), "must define at least one tenant")
                }
                for member in members {
                    let path = object.path("tenants").appending(member.key)
                    if let problem = checkName(member.key, what: "tenant name") {
                        context.error(path, problem)
                    }
                    let decoded = decodeTenant(
                        member.value,
                        name: member.key,
                        at: path,
                        directory: directory,
                        context: context
                    )
                    references += decoded.references
                    if let tenant = decoded.tenant { tenants[member.key] = tenant }
                }
            } else {
                context.error(
                    object.path("tenants"),
                    "expected an object of tenants by name, found \(tenantsObject.kindDescription)"
                )
            }
        } else {
            tenantNames = []
            object.reportMissing("tenants", "an object of tenants by name, e.g. {\"contoso\": {…}}")
        }
        return (tenants, tenantNames, references)
    }

    static func decodeLogging(_ object: ObjectReader, resolve: (String) -> String) -> LoggingConfiguration {
        let defaults = LoggingConfiguration()
        let journald =
            object.object("journald").map { decodeBackend($0, default: defaults.journald) } ?? defaults.journald
        var file = defaults.file
        if let fileObject = object.object("file") {
            file.enabled = fileObject.bool("enabled", default: file.enabled)
            file.path = fileObject.string("path").map(resolve) ?? file.path
            file.level = fileObject.choice("level", default: file.level)
            file.maxBytes = fileObject.int("maxBytes", default: file.maxBytes, in: 65_536...Int.max)
            file.maxFiles = fileObject.int("maxFiles", default: file.maxFiles, in: 1...100)
            fileObject.finish()
        }
        let stderr = object.object("stderr").map { decodeBackend($0, default: defaults.stderr) } ?? defaults.stderr
        object.finish()
        return LoggingConfiguration(journald: journald, file: file, stderr: stderr)
    }

    static func decodeBackend(_ object: ObjectReader, default fallback: LogBackendSettings) -> LogBackendSettings {
        let settings = LogBackendSettings(
            enabled: object.bool("enabled", default: fallback.enabled),
            level: object.choice("level", default: fallback.level)
        )
        object.finish()
        return settings
    }

    /// Names of jobs and tenants appear in logs, markers and file names: keep them plain.
    static func checkName(_ name: String, what: String) -> String? {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "._-".unicodeScalars.contains(scalar))
        }
        guard !name.isEmpty, name.count <= 64, allowed, name.first != ".", name.first != "-" else {
            return
                "invalid \(what) \(ConfigExcerpt.quoted(name)): use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'"
        }
        return nil
    }
}
