import Foundation
import Logging
import M365Client
import M365Core
import M365Logging
import M365State

/// A `personalContacts` job run: read the source once, then synchronise each mailbox.
struct PersonalContactsJob: Sendable {
    let job: JobDefinition
    let spec: PersonalContactsJobSpec
    let clients: TenantClients
    let stateStore: StateStore?
    let options: JobRunOptions

    /// How many contacts a mailbox must have handled for its end to give memory back.
    static let trimAfterContacts = 1_000

    func run() async -> (targets: [TargetReport], error: String?) {
        let logger = options.logger
        let now = Date()
        var read: SourceRead
        let reader: SourceReader
        let sourceClient: M365Client
        let targetClient: M365Client
        do {
            sourceClient = try clients.client(spec.source.tenant)
            reader = SourceReader(graph: sourceClient.graph, logger: logger, mirror: sourceMirror(now: now))
            read = try await reader.read(spec.source)
            targetClient = try clients.client(spec.target.tenant)
        } catch {
            logger.error("Job failed before any mailbox", metadata: ["error": .string(error.description)])
            return ([], error.description)
        }
        let (readStatus, skippedCount) = (read.selection.readStatus, read.selection.skippedCount)
        let mailboxes: [Mailbox]
        do {
            mailboxes = try await MailboxResolver(graph: targetClient.graph).resolve(spec.target)
        } catch {
            let failure = SyncJobError.targetReadFailed(error)
            logger.error("Cannot resolve the target mailboxes", metadata: ["error": .string(failure.description)])
            return ([], failure.description)
        }
        let planner = PersonalContactsPlanner(job: job.name, target: spec.target, safety: spec.safety)
        let desired = planner.desiredContacts(for: read.selection.people)
        let photos = await photoStep(
            read.selection.people,
            sourceGraph: sourceClient.graph,
            targetGraph: targetClient.graph
        )
        // The mailboxes need only the desired contacts: the people (with their Graph objects) go now.
        read.selection.people = []
        let sync = MailboxSync(
            job: job,
            target: spec.target,
            planner: planner,
            graph: targetClient.graph,
            stateStore: stateStore,
            options: options,
            photos: photos,
            index: DesiredIndex(
                mapper: planner.mapper,
                desired: desired,
                previous: read.previous,
                unselected: read.unselected
            ),
            desired: desired,
            now: now
        )
        let reports = await Self.forEach(mailboxes, concurrency: spec.target.maxConcurrentMailboxes) { mailbox in
            Self.releasingMemory(await sync.run(mailbox, sourceRead: readStatus, skippedPeople: skippedCount))
        } progress: { done in
            options.progress?(done, mailboxes.count)
        }
        // The source's changes are stored only now: a run that stopped before would read them again.
        if !options.dryRun, !Task.isCancelled { reader.commit(read) }
        return (reports, nil)
    }

    /// A finished mailbox's report; what a large mailbox held is free now, among what the others hold, and its
    /// pages go back. A trim costs a few milliseconds, too much to pay after each of thousands of small mailboxes.
    static func releasingMemory(_ report: TargetReport) -> TargetReport {
        let counts = report.counts
        if counts.add + counts.update + counts.remove + counts.unchanged >= trimAfterContacts { HeapTrim.trim() }
        return report
    }

    /// The source's mirror (through delta queries), when there is a state store.
    private func sourceMirror(now: Date) -> SourceMirror? {
        stateStore.map {
            SourceMirror(
                store: $0,
                job: job.name,
                tenant: spec.source.tenant,
                fullSyncInterval: job.fullSyncInterval,
                now: now,
                logger: options.logger
            )
        }
    }

    /// When the job copies photos: reads the selected users' photo metadata (those due for a check) and prepares
    /// the per-mailbox photo step.
    private func photoStep(
        _ people: [SourcePerson],
        sourceGraph: GraphClient,
        targetGraph: GraphClient
    ) async
        -> MailboxPhotos?
    {
        guard spec.target.photos else { return nil }
        let scope = PhotoSource.scope(job: job.name)
        let source = PhotoSource(
            graph: sourceGraph,
            stateStore: stateStore,
            scope: scope,
            persist: !options.dryRun,
            logger: options.logger
        )
        let photos = await source.load(
            userIds: people.filter { $0.kind == .user }.map(\.id),
            interval: spec.target.photoRefreshInterval,
            now: Date()
        )
        return MailboxPhotos(
            graph: targetGraph,
            source: source,
            photos: photos,
            stateStore: stateStore,
            scope: scope,
            dryRun: options.dryRun
        )
    }

    /// Runs `body` for every element with at most `concurrency` at once; results keep the input order.
    static func forEach<Element: Sendable, Result: Sendable>(
        _ elements: [Element],
        concurrency: Int,
        _ body: @escaping @Sendable (Element) async -> Result,
        progress: @escaping @Sendable (Int) -> Void
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: elements.count)
            var next = 0
            var done = 0
            func startNext() {
                guard next < elements.count, !Task.isCancelled else { return }
                let index = next
                next += 1
                group.addTask { (index, await body(elements[index])) }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                done += 1
                progress(done)
                startNext()
            }
            return results.compactMap { $0 }
        }
    }
}
