import Foundation
import Logging
import M365Core
import M365Curl

extension GraphClient {
    /// Applies contact writes to one mailbox through `$batch` (20 per request), one result per change, in order.
    ///
    /// Inner 429/503 are retried after the inner `Retry-After`; the mailbox's concurrency limit holds
    /// across batches and single requests. Throws only when cancelled.
    public func applyContactChanges(mailbox: String, changes: [ContactChange]) async throws -> [ContactChangeResult] {
        var results = [Result<[String: JSONValue]?, M365Error>?](repeating: nil, count: changes.count)
        for range in GraphBatch.chunks(count: changes.count, size: min(options.batchSize, 20)) {
            try await runBatch(mailbox: mailbox, changes: changes, indices: Array(range), results: &results)
        }
        return changes.indices.map { index in
            ContactChangeResult(
                key: changes[index].key,
                result: results[index]
                    ?? .failure(.invalidResponse("no result", context: ResponseContext(operation: changes[index].kind)))
            )
        }
    }

    private func runBatch(
        mailbox: String,
        changes: [ContactChange],
        indices: [Int],
        results: inout [Result<[String: JSONValue]?, M365Error>?]
    ) async throws {
        var pending = indices
        var attempt = 0
        let started = engine.clock.now()
        while !pending.isEmpty {
            attempt += 1
            let items = pending.enumerated().map { offset, index in
                batchItem(id: "\(offset + 1)", changes[index], mailbox)
            }
            let object: [String: JSONValue]
            do {
                object = try await sendForObject(
                    .post,
                    root + "/$batch",
                    kind: "graph.batch",
                    body: GraphBatch.body(items),
                    mailbox: mailbox,
                    mailboxSlots: min(options.mailboxConcurrency, items.count),
                    idempotent: !pending.contains { changes[$0].isCreate }
                )
            } catch let error as M365Error {
                if error.kind == .cancelled { throw error }
                for index in pending { results[index] = .failure(error.with(operation: changes[index].kind)) }
                return
            }
            guard let replies = GraphBatch.replies(object) else {
                let error = M365Error.invalidResponse(
                    "$batch reply has no valid \"responses\" array",
                    context: ResponseContext(operation: "graph.batch", status: 200, contentType: "application/json")
                )
                for index in pending { results[index] = .failure(error.with(operation: changes[index].kind)) }
                return
            }
            var retry: [Int] = []
            var retryAfter: Duration?
            var lastRetryError: [Int: M365Error] = [:]
            for (offset, index) in pending.enumerated() {
                let change = changes[index]
                guard let reply = replies["\(offset + 1)"] else {
                    results[index] = .failure(
                        .invalidResponse(
                            "$batch reply lacks this request",
                            context: ResponseContext(operation: change.kind)
                        )
                    )
                    continue
                }
                engine.metrics.recordBatchItem(kind: change.kind, status: reply.status)
                if (200..<300).contains(reply.status) {
                    results[index] = .success(reply.body?.objectValue)
                    continue
                }
                let error = innerError(reply, kind: change.kind)
                guard RetryPolicy.mayRetry(status: reply.status, idempotent: !change.isCreate) else {
                    results[index] = .failure(error)
                    continue
                }
                retry.append(index)
                lastRetryError[index] = error
                if let after = reply.retryAfter(now: engine.clock.now()) {
                    retryAfter = max(retryAfter ?? after, after)
                }
            }
            guard !retry.isEmpty else { return }
            let decision = engine.policy.decide(
                attempt: attempt,
                failure: .status(429, retryAfter: retryAfter),
                idempotent: true,
                elapsed: .seconds(engine.clock.now().timeIntervalSince(started)),
                runWaited: engine.metrics.waited,
                jitter: engine.jitter()
            )
            guard case .retry(let delay) = decision else {
                for index in retry { results[index] = .failure(lastRetryError[index]!) }
                return
            }
            engine.metrics.recordRetry(wait: delay, throttled: true)
            engine.logger.debug(
                "Retrying throttled batch items",
                metadata: [
                    "mailbox": "\(mailbox)", "items": "\(retry.count)", "attempt": "\(attempt)",
                    "delay_ms": "\(Int(delay.seconds * 1000))",
                    "request_id": "\(lastRetryError.values.first?.requestId ?? "none")",
                ]
            )
            do { try await engine.clock.sleep(delay) } catch { throw M365Error.cancelled(operation: "graph.batch") }
            pending = retry
        }
    }

    private func batchItem(id: String, _ change: ContactChange, _ mailbox: String) -> GraphBatch.Item {
        switch change.operation {
        case .create(let folderId, let properties):
            GraphBatch.Item(
                id: id,
                method: "POST",
                url: contactsPath(mailbox, folderId: folderId),
                body: .object(properties)
            )
        case .update(let contactId, let properties):
            GraphBatch.Item(
                id: id,
                method: "PATCH",
                url: mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))",
                body: .object(properties)
            )
        case .delete(let contactId):
            GraphBatch.Item(
                id: id,
                method: "DELETE",
                url: mailboxPath(mailbox) + "/contacts/\(URLBuilder.segment(contactId))"
            )
        }
    }

    private func innerError(_ reply: GraphBatch.Reply, kind: String) -> M365Error {
        let error = reply.body?.objectValue?["error"]?.objectValue
        let requestId = reply.headers.first { $0.key.lowercased() == "request-id" }?.value
        return M365Error.http(
            status: reply.status,
            serviceCode: error?["code"]?.stringValue,
            message: error?["message"]?.stringValue ?? "HTTP \(reply.status) inside $batch",
            context: ResponseContext(operation: kind, status: reply.status, requestId: requestId)
        )
    }
}
