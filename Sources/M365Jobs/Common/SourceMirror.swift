import Foundation
import Logging
import M365Client
import M365Primitives
import M365State

/// Reads a job's source collections through delta queries, merged with what the mirror kept from earlier runs.
///
/// Nothing is stored while reading: ``commit(_:)`` stores a collection's changes with its new delta link in one
/// transaction once the targets were brought in line, so a run that stops early reads the same changes again.
struct SourceMirror: Sendable {
    let store: StateStore
    let job: String
    /// The source tenant's name: a link of another tenant is never used.
    let tenant: String
    let fullSyncInterval: Duration
    let now: Date
    let logger: Logger

    /// Reads one collection: the changes since the stored link, or everything when there is no usable link (none
    /// yet, another tenant or `$select`, a full read due or forced, or one the service refused as expired). The
    /// delta query's pages are taken in as they arrive.
    func read(
        kind: String,
        select: [String],
        delta: @Sendable (String?, _ handle: ([[String: JSONValue]]) throws -> Void) async throws -> DeltaEnd
    ) async throws -> SourceCollection {
        let fingerprint = tenant + "|" + select.joined(separator: ",")
        let scope = try store.mirrorScope(job: job, scope: "source:\(kind)")
        let stored = try store.mirroredObjects(job: job, kind: kind)
        let damaged = try store.damagedMirroredObjectCount(job: job, kind: kind) > 0
        let link = damaged ? nil : usableLink(scope, fingerprint: fingerprint)
        var round = SourceRound()
        let end = try await delta(link) { round.take($0) }
        if end.restartedAfterExpiry {
            logger.notice("The source's delta link expired; read it in full", metadata: ["collection": .string(kind)])
        }
        var collection =
            end.isFullRead ? round.replacing(stored, kind: kind) : round.merging(into: stored, kind: kind)
        collection.scope = MirrorScope(
            deltaLink: end.deltaLink,
            fingerprint: fingerprint,
            fullReadAt: end.isFullRead ? now : scope?.fullReadAt,
            needsFullRead: false
        )
        return collection
    }

    /// Stores what a read found, with its delta link, in one transaction.
    func commit(_ collection: SourceCollection) throws {
        try store.commitMirroredObjects(
            job: job,
            kind: collection.kind,
            changes: collection.changes,
            replaceAll: collection.replaceAll,
            scope: collection.scope,
            scopeName: "source:\(collection.kind)"
        )
    }

    private func usableLink(_ scope: MirrorScope?, fingerprint: String) -> String? {
        guard let scope, let link = scope.deltaLink, !scope.needsFullRead, scope.fingerprint == fingerprint,
            let fullReadAt = scope.fullReadAt, now.timeIntervalSince(fullReadAt) < fullSyncInterval.timeInterval
        else { return nil }
        return link
    }
}
