import Logging

/// A kind of audit event; each has a fixed journald `MESSAGE_ID` explained in `systemd/m365sync.catalog`.
public enum AuditEvent: String, Sendable, CaseIterable {
    case runStarted
    case runFinished
    case runFailed
    case contactAdded
    case contactUpdated
    case contactRemoved
    case actionFailed
    case removalsBlocked
    case folderCreated
    case targetSkipped
    case photoSkipped
    case jobLocked
    case configurationLoaded
    case configurationReloaded
    case configurationRejected
    case daemonStarted
    case daemonStopping
    case stateReset
    case mirrorDrift

    /// The journald `MESSAGE_ID` (32 lower-case hex digits); never changes once released.
    public var messageID: String {
        switch self {
        case .runStarted: "e4bf3184ce97444a8243493f4804c3f6"
        case .runFinished: "143b6c25b456429790f1bae1b37b8d4e"
        case .runFailed: "e873593b01e743b3be5dbc922e657091"
        case .contactAdded: "35b430d431134b0a93c14f133a37074b"
        case .contactUpdated: "adb305da74954ff687e07b5257493d52"
        case .contactRemoved: "5aaa8ce4d65542e0832b7e3e1c5d99e4"
        case .actionFailed: "24d0f932c9584be68b136f14ead17dd9"
        case .removalsBlocked: "d98520a1961740179bf7f913953b6527"
        case .folderCreated: "84c0621f8e3a4961858afb77bacd0e0b"
        case .targetSkipped: "575ea3617d7b450ebe4d78706abe55bd"
        case .photoSkipped: "3deef5b1b2364b1c937bcf713ab350e7"
        case .jobLocked: "5214b3359d02478e8a591c7b866a848a"
        case .configurationLoaded: "aa5084e3d92a4ca3af73df8b9d633007"
        case .configurationReloaded: "2edc94bb170f46cfa3505f9b23335632"
        case .configurationRejected: "1954f86b041c478fa1e44a29f4eb3e6a"
        case .daemonStarted: "4e9a41f8505f48839ac939af42dc77de"
        case .daemonStopping: "df33de7f2e1b44daab7183b9a5a00ac7"
        case .stateReset: "56835816ac464d729ad3ccbbe106d631"
        case .mirrorDrift: "a9ec5bfa59a1478fb4d10392f6543833"
        }
    }

    /// The constant message logged when the caller gives none.
    public var defaultMessage: Logger.Message {
        switch self {
        case .runStarted: "Run started"
        case .runFinished: "Run finished"
        case .runFailed: "Run failed"
        case .contactAdded: "Contact added"
        case .contactUpdated: "Contact updated"
        case .contactRemoved: "Contact removed"
        case .actionFailed: "Action failed"
        case .removalsBlocked: "Removals blocked by safety limits"
        case .folderCreated: "Contact folder created"
        case .targetSkipped: "Target skipped"
        case .photoSkipped: "Contact photo skipped"
        case .jobLocked: "Job is locked by another process"
        case .configurationLoaded: "Configuration loaded"
        case .configurationReloaded: "Configuration reloaded"
        case .configurationRejected: "Configuration rejected"
        case .daemonStarted: "Daemon started"
        case .daemonStopping: "Daemon stopping"
        case .stateReset: "State database was unreadable and has been reset"
        case .mirrorDrift: "A full read found the mirror out of step with the target"
        }
    }

    /// The level the event is logged at unless the caller picks another.
    public var defaultLevel: Logger.Level {
        switch self {
        case .runStarted, .runFinished, .configurationLoaded: .info
        case .contactAdded, .contactUpdated, .contactRemoved, .folderCreated: .notice
        case .configurationReloaded, .daemonStarted, .daemonStopping: .notice
        case .removalsBlocked, .targetSkipped, .photoSkipped, .jobLocked, .stateReset, .mirrorDrift: .warning
        case .runFailed, .actionFailed, .configurationRejected: .error
        }
    }
}
