import Foundation
import Logging
import M365Client
import M365Core
import M365State

/// The source side of a run's photo step: users' photo metadata, read at most once per refresh interval
/// (remembered in the state store), and their bytes, read at most once per run and only when a contact needs them.
actor PhotoSource {
    private let graph: GraphClient
    private let stateStore: StateStore?
    private let scope: String
    /// False in a dry run: nothing is written to the state store.
    private let persist: Bool
    private let logger: Logger
    private var records: [String: SourcePhotoRecord] = [:]
    private var reads: [Task<[String: Result<PhotoContent?, M365Error>], Never>] = []
    private var readIndex: [String: Int] = [:]

    init(graph: GraphClient, stateStore: StateStore?, scope: String, persist: Bool, logger: Logger) {
        self.graph = graph
        self.stateStore = stateStore
        self.scope = scope
        self.persist = persist
        self.logger = logger
    }

    /// The state store scope of a job's photo records.
    static func scope(job: String) -> String { "job:\(job)" }

    /// Reads the metadata of the users due for a check and returns every user's photo as known now. A user
    /// whose metadata could not be read is `.unknown`: nothing is decided for them in this run.
    func load(userIds: [String], interval: Duration, now: Date) async -> [String: SourcePhoto] {
        records = (try? stateStore?.sourcePhotos(scope: scope)) ?? [:]
        let due = PhotoPlanner.due(userIds, checkedAt: records.mapValues(\.checkedAt), now: now, interval: interval)
        var unknown: Set<String> = []
        var fresh: [SourcePhotoRecord] = []
        if !due.isEmpty {
            let results = (try? await graph.userPhotoMetadata(due)) ?? []
            for (index, id) in due.enumerated() {
                guard index < results.count, case .success(let metadata) = results[index] else {
                    unknown.insert(id)
                    continue
                }
                let known = records[id]
                let size = known?.etag == metadata?.etag ? known?.size : nil
                fresh.append(
                    SourcePhotoRecord(
                        sourceId: id,
                        etag: metadata?.etag,
                        contentType: metadata?.contentType,
                        size: size,
                        checkedAt: now
                    )
                )
            }
            for record in fresh { records[record.sourceId] = record }
            save(fresh)
        }
        logger.info(
            "Checked source photos",
            metadata: [
                "users": .stringConvertible(userIds.count), "checked": .stringConvertible(due.count),
                "unreadable": .stringConvertible(unknown.count),
            ]
        )
        var photos: [String: SourcePhoto] = [:]
        for id in userIds {
            guard !unknown.contains(id), let record = records[id] else {
                photos[id] = .unknown
                continue
            }
            photos[id] =
                record.etag.map { .photo(PhotoMetadata(etag: $0, contentType: record.contentType), size: record.size) }
                ?? .noPhoto
        }
        return photos
    }

    /// The bytes of these users' photos; each user's photo is read once per run, whichever mailbox asks first.
    func contents(for userIds: Set<String>) async -> [String: Result<PhotoContent?, M365Error>] {
        let missing = userIds.filter { readIndex[$0] == nil }.sorted()
        if !missing.isEmpty {
            let graph = graph
            reads.append(Task { await Self.read(missing, graph: graph) })
            for id in missing { readIndex[id] = reads.count - 1 }
        }
        var contents: [String: Result<PhotoContent?, M365Error>] = [:]
        for id in userIds {
            guard let index = readIndex[id] else { continue }
            let read = reads[index]
            // The reads are shared by the mailboxes; a cancelled run cancels them.
            contents[id] = await withTaskCancellationHandler {
                await read.value[id]
            } onCancel: {
                read.cancel()
            }
        }
        rememberSizes(contents)
        return contents
    }

    private static func read(_ ids: [String], graph: GraphClient) async -> [String: Result<PhotoContent?, M365Error>] {
        let results = (try? await graph.userPhotoContents(ids)) ?? []
        var byId: [String: Result<PhotoContent?, M365Error>] = [:]
        for (id, result) in zip(ids, results) { byId[id] = result }
        return byId
    }

    /// Stores the size of photos read, so a photo too large to upload is not read again while unchanged.
    private func rememberSizes(_ contents: [String: Result<PhotoContent?, M365Error>]) {
        var changed: [SourcePhotoRecord] = []
        for (id, result) in contents {
            guard case .success(let content?) = result, var record = records[id], record.size != content.bytes.count
            else { continue }
            record.size = content.bytes.count
            records[id] = record
            changed.append(record)
        }
        save(changed)
    }

    private func save(_ changed: [SourcePhotoRecord]) {
        guard persist, !changed.isEmpty else { return }
        do {
            try stateStore?.recordSourcePhotos(changed, scope: scope)
        } catch {
            logger.warning("Cannot remember source photos", metadata: ["error": .string(error.description)])
        }
    }
}
