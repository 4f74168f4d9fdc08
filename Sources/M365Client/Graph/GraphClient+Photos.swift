import Foundation
import M365Core
import M365Primitives

extension GraphClient {
    /// Photo metadata of users through `$batch` (20 per request), in order; nil for a user without a photo
    /// (Graph's 404 `ImageNotFound`). Throws only when cancelled.
    public func userPhotoMetadata(_ userIds: [String]) async throws -> [Result<PhotoMetadata?, M365Error>] {
        return try await runBatched(photoReads(userIds, path: "photo", kind: "graph.user.photo"), mailbox: nil).map {
            result in
            photoResult(result, kind: "graph.user.photo") { reply in
                let object = reply.body?.objectValue
                guard let etag = object?["@odata.mediaEtag"]?.stringValue else { return nil }
                return PhotoMetadata(etag: etag, contentType: object?["@odata.mediaContentType"]?.stringValue)
            }
        }
    }

    /// The photos' bytes of users through `$batch` (base64 inside the JSON reply), in order; nil for a user
    /// without a photo. Throws only when cancelled.
    public func userPhotoContents(_ userIds: [String]) async throws -> [Result<PhotoContent?, M365Error>] {
        let requests = photoReads(userIds, path: "photo/$value", kind: "graph.user.photo.value")
        return try await runBatched(requests, mailbox: nil).map { result in
            photoResult(result, kind: "graph.user.photo.value") { reply in
                guard let bytes = reply.binaryBody else { return nil }
                return PhotoContent(contentType: reply.header("content-type") ?? "image/jpeg", bytes: bytes)
            }
        }
    }

    /// 404 means "no photo"; a 2xx reply whose body `parse` cannot read is an invalid response.
    private func photoResult<Value>(
        _ result: Result<GraphBatch.Reply, M365Error>,
        kind: String,
        parse: (GraphBatch.Reply) -> Value?
    ) -> Result<Value?, M365Error> {
        switch result {
        case .failure(let error) where error.status == 404: return .success(nil)
        case .failure(let error): return .failure(error)
        case .success(let reply):
            guard let value = parse(reply) else {
                return .failure(
                    .invalidResponse(
                        "unreadable photo reply",
                        context: ResponseContext(operation: kind, status: reply.status)
                    )
                )
            }
            return .success(value)
        }
    }

    /// One `GET /users/{id}/<path>` batch item per user.
    private func photoReads(_ userIds: [String], path: String, kind: String) -> [BatchRequest] {
        userIds.map { id in
            BatchRequest(
                item: GraphBatch.Item(id: "", method: "GET", url: "/users/\(URLBuilder.segment(id))/\(path)"),
                kind: kind,
                idempotent: true
            )
        }
    }
}
