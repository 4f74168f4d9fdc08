#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ConfigurationDecoder {
    /// What decoding one job file found.
    public struct JobResult: Sendable {
        /// The job, when the file had no error.
        public var definition: JobDefinition?
        /// Whether the name came from a `"name"` key rather than the file name.
        public var nameWasWritten: Bool
        public var issues: [ConfigurationIssue]
    }

    /// Decodes one `jobs.d/<name>.json`; `tenants` are the defined tenant names (nil: unknown, not checked).
    public static func decodeJob(_ data: Data, file: String, tenants: Set<String>?) -> JobResult {
        let context = ConfigDecodingContext(file: file)
        guard let root = parse(data, context: context), let object = ObjectReader(root, at: .root, context: context)
        else {
            return JobResult(definition: nil, nameWasWritten: false, issues: context.issues)
        }
        object.allowSchemaKey()
        let nameWasWritten = object.contains("name")
        let name = object.string("name", default: jobName(fromFile: file)) {
            checkName($0, what: "job name")
        }
        if !nameWasWritten, let problem = checkName(name, what: "job name") {
            context.error(.root, problem + "; rename the file or set \"name\"")
        }
        let kind = object.requiredChoice("kind", as: JobKind.self)
        let enabled = object.bool("enabled", default: true)
        let schedule = object.object("schedule").map(decodeSchedule) ?? JobSchedule()
        let dryRun = object.bool("dryRun", default: false)
        let fullSyncInterval = decodeFullSyncInterval(object, schedule: schedule)
        let checker = TenantChecker(tenants: tenants, context: context)
        let source = object.object("source").map { decodeSource($0, tenants: checker) }
        if source == nil, !object.contains("source") {
            object.reportMissing("source", "which directory objects to copy")
        }
        let spec: JobSpec?
        switch kind {
        case .personalContacts:
            spec = decodePersonalContacts(object, source: source, tenants: checker)
        case .mailContacts:
            spec = decodeMailContacts(object, source: source, tenants: checker)
        case nil:
            // Without a kind the kind-specific sections cannot be checked; accept their keys silently.
            _ = object.value("target")
            _ = object.value("safety")
            spec = nil
        }
        object.finish()
        guard let spec, !context.hasErrors else {
            return JobResult(definition: nil, nameWasWritten: nameWasWritten, issues: context.issues)
        }
        let definition = JobDefinition(
            name: name,
            file: file,
            enabled: enabled,
            schedule: schedule,
            dryRun: dryRun,
            fullSyncInterval: fullSyncInterval,
            spec: spec
        )
        return JobResult(definition: definition, nameWasWritten: nameWasWritten, issues: context.issues)
    }

    /// `jobs.d/sales.json` → `sales`.
    public static func jobName(fromFile file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".json") ? String(base.dropLast(5)) : base
    }

    static func decodeSchedule(_ object: ObjectReader) -> JobSchedule {
        let defaults = JobSchedule()
        let interval = object.duration("interval", default: defaults.interval, minimum: .seconds(60))
        let jitter = object.duration("jitter", default: defaults.jitter)
        if jitter >= interval, object.contains("jitter") {
            object.context.error(
                object.path("jitter"),
                "must be shorter than the interval (\(interval.configurationText)), found \(jitter.configurationText)"
            )
        }
        let runOnStart = object.bool("runOnStart", default: defaults.runOnStart)
        object.finish()
        return JobSchedule(interval: interval, jitter: jitter, runOnStart: runOnStart)
    }

    /// `fullSyncInterval`: at least an hour; one shorter than the schedule's interval makes every run a full read.
    static func decodeFullSyncInterval(_ object: ObjectReader, schedule: JobSchedule) -> Duration {
        let interval = object.duration(
            "fullSyncInterval",
            default: JobDefinition.defaultFullSyncInterval,
            minimum: .seconds(3_600)
        )
        if interval <= schedule.interval, object.contains("fullSyncInterval") {
            object.context.warning(
                object.path("fullSyncInterval"),
                "is not longer than the schedule's interval (\(schedule.interval.configurationText)): every run reads "
                    + "the source and every target in full"
            )
        }
        return interval
    }

    static func decodeSafety(_ object: ObjectReader?, defaults: SafetyLimits) -> SafetyLimits {
        guard let object else { return defaults }
        let limits = SafetyLimits(
            maxRemove: object.int("maxRemove", default: defaults.maxRemove, in: 0...Int.max),
            maxRemovePercent: object.number("maxRemovePercent", default: defaults.maxRemovePercent, in: 0...100)
        )
        object.finish()
        return limits
    }

    /// Field selection over a kind's known field names.
    static func decodeFields(_ object: ObjectReader?, known: [String]) -> FieldSelection {
        guard let object else { return FieldSelection() }
        let check = { (field: String) -> String? in
            if known.contains(field) { return nil }
            var message = "unknown field \(ConfigExcerpt.quoted(field))"
            if let suggestion = KeySuggestion.nearest(to: field, among: known) {
                message += "; did you mean \(ConfigExcerpt.quoted(suggestion))?"
            } else {
                message += "; known fields: " + known.joined(separator: ", ")
            }
            return message
        }
        let include = object.strings("include", check: check)
        if let include, include.isEmpty, object.contains("include") {
            object.context.error(
                object.path("include"),
                "must name at least one field; leave \"include\" out to write every field"
            )
        }
        let exclude = object.strings("exclude", check: check) ?? []
        object.finish()
        return FieldSelection(include: include, exclude: exclude)
    }
}

/// Checks that a job names tenants defined in `m365sync.json`.
struct TenantChecker {
    let tenants: Set<String>?
    let context: ConfigDecodingContext

    func check(_ name: String, at path: ConfigPath) {
        guard let tenants, !name.isEmpty, !tenants.contains(name) else { return }
        var message = "undefined tenant \(ConfigExcerpt.quoted(name))"
        if let suggestion = KeySuggestion.nearest(to: name, among: tenants.sorted()) {
            message += "; did you mean \(ConfigExcerpt.quoted(suggestion))?"
        } else if tenants.isEmpty {
            message += "; m365sync.json defines no tenants"
        } else {
            message += "; m365sync.json defines " + ConfigDecodingContext.list(tenants.sorted())
        }
        context.error(path, message)
    }
}
