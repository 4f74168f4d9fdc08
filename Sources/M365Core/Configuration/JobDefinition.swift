/// One job from `jobs.d/<name>.json`.
public struct JobDefinition: Sendable, Equatable {
    /// The file name without `.json`, unless the file has `"name"`.
    public var name: String
    /// The file the job was read from, for messages.
    public var file: String
    public var enabled: Bool
    public var schedule: JobSchedule
    /// Plan and report only; make no write of any kind.
    public var dryRun: Bool
    /// How often the job reads its source and targets in full instead of through delta queries, repairing any
    /// drift between the mirror and the services.
    public var fullSyncInterval: Duration
    public var spec: JobSpec

    /// The default `fullSyncInterval`: once a day.
    public static let defaultFullSyncInterval = Duration.seconds(86_400)

    public init(
        name: String,
        file: String,
        enabled: Bool = true,
        schedule: JobSchedule = JobSchedule(),
        dryRun: Bool = false,
        fullSyncInterval: Duration = JobDefinition.defaultFullSyncInterval,
        spec: JobSpec
    ) {
        self.name = name
        self.file = file
        self.enabled = enabled
        self.schedule = schedule
        self.dryRun = dryRun
        self.fullSyncInterval = fullSyncInterval
        self.spec = spec
    }

    public var kind: JobKind {
        switch spec {
        case .personalContacts: .personalContacts
        case .mailContacts: .mailContacts
        }
    }
}

public enum JobKind: String, Sendable, Equatable, CaseIterable, Codable {
    case personalContacts
    case mailContacts
}

/// The kind-specific part of a job.
public enum JobSpec: Sendable, Equatable {
    case personalContacts(PersonalContactsJobSpec)
    case mailContacts(MailContactsJobSpec)
}

/// When a job runs. Durations are written `45s`, `15m`, `1h30m`, `2d`.
public struct JobSchedule: Sendable, Equatable {
    /// Time between the starts of two regular runs. Default 30 minutes.
    public var interval: Duration
    /// Up to this much random delay is added to every regular run. Default 0.
    public var jitter: Duration
    /// Run once as soon as the daemon starts. Default true.
    public var runOnStart: Bool

    public init(interval: Duration = .seconds(30 * 60), jitter: Duration = .zero, runOnStart: Bool = true) {
        self.interval = interval
        self.jitter = jitter
        self.runOnStart = runOnStart
    }
}

/// Deletion limits; beyond either, removals are blocked until approved with `--allow-removals`.
public struct SafetyLimits: Sendable, Equatable {
    /// Most removals allowed in one target per run.
    public var maxRemove: Int
    /// Most removals allowed as a percentage of the target's managed contacts.
    public var maxRemovePercent: Double

    public init(maxRemove: Int = 500, maxRemovePercent: Double = 10) {
        self.maxRemove = maxRemove
        self.maxRemovePercent = maxRemovePercent
    }
}

/// Which mapped fields a job writes.
public struct FieldSelection: Sendable, Equatable {
    /// When set, only these fields; otherwise every mapped field.
    public var include: [String]?
    public var exclude: [String]

    public init(include: [String]? = nil, exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Whether `field` is written under this selection.
    public func contains(_ field: String) -> Bool {
        if exclude.contains(field) { return false }
        guard let include else { return true }
        return include.contains(field)
    }
}
