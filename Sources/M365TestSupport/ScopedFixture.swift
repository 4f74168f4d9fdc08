import M365Simulator

/// A test resource whose teardown must finish before its test does: a server, a simulator, a fixture built on one.
///
/// Every fixture kind offers a scoped helper built on ``use(_:)`` (`SimulatedDeployment.with { … }`,
/// `withSimulator { … }`…), so a test never leaves a server running past its end, even when it throws.
public protocol ScopedFixture: Sendable {
    /// Stops what the fixture runs; awaited at the end of the scope.
    func tearDown() async
}

extension ScopedFixture {
    /// Runs `body` with the fixture, then awaits ``tearDown()`` whether `body` returned or threw.
    public func use<T>(_ body: (Self) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(self)
        } catch {
            await tearDown()
            throw error
        }
        await tearDown()
        return result
    }
}

extension SimulatorServer: ScopedFixture {
    public func tearDown() async { await stop() }
}

/// Starts a simulator, runs `body` with it and stops it whether `body` returned or threw.
public func withSimulator<T>(
    _ options: SimulatorOptions = SimulatorOptions(),
    _ body: (SimulatorServer) async throws -> T
) async throws -> T {
    try await SimulatorServer.start(options).use(body)
}
