import HTTPTypes
import Hummingbird
import M365Primitives

/// The `/_sim/` control API: ``SimulatorControl`` over HTTP with JSON bodies, on Hummingbird's router.
extension SimulatorControl {
    typealias Routes = RouterGroup<LoopbackRequestContext>

    /// The router of every control route; other paths answer 404 in the control API's JSON.
    func router() -> Router<LoopbackRequestContext> {
        let router = Router(context: LoopbackRequestContext.self)
        router.add(middleware: ControlErrorMiddleware())
        let sim = router.group("_sim")
        addServiceRoutes(sim)
        on(sim, .get, "tenants") { _ in try .encoded(await self.tenants()) }
        on(sim, .post, "tenants") { call in
            try .encoded(try await self.addTenant(try call.decode(TenantSeed.self)), status: .created)
        }
        let tenant = sim.group("tenants/:tenant")
        addUserRoutes(tenant)
        addDirectoryRoutes(tenant)
        addMailboxRoutes(tenant)
        return router
    }

    /// Routes `method` on `path` to `handler`, which gets the call with its body collected.
    func on(
        _ routes: Routes,
        _ method: HTTPRequest.Method,
        _ path: RouterPath,
        _ handler: @escaping @Sendable (ControlCall) async throws -> SimResponse
    ) {
        routes.on(path, method: method) { request, context in
            try await handler(try await ControlCall(request: request, context: context))
        }
    }

    /// Routes `method` on `path` to `action`, answering 204 No Content once it is done.
    func perform(
        _ routes: Routes,
        _ method: HTTPRequest.Method,
        _ path: RouterPath,
        _ action: @escaping @Sendable (ControlCall) async throws -> Void
    ) {
        on(routes, method, path) { call in
            try await action(call)
            return .empty(.noContent)
        }
    }

    /// The request log, counters, faults, throttling, token lifetime, clock and app permissions.
    private func addServiceRoutes(_ sim: Routes) {
        on(sim, .get, "log") { _ in try .encoded(await self.requestLog()) }
        perform(sim, .delete, "log") { _ in await self.clearRequestLog() }
        on(sim, .get, "counters") { _ in .json(.ok, await self.countersJSON()) }
        perform(sim, .post, "faults") { call in await self.setFault(try call.decode(FaultRule.self)) }
        perform(sim, .delete, "faults") { _ in await self.clearFaults() }
        perform(sim, .put, "throttling") { call in await self.setThrottling(try call.decode(ThrottlingOptions.self)) }
        perform(sim, .put, "tokenLifetime") { call in
            guard let seconds = try call.object()["seconds"]?.intValue, seconds > 0 else {
                throw SimulatorError.invalidArgument("tokenLifetime needs {\"seconds\": N}")
            }
            await self.setTokenLifetime(seconds)
        }
        perform(sim, .post, "clock") { call in
            guard let seconds = try call.object()["advanceSeconds"]?.numberValue else {
                throw SimulatorError.invalidArgument("clock needs {\"advanceSeconds\": N}")
            }
            await self.advanceClock(by: seconds)
        }
        perform(sim, .put, "apps/:clientId/permissions") { call in
            try await self.setAppPermissions(
                clientId: try call.parameter("clientId"),
                try call.decode(AppPermissions.self)
            )
        }
    }

    /// Requests per endpoint and status, keys sorted.
    private func countersJSON() async -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (endpoint, statuses) in await counters() {
            object[endpoint] = .object(
                Dictionary(uniqueKeysWithValues: statuses.map { (String($0.key), .number(Double($0.value))) })
            )
        }
        return .object(object)
    }
}
