import HTTPTypes
import M365Primitives

/// Serves every request: classifies it, applies faults and throttling, authenticates, routes and records it.
final class SimulatorEngine: Sendable {
    let state: SimulatorState

    init(state: SimulatorState) {
        self.state = state
    }

    /// Handles one top-level HTTP request.
    func handle(_ request: SimRequest) async -> SimResponse {
        var route = RouteInfo.classify(request)
        let now = state.now()
        let fault = state.withWorld { $0.drawFault(route: route, method: request.method, insideBatch: false) }
        var served = Served()
        switch fault?.action {
        case .status(let status, let retryAfter):
            served.response = faultResponse(request, route: route, status: status, retryAfter: retryAfter)
        case .htmlPage(let status):
            served.response = SimResponse(
                status: .init(code: status),
                headers: [.contentType: "text/html"],
                body: Array(Self.htmlPage(status).utf8)
            )
        case .dropConnection:
            served.response = .dropped
        case .stallBeforeApplying(let seconds):
            state.record(logEntry(request, route: route, status: 0, auth: nil, now: now, fault: fault))
            try? await Task.sleep(for: .seconds(seconds))
            return .dropped
        default:
            served = await admitAndDispatch(request, route: &route, fault: fault, now: now)
        }
        var response = served.response
        if case .appliedButResponseLost = fault?.action, route.isWrite { response.transport = .drop }
        if case .mangledBody(let mangling) = fault?.action { response = mangling.apply(to: response) }
        if let slot = served.slot { state.withWorld { $0.release(slot) } }
        let status = response.transport == .drop ? 0 : response.status
        state.record(logEntry(request, route: route, status: status, auth: served.auth, now: now, fault: fault))
        if case .stallAfterApplying(let seconds) = fault?.action {
            try? await Task.sleep(for: .seconds(seconds))
            return .dropped
        }
        return response
    }

    /// What serving a request produced: the answer, the caller's claims and the concurrency slot it holds.
    private struct Served {
        var response = SimResponse(status: 0)
        var auth: AccessTokenClaims?
        var slot: String?
    }

    /// Authenticates, admits past throttling (holding a slot), applies a delay fault and routes.
    private func admitAndDispatch(
        _ request: SimRequest,
        route: inout RouteInfo,
        fault: FaultRule?,
        now: Double
    ) async -> Served {
        switch authenticate(request, route: route, now: now) {
        case .refused(let refusal):
            return Served(response: refusal)
        case .authenticated(let claims):
            if let claims { route.tenantKey = route.tenantKey ?? claims.tenantId }
            let admitted = route
            let admission = state.withWorld { $0.admit(route: admitted, claims: claims, now: now, concurrent: true) }
            switch admission {
            case .throttled(let retryAfter):
                let response = throttledResponse(request, route: route, retryAfter: retryAfter, now: now)
                return Served(response: response, auth: claims)
            case .admitted(let key):
                if case .delay(let seconds) = fault?.action { try? await Task.sleep(for: .seconds(seconds)) }
                let response = await dispatch(request, route: route, claims: claims, now: now)
                return Served(response: response, auth: claims, slot: key)
            }
        }
    }

    /// The request log's entry for a top-level request.
    private func logEntry(
        _ request: SimRequest,
        route: RouteInfo,
        status: Int,
        auth: AccessTokenClaims?,
        now: Double,
        fault: FaultRule?
    ) -> RequestLogEntry {
        RequestLogEntry(
            sequence: 0,
            time: now,
            method: request.method,
            target: request.path + (request.rawQuery.map { "?" + $0 } ?? ""),
            endpoint: route.endpoint,
            status: status,
            tenantId: auth?.tenantId ?? route.tenantKey,
            clientId: auth?.clientId,
            mailbox: route.mailboxKey,
            cmdlet: route.cmdlet,
            batchId: nil,
            fault: fault.map { "\($0.action)" }
        )
    }

    /// Authenticates per service; the token endpoint and unknown paths need no token.
    private enum AuthOutcome {
        case authenticated(AccessTokenClaims?)
        case refused(SimResponse)
    }

    private func authenticate(_ request: SimRequest, route: RouteInfo, now: Double) -> AuthOutcome {
        let expected: TokenResource
        switch route.service {
        case .graph: expected = .graph
        case .exchange: expected = .exchange
        default: return .authenticated(nil)
        }
        do throws(AccessToken.Refusal) {
            return .authenticated(
                try AccessToken.verify(
                    authorization: request.header("authorization"),
                    expected: expected,
                    now: now,
                    key: state.tokenKey
                )
            )
        } catch {
            if route.service == .exchange {
                var response = SimResponse.empty(401)
                response.headers = [
                    .wwwAuthenticate:
                        "Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\", trusted_issuers=\"00000001-0000-0000-c000-000000000000@*\", token_types=\"app_asserted_user_v1 service_asserted_app_v1\", error=\"invalid_token\"",
                    .contentType: "application/json",
                ]
                response.body = JSONValue.object([
                    "error": [
                        "code": "InvalidAuthenticationToken", "message": .string(AccessToken.graphMessage(error)),
                    ]
                ]).serialized()
                return .refused(response)
            }
            return .refused(graphFailure(.invalidToken(AccessToken.graphMessage(error)), for: request, now: now))
        }
    }

    /// Routes an authenticated request to its service.
    func dispatch(_ request: SimRequest, route: RouteInfo, claims: AccessTokenClaims?, now: Double) async -> SimResponse
    {
        switch route.service {
        case .token: return handleToken(request, tenantKey: route.tenantKey ?? "", now: now)
        case .graph:
            if route.endpoint == "graph.batch", let claims {
                return await handleBatch(request, claims: claims, now: now)
            }
            return handleGraph(request, route: route, claims: claims!, now: now)
        case .exchange: return handleExchange(request, tenantKey: route.tenantKey ?? "", claims: claims!, now: now)
        case .unknown: return graphFailure(.notFoundRoute(request.segments.last ?? ""), for: request, now: now)
        }
    }

    func faultResponse(_ request: SimRequest, route: RouteInfo, status: Int, retryAfter: Double?) -> SimResponse {
        let now = state.now()
        let requestId = state.withWorld { $0.nextRequestId() }
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = Self.formatRetryAfter(retryAfter) }
        if route.service == .exchange {
            return ExchangeError.service(status: status, retryAfter: retryAfter, cmdlet: route.cmdlet)
                .response(headers: headers)
        }
        if route.service == .token {
            return TokenError(
                status: status,
                error: "temporarily_unavailable",
                code: 50_196,
                message: "The server is temporarily unavailable."
            ).response(now: Int64(now), traceId: requestId)
        }
        let code: String
        let message: String
        switch status {
        case 429:
            return GraphError.tooManyRequests(retryAfter: Self.formatRetryAfter(retryAfter ?? 1)).response(
                for: request,
                now: Int64(now),
                requestId: requestId
            )
        case 503:
            (code, message) = ("serviceNotAvailable", "The service is temporarily unavailable. Please retry later.")
        case 504: (code, message) = ("UnknownError", "")
        case 500: (code, message) = ("generalException", "An unspecified error has occurred.")
        case 404: (code, message) = ("ErrorItemNotFound", "The specified object was not found in the store.")
        default: (code, message) = ("UnknownError", "Injected fault.")
        }
        return GraphError(status: status, code: code, message: message, headers: headers).response(
            for: request,
            now: Int64(now),
            requestId: requestId
        )
    }

    func throttledResponse(_ request: SimRequest, route: RouteInfo, retryAfter: Double, now: Double) -> SimResponse {
        let value = Self.formatRetryAfter(retryAfter)
        if route.service == .exchange {
            return ExchangeError.throttled(retryAfter: value).response(headers: [.retryAfter: value])
        }
        return graphFailure(.tooManyRequests(retryAfter: value), for: request, now: now)
    }

    /// `error`'s Graph answer to `request`, under a new request id.
    func graphFailure(_ error: GraphError, for request: SimRequest, now: Double) -> SimResponse {
        error.response(for: request, now: Int64(now), requestId: state.withWorld { $0.nextRequestId() })
    }

    static func formatRetryAfter(_ seconds: Double) -> String {
        if seconds.rounded() == seconds { return String(Int(seconds)) }
        return String((seconds * 1_000).rounded() / 1_000)
    }

    static func htmlPage(_ status: Int) -> String {
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>\(status) - The service is temporarily unavailable.</h2><p>Please try again later.</p></body></html>"
    }
}
