import Foundation
import M365Client
import M365Core
import M365Curl
import M365Daemon
import M365Jobs
import M365Primitives
import M365Simulator

extension SoakWorld {
    /// What a round does to the delta queries: nothing, every link expired (410 on the next use), or replays and
    /// duplicates switched on or off (both documented by Graph).
    func disturbDelta(_ random: inout SeededRandom) async throws -> Bool {
        switch random.below(6) {
        case 0:
            try await control.expireDeltaTokens(tenantId: source)
            return true
        case 1:
            try await control.setDeltaReplays(tenantId: source, random.chance(0.5))
            return true
        default:
            return false
        }
    }

    /// The personal contacts job's plan from a full read of the source and every mailbox (a dry run without the
    /// mirror). After a clean incremental run it must be empty: the incremental run left every mailbox as a full
    /// run makes it.
    func fullReadChanges() async throws -> [ActionReport] {
        let configuration = try ConfigurationLoader.load(directory: deployment.directory.path, environment: [:])
        guard let job = configuration.jobs.first(where: { $0.name == "pc" }) else { return [] }
        let executor = JobExecutor(
            environment: SyncEnvironment(configuration: configuration, transport: try HTTPTransport(), stateStore: nil)
        )
        let report = await executor.run(
            job,
            options: JobRunOptions(runID: UUID().uuidString, logger: Self.quietLogger, dryRun: true)
        )
        if report.status != .succeeded {
            return [ActionReport(action: .update, sourceId: "", displayName: "", email: "", error: report.error)]
        }
        return report.targets.flatMap(\.actions).filter { $0.status == .planned }
    }

    /// Records a violation when a clean round's incremental run left something a full read would change.
    func checkEquivalence(round: Int, outcome: inout ConvergenceSoak.Outcome) async throws {
        outcome.equivalenceChecks += 1
        for action in try await fullReadChanges() {
            outcome.violations.append(
                "seed \(configuration.seed) round \(round): after an incremental run a full read would still "
                    + "\(action.action) \(action.sourceId) \(action.changes.keys.sorted()) \(action.error ?? "")"
            )
        }
    }
}
