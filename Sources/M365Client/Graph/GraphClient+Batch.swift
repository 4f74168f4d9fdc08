import Foundation
import HTTPTypes
import Logging
import M365Core
import M365Primitives

/// One inner request for ``GraphClient/runBatched(_:mailbox:)``.
struct BatchRequest: Sendable {
    var item: GraphBatch.Item
    /// Operation name for metrics and errors, e.g. `graph.contact.update`.
    var kind: String
    /// Whether a lost or throttled attempt may be sent again.
    var idempotent: Bool
}

extension GraphClient {
    /// Applies contact writes to one mailbox through `$batch` (20 per request), one result per change, in order.
    ///
    /// Inner 429/503 are retried after the inner `Retry-After`; the mailbox's concurrency limit holds
    /// across batches and single requests. Throws only when cancelled.
    public func applyContactChanges(mailbox: String, changes: [ContactChange]) async throws -> [ContactChangeResult] {
        let requests = changes.map { change in
            BatchRequest(item: batchItem(id: "", change, mailbox), kind: change.kind, idempotent: !change.isCreate)
        }
        let replies = try await runBatched(requests, mailbox: mailbox)
        return zip(changes, replies).map { change, reply in
            ContactChangeResult(key: change.key, result: reply.map { $0.body?.objectValue.map(Self.compact) })
        }
    }

    /// What a create's reply keeps: the new contact's id, times and folder. A mailbox's first sync holds one
    /// reply per contact until the mailbox is done, so the rest of the contact (what was just sent) is dropped.
    static let keptReplyProperties = ["id", "createdDateTime", "lastModifiedDateTime", "changeKey", "parentFolderId"]

    static func compact(_ object: [String: JSONValue]) -> [String: JSONValue] {
        object.filter { keptReplyProperties.contains($0.key) }
    }

    /// Sends `requests` through `$batch`, 20 per request, one reply (2xx) or error per request, in order.
    ///
    /// With `mailbox`, the mailbox's concurrency limit holds. Inner 429/503 are retried after the inner
    /// `Retry-After`. Throws only when cancelled.
    func runBatched(_ requests: [BatchRequest], mailbox: String?) async throws -> [Result<GraphBatch.Reply, M365Error>]
    {
        var results = [Result<GraphBatch.Reply, M365Error>?](repeating: nil, count: requests.count)
        for range in GraphBatch.chunks(count: requests.count, size: min(options.batchSize, 20)) {
            try await runBatch(mailbox: mailbox, requests: requests, indices: Array(range), results: &results)
        }
        return requests.indices.map { index in
            results[index]
                ?? .failure(.invalidResponse("no result", context: ResponseContext(operation: requests[index].kind)))
        }
    }

    /// Runs one chunk, retrying its throttled items, and stores a result per index.
    private func runBatch(
        mailbox: String?,
        requests: [BatchRequest],
        indices: [Int],
        results: inout [Result<GraphBatch.Reply, M365Error>?]
    ) async throws {
        var pending = indices
        var attempt = 0
        var throttled: [Int: Int] = [:]
        let started = engine.clock.now()
        while !pending.isEmpty {
            attempt += 1
            let replies: [String: GraphBatch.Reply]
            switch try await sendBatch(pending.map { requests[$0] }, mailbox: mailbox) {
            case .success(let value):
                replies = value
            case .failure(let error):
                for index in pending { results[index] = .failure(error.with(operation: requests[index].kind)) }
                return
            }
            let outcome = sortReplies(replies, requests: requests, pending: pending, results: &results)
            await noteProgress(outcome, mailbox: mailbox, throttled: &throttled)
            guard !outcome.retry.isEmpty else { return }
            let delay = await engine.retryDelay(
                attempt: attempt,
                failure: .status(429, retryAfter: outcome.retryAfter),
                idempotent: true,
                started: started,
                mailbox: mailbox
            )
            guard let delay else {
                for (index, error) in outcome.retry { results[index] = .failure(error) }
                return
            }
            engine.logger.debug(
                "Retrying throttled batch items",
                metadata: [
                    "mailbox": "\(mailbox ?? "none")", "items": "\(outcome.retry.count)", "attempt": "\(attempt)",
                    "delay_ms": "\(Int(delay.timeInterval * 1000))",
                    "request_id": "\(outcome.retry.first?.error.requestId ?? "none")",
                ]
            )
            try await engine.pause(delay, operation: "graph.batch", pausing: mailbox)
            pending = outcome.retry.map(\.index)
        }
    }

    /// Counts the throttled inner requests (by how often each was throttled) and tells the mailbox limiter
    /// when the service applied some.
    private func noteProgress(
        _ outcome: (retry: [(index: Int, error: M365Error)], retryAfter: Duration?, succeeded: Int),
        mailbox: String?,
        throttled: inout [Int: Int]
    ) async {
        for (index, error) in outcome.retry where error.status == 429 || error.status == 503 {
            throttled[index, default: 0] += 1
            engine.metrics.recordThrottle(times: throttled[index, default: 0])
        }
        if let mailbox, outcome.succeeded > 0 { await engine.limiter.progressed(mailbox) }
    }

    /// Sends one `$batch` (inner ids 1…n in order): its replies by id, or the error that failed every item.
    /// Throws only when cancelled.
    private func sendBatch(
        _ requests: [BatchRequest],
        mailbox: String?
    ) async throws -> Result<[String: GraphBatch.Reply], M365Error> {
        let items = requests.enumerated().map { offset, request in
            var item = request.item
            item.id = "\(offset + 1)"
            return item
        }
        let object: [String: JSONValue]
        do {
            object = try await sendForObject(
                graphRequest(
                    .post,
                    root + "/$batch",
                    kind: "graph.batch",
                    body: GraphBatch.body(items),
                    mailbox: mailbox,
                    mailboxSlots: min(options.mailboxConcurrency, items.count),
                    idempotent: requests.allSatisfy(\.idempotent)
                ).carryingInnerRequests()
            )
        } catch let error as M365Error {
            if error.kind == .cancelled { throw error }
            return .failure(error)
        }
        guard let replies = GraphBatch.replies(object) else {
            return .failure(
                .invalidResponse(
                    "$batch reply has no valid \"responses\" array",
                    context: ResponseContext(operation: "graph.batch", status: 200, contentType: "application/json")
                )
            )
        }
        return .success(replies)
    }

    /// Stores final results and returns the requests to retry (with their last error) and the longest inner wait.
    private func sortReplies(
        _ replies: [String: GraphBatch.Reply],
        requests: [BatchRequest],
        pending: [Int],
        results: inout [Result<GraphBatch.Reply, M365Error>?]
    ) -> (retry: [(index: Int, error: M365Error)], retryAfter: Duration?, succeeded: Int) {
        var retry: [(index: Int, error: M365Error)] = []
        var retryAfter: Duration?
        var succeeded = 0
        for (offset, index) in pending.enumerated() {
            let request = requests[index]
            guard let reply = replies["\(offset + 1)"] else {
                results[index] = .failure(
                    .invalidResponse(
                        "$batch reply lacks this request",
                        context: ResponseContext(operation: request.kind)
                    )
                )
                continue
            }
            engine.metrics.recordBatchItem(kind: request.kind, status: reply.status)
            if (200..<300).contains(reply.status) {
                results[index] = .success(reply)
                succeeded += 1
                continue
            }
            let error = innerError(reply, kind: request.kind)
            guard RetryPolicy.mayRetry(status: reply.status, idempotent: request.idempotent) else {
                results[index] = .failure(error)
                continue
            }
            retry.append((index, error))
            if let after = reply.retryAfter(now: engine.clock.now()) {
                retryAfter = max(retryAfter ?? after, after)
            }
        }
        return (retry, retryAfter, succeeded)
    }

    private func batchItem(id: String, _ change: ContactChange, _ mailbox: String) -> GraphBatch.Item {
        let contactPath = { (contactId: String) in mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))" }
        switch change.operation {
        case .create(let folderId, let properties):
            return GraphBatch.Item(
                id: id,
                method: "POST",
                url: contactsPath(mailbox, folderId: folderId),
                body: .object(properties)
            )
        case .update(let contactId, let properties):
            return GraphBatch.Item(id: id, method: "PATCH", url: contactPath(contactId), body: .object(properties))
        case .delete(let contactId):
            return GraphBatch.Item(id: id, method: "DELETE", url: contactPath(contactId))
        case .setPhoto(let contactId, let photo):
            return GraphBatch.Item(
                id: id,
                method: "PUT",
                url: contactPath(contactId) + "/photo/$value",
                body: .string(Data(photo.bytes).base64EncodedString()),
                contentType: photo.contentType
            )
        }
    }

    func innerError(_ reply: GraphBatch.Reply, kind: String) -> M365Error {
        let error = reply.body?.objectValue?["error"]?.objectValue
        let requestId = reply.header("request-id")
        return M365Error.http(
            status: reply.status,
            serviceCode: error?["code"]?.stringValue,
            message: error?["message"]?.stringValue ?? "HTTP \(reply.status) inside $batch",
            context: ResponseContext(operation: kind, status: reply.status, requestId: requestId)
        )
    }
}
