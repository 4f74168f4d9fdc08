import Foundation
import M365Client
import M365Core
import M365Curl
import M365Jobs
import M365Primitives
import M365Simulator
import M365TestSupport
import Testing

/// What the incremental tests share: a full read's plan to compare with, and the requests of a run.
extension PersonalContactsFixture {
    /// The plan of a full read of the source and every mailbox (no mirror: a run without a state store), as a dry
    /// run. Empty when the mailboxes are exactly what a full read would make them.
    func fullReadPlan(_ name: String = "pc") async throws -> JobReport {
        var clientOptions = M365ClientOptions.quickRetries
        clientOptions.directoryPageSize = 10
        clientOptions.contactsPageSize = 10
        let executor = JobExecutor(
            environment: SyncEnvironment(
                configuration: deployment.configuration,
                transport: try HTTPTransport(),
                stateStore: nil,
                clientOptions: clientOptions
            )
        )
        return await executor.run(
            try job(name),
            options: JobRunOptions(runID: UUID().uuidString, logger: Self.quietLogger, dryRun: true)
        )
    }

    /// Checks that a full read would change nothing: the incremental runs left every mailbox as a full run would.
    func expectFullReadAgrees(_ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let plan = try await fullReadPlan()
        #expect(plan.status == .succeeded, "\(context) \(plan)", sourceLocation: sourceLocation)
        let totals = plan.totals
        #expect(
            totals.add + totals.update + totals.remove == 0,
            "a full read would still change something \(context): \(plan.targets.flatMap(\.actions))",
            sourceLocation: sourceLocation
        )
    }

    /// The requests of the simulator's log whose endpoint is `endpoint`.
    func requests(_ endpoint: String) async -> [RequestLogEntry] {
        await control.requestLog().filter { $0.endpoint == endpoint }
    }

    /// The listings of a mailbox's contacts (not a single contact's read) in the simulator's log.
    func listings() async -> [String] {
        await requests("graph.mailbox.contacts").filter { $0.method == "GET" }.map(\.target).filter {
            $0.split(separator: "?").first?.hasSuffix("/contacts") == true
        }
    }

    /// Owned contacts per source id in `mailbox` (more than one is a duplicate).
    func ownedCounts(_ mailbox: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for contact in try await managed(mailbox) {
            if let id = PersonalContactsOwnerEditsTests.sourceId(of: contact) { counts[id, default: 0] += 1 }
        }
        return counts
    }
}
