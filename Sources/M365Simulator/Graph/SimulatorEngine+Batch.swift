import Foundation
import HTTPTypes
import M365Primitives

extension SimulatorEngine {
    /// `POST /v1.0/$batch`: up to 20 requests, `dependsOn` with 424, per-request throttling, any order.
    func handleBatch(_ request: SimRequest, claims: AccessTokenClaims, now: Double) async -> SimResponse {
        let base = state.baseURL
        let requestId = state.withWorld { $0.nextRequestId() }
        let context = GraphContext(request: request, claims: claims, now: now, requestId: requestId, base: base)
        guard request.method == "POST" else { return context.fail(.methodNotAllowed()) }
        let items: [JSONValue]
        let ids: [String]
        do {
            (items, ids) = try Self.batchItems(request)
        } catch {
            return context.fail(error)
        }
        var statuses: [String: Int] = [:]
        var responses: [JSONValue] = []
        for (index, item) in items.enumerated() {
            let id = ids[index]
            let depends = item["dependsOn"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if depends.contains(where: { (statuses[$0] ?? 0) >= 400 }) {
                statuses[id] = 424
                let inner = GraphError(
                    status: 424,
                    code: "FailedDependency",
                    message: "The request was not executed because a request it depends on failed."
                )
                .response(for: request, now: Int64(now), requestId: requestId)
                responses.append(innerJSON(id: id, inner))
                continue
            }
            let response = await batchItem(item, id: id, outer: request, claims: claims, now: now)
            statuses[id] = response.status
            responses.append(innerJSON(id: id, response))
        }
        state.withWorld { world in
            for index in stride(from: responses.count - 1, to: 0, by: -1) {
                responses.swapAt(index, world.faultRandom.below(index + 1))
            }
        }
        return context.ok(200, ["responses": .array(responses)])
    }

    /// The batch's requests and their ids, refused as Graph does: too many, duplicate ids, bad `dependsOn`.
    private static func batchItems(_ request: SimRequest) throws(GraphError) -> ([JSONValue], [String]) {
        guard let body = try? JSONValue(decoding: Data(request.body)), let items = body["requests"]?.arrayValue else {
            throw .badRequest("Invalid batch payload format.")
        }
        if items.count > 20 { throw .badRequest("Limit of 20 requests per batch exceeded.") }
        if items.isEmpty { throw .badRequest("Invalid batch payload format.") }
        var ids: [String] = []
        for item in items {
            guard let id = item["id"]?.stringValue ?? item["id"]?.intValue.map(String.init), !id.isEmpty,
                item["method"]?.stringValue != nil, item["url"]?.stringValue != nil
            else {
                throw .badRequest("Invalid batch payload format.")
            }
            if ids.contains(id) { throw .badRequest("Batch request contains duplicate request ids.") }
            if let depends = item["dependsOn"]?.arrayValue {
                for dependency in depends where !ids.contains(dependency.stringValue ?? "") {
                    throw .badRequest(
                        "Batch request \(id) depends on an unknown or later request '\(dependency.stringValue ?? "")'."
                    )
                }
            }
            if item["body"] != nil,
                !(item["headers"]?.objectValue?.keys.contains { $0.lowercased() == "content-type" } ?? false)
            {
                throw .badRequest("Write request id : \(id) does not contain Content-Type header or body.")
            }
            ids.append(id)
        }
        return (items, ids)
    }

    private func innerJSON(id: String, _ response: SimResponse) -> JSONValue {
        var headers: [String: JSONValue] = [:]
        for field in response.headers where ![.requestId, .clientRequestId].contains(field.name) {
            headers[field.name.rawName] = .string(field.value)
        }
        var object: [String: JSONValue] = [
            "id": .string(id), "status": .number(Double(response.status)), "headers": .object(headers),
        ]
        if !response.body.isEmpty {
            // Binary bodies (a photo's bytes) travel base64-encoded, as Graph's JSON batching does.
            let json = response.headers[.contentType]?.lowercased().contains("json") ?? true
            object["body"] =
                json
                ? (try? JSONValue(decoding: Data(response.body)))
                    ?? .string(String(decoding: response.body, as: UTF8.self))
                : .string(Base64URL.standard(response.body))
        }
        return .object(object)
    }

    /// Runs one inner request of a batch through faults, throttling and the Graph router.
    private func batchItem(
        _ item: JSONValue,
        id: String,
        outer: SimRequest,
        claims: AccessTokenClaims,
        now: Double
    ) async -> SimResponse {
        var url = item["url"]?.stringValue ?? ""
        var headers = HTTPFields()
        for (name, value) in (item["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { headers[name] = value.stringValue ?? value.text }
        }
        headers[.authorization] = outer.header("authorization")
        guard let method = HTTPRequest.Method(item["method"]?.stringValue?.uppercased() ?? "GET") else {
            return graphFailure(.badRequest("Invalid method in batch request \(id)."), for: outer, now: now)
        }
        guard let body = Self.batchBody(item["body"], headers: headers) else {
            return graphFailure(.badRequest("Invalid base64 body in batch request \(id)."), for: outer, now: now)
        }
        let requestId = state.withWorld { $0.nextRequestId() }
        if url.lowercased().hasPrefix("http") {
            let inner = SimRequest(method: method, target: "/", headerFields: headers, body: body)
            return GraphError.badRequest("Invalid request URL: absolute URLs are not supported in a batch.")
                .response(for: inner, now: Int64(now), requestId: requestId)
        }
        if !url.hasPrefix("/") { url = "/" + url }
        let inner = SimRequest(method: method, target: "/v1.0" + url, headerFields: headers, body: body)
        var route = RouteInfo.classifyGraph(Array(inner.segments.dropFirst()), write: method != .get)
        route.tenantKey = claims.tenantId
        let (response, faultName) = respondInBatch(inner, route: route, claims: claims, now: now, requestId: requestId)
        let entry = RequestLogEntry(
            sequence: 0,
            time: now,
            method: method.rawValue,
            target: url,
            endpoint: route.endpoint,
            status: response.status,
            tenantId: claims.tenantId,
            clientId: claims.clientId,
            mailbox: route.mailboxKey,
            cmdlet: nil,
            batchId: id,
            fault: faultName,
            digest: RequestLogEntry.digest(method: method.rawValue, target: url, body: body)
        )
        state.record(entry)
        return response
    }

    /// An inner request's body: JSON as text, a binary body (a photo) from base64; nil when that base64 is bad.
    private static func batchBody(_ value: JSONValue?, headers: HTTPFields) -> [UInt8]? {
        guard let value else { return [] }
        let contentType = headers[.contentType] ?? ""
        if case .string(let text) = value, !contentType.lowercased().contains("json") {
            return Base64URL.decode(text)
        }
        return value.stringValue.map { Array($0.utf8) } ?? value.serialized()
    }

    /// The inner request's answer: a status fault, a 429, or the Graph router's; and the fault's name.
    private func respondInBatch(
        _ inner: SimRequest,
        route: RouteInfo,
        claims: AccessTokenClaims,
        now: Double,
        requestId: String
    ) -> (SimResponse, String?) {
        if route.endpoint == "graph.batch" {
            let response = GraphError.badRequest("Nested batch requests are not supported.").response(
                for: inner,
                now: Int64(now),
                requestId: requestId
            )
            return (response, nil)
        }
        let fault = state.withWorld { $0.drawFault(route: route, method: inner.method, insideBatch: true) }
        let faultName = fault.map { "\($0.action)" }
        switch fault?.action {
        case .status(let status, let retryAfter):
            return (faultResponse(inner, route: route, status: status, retryAfter: retryAfter), faultName)
        case .htmlPage(let status):
            return (faultResponse(inner, route: route, status: status, retryAfter: nil), faultName)
        default:
            let admission = state.withWorld { $0.admit(route: route, claims: claims, now: now, concurrent: false) }
            switch admission {
            case .throttled(let retryAfter):
                return (throttledResponse(inner, route: route, retryAfter: retryAfter, now: now), faultName)
            case .admitted: return (handleGraph(inner, route: route, claims: claims, now: now), faultName)
            }
        }
    }
}
