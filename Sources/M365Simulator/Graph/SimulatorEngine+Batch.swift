import M365Primitives

extension SimulatorEngine {
    /// `POST /v1.0/$batch`: up to 20 requests, `dependsOn` with 424, per-request throttling, any order.
    func handleBatch(_ request: SimRequest, claims: AccessTokenClaims, now: Double) async -> SimResponse {
        let base = state.baseURL
        let requestId = state.withWorld { $0.nextRequestId() }
        let context = GraphContext(request: request, claims: claims, now: now, requestId: requestId, base: base)
        guard request.method == "POST" else { return context.fail(.methodNotAllowed()) }
        guard let body = try? SimJSON.parse(request.body), let items = body["requests"]?.arrayValue else {
            return context.fail(.badRequest("Invalid batch payload format."))
        }
        if items.count > 20 { return context.fail(.badRequest("Limit of 20 requests per batch exceeded.")) }
        if items.isEmpty { return context.fail(.badRequest("Invalid batch payload format.")) }
        var ids: [String] = []
        for item in items {
            guard let id = item["id"]?.stringValue ?? item["id"]?.intValue.map(String.init), !id.isEmpty,
                item["method"]?.stringValue != nil, item["url"]?.stringValue != nil
            else {
                return context.fail(.badRequest("Invalid batch payload format."))
            }
            if ids.contains(id) { return context.fail(.badRequest("Batch request contains duplicate request ids.")) }
            if let depends = item["dependsOn"]?.arrayValue {
                for dependency in depends where !ids.contains(dependency.stringValue ?? "") {
                    return context.fail(
                        .badRequest(
                            "Batch request \(id) depends on an unknown or later request '\(dependency.stringValue ?? "")'."
                        )
                    )
                }
            }
            if item["body"] != nil,
                !(item["headers"]?.objectValue?.keys.contains { $0.lowercased() == "content-type" } ?? false)
            {
                return context.fail(
                    .badRequest("Write request id : \(id) does not contain Content-Type header or body.")
                )
            }
            ids.append(id)
        }
        var statuses: [String: Int] = [:]
        var responses: [SimJSON] = []
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
        return context.ok(200, ["responses": .array(responses)], headers: [])
    }

    private func innerJSON(id: String, _ response: SimResponse) -> SimJSON {
        var headers = SimJSONObject()
        for (name, value) in response.headers where !["request-id", "client-request-id"].contains(name.lowercased()) {
            headers.append(name, .string(value))
        }
        var object: SimJSONObject = ["id": .string(id), "status": .int(response.status), "headers": .object(headers)]
        if !response.body.isEmpty {
            // Binary bodies (a photo's bytes) travel base64-encoded, as Graph's JSON batching does.
            let json = response.header("content-type")?.lowercased().contains("json") ?? true
            object.append(
                "body",
                json
                    ? (try? SimJSON.parse(response.body)) ?? .string(String(decoding: response.body, as: UTF8.self))
                    : .string(Base64URL.standard(response.body))
            )
        }
        return .object(object)
    }

    /// Runs one inner request of a batch through faults, throttling and the Graph router.
    private func batchItem(
        _ item: SimJSON,
        id: String,
        outer: SimRequest,
        claims: AccessTokenClaims,
        now: Double
    ) async -> SimResponse {
        let method = item["method"]?.stringValue?.uppercased() ?? "GET"
        var url = item["url"]?.stringValue ?? ""
        var headers: [String: String] = [:]
        for (name, value) in item["headers"]?.objectValue ?? SimJSONObject() {
            headers[name] = value.stringValue ?? value.text
        }
        headers["authorization"] = outer.header("authorization")
        let body: [UInt8]
        switch item["body"] {
        case nil: body = []
        case .string(let text)?
        where !(headers.first { $0.key.lowercased() == "content-type" }?.value ?? "")
            .lowercased().contains("json"):
            // A binary body (a photo) is sent base64-encoded with its own Content-Type.
            guard let decoded = Base64URL.decode(text) else {
                return GraphError.badRequest("Invalid base64 body in batch request \(id).").response(
                    for: outer,
                    now: Int64(now),
                    requestId: state.withWorld { $0.nextRequestId() }
                )
            }
            body = decoded
        case let value?: body = value.stringValue.map { Array($0.utf8) } ?? value.serialized()
        }
        let requestId = state.withWorld { $0.nextRequestId() }
        if url.lowercased().hasPrefix("http") {
            let inner = SimRequest(method: method, target: "/", headers: headers, body: body)
            return GraphError.badRequest("Invalid request URL: absolute URLs are not supported in a batch.")
                .response(for: inner, now: Int64(now), requestId: requestId)
        }
        if !url.hasPrefix("/") { url = "/" + url }
        let inner = SimRequest(method: method, target: "/v1.0" + url, headers: headers, body: body)
        var route = RouteInfo.classifyGraph(Array(inner.segments.dropFirst()), write: method != "GET")
        route.tenantKey = claims.tenantId
        var response: SimResponse
        var faultName: String?
        if route.endpoint == "graph.batch" {
            response = GraphError.badRequest("Nested batch requests are not supported.").response(
                for: inner,
                now: Int64(now),
                requestId: requestId
            )
        } else {
            let fault = state.withWorld { $0.drawFault(route: route, method: method, insideBatch: true) }
            faultName = fault.map { "\($0.action)" }
            switch fault?.action {
            case .status(let status, let retryAfter):
                response = faultResponse(inner, route: route, status: status, retryAfter: retryAfter)
            case .htmlPage(let status):
                response = faultResponse(inner, route: route, status: status, retryAfter: nil)
            default:
                let admission = state.withWorld { $0.admit(route: route, claims: claims, now: now, concurrent: false) }
                switch admission {
                case .throttled(let retryAfter):
                    response = throttledResponse(inner, route: route, retryAfter: retryAfter, now: now)
                case .admitted: response = handleGraph(inner, route: route, claims: claims, now: now)
                }
            }
        }
        let entry = RequestLogEntry(
            sequence: 0,
            time: now,
            method: method,
            target: url,
            endpoint: route.endpoint,
            status: response.status,
            tenantId: claims.tenantId,
            clientId: claims.clientId,
            mailbox: route.mailboxKey,
            cmdlet: nil,
            batchId: id,
            fault: faultName
        )
        state.record(entry)
        return response
    }
}
