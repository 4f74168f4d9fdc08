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
    /// yet, another tenant or `$select`, a full read due or forced, or one the service refused as expired).
    func read(
        kind: String,
        select: [String],
        delta: @Sendable (String?) async throws -> DeltaResult
    ) async throws -> SourceCollection {
        let fingerprint = tenant + "|" + select.joined(separator: ",")
        let scope = try store.mirrorScope(job: job, scope: "source:\(kind)")
        var stored: [String: [String: JSONValue]] = [:]
        var damaged = false
        for (id, text) in try store.mirroredObjects(job: job, kind: kind) {
            if let object = JSONValue(canonicalText: text)?.objectValue { stored[id] = object } else { damaged = true }
        }
        let link = damaged ? nil : usableLink(scope, fingerprint: fingerprint)
        let result = try await delta(link)
        if result.restartedAfterExpiry {
            logger.notice("The source's delta link expired; read it in full", metadata: ["collection": .string(kind)])
        }
        var collection =
            result.isFullRead
            ? Self.replacing(stored, with: result, kind: kind)
            : Self.merging(result, into: stored, kind: kind)
        collection.scope = MirrorScope(
            deltaLink: result.deltaLink,
            fingerprint: fingerprint,
            fullReadAt: result.isFullRead ? now : scope?.fullReadAt,
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

    /// A full read: its objects replace the mirrored ones; `previous` holds every object that differs.
    static func replacing(
        _ stored: [String: [String: JSONValue]],
        with result: DeltaResult,
        kind: String
    ) -> SourceCollection {
        var objects: [String: [String: JSONValue]] = [:]
        var anonymous = 0
        for item in result.changed {
            if let id = item["id"]?.stringValue { objects[id] = item } else { anonymous += 1 }
        }
        var previous: [String: [String: JSONValue]?] = [:]
        for (id, object) in objects where stored[id] != object { previous[id] = .some(stored[id]) }
        for (id, object) in stored where objects[id] == nil { previous[id] = .some(object) }
        return SourceCollection(
            kind: kind,
            objects: objects,
            previous: previous,
            anonymousCount: anonymous,
            changes: objects.mapValues { .some(JSONValue.object($0).canonicalText) },
            replaceAll: true,
            scope: MirrorScope()
        )
    }

    /// An incremental read: changed objects' properties merged over the mirrored ones (Graph may send only what
    /// changed), removed ones dropped.
    static func merging(
        _ result: DeltaResult,
        into stored: [String: [String: JSONValue]],
        kind: String
    ) -> SourceCollection {
        var objects = stored
        var previous: [String: [String: JSONValue]?] = [:]
        var changes: [String: String?] = [:]
        var anonymous = 0
        for item in result.changed {
            guard let id = item["id"]?.stringValue else {
                anonymous += 1
                continue
            }
            let merged = (stored[id] ?? [:]).merging(item) { _, new in new }
            guard merged != stored[id] else { continue }
            previous[id] = .some(stored[id])
            objects[id] = merged
            changes[id] = .some(JSONValue.object(merged).canonicalText)
        }
        for removal in result.removed where stored[removal.id] != nil {
            previous[removal.id] = .some(stored[removal.id])
            objects[removal.id] = nil
            changes[removal.id] = .some(nil)
        }
        return SourceCollection(
            kind: kind,
            objects: objects,
            previous: previous,
            anonymousCount: anonymous,
            changes: changes,
            replaceAll: false,
            scope: MirrorScope()
        )
    }
}
