import Foundation
import Logging
import M365Client
import M365Simulator
import Testing

@Suite struct SimCancellationTests {
    /// A stopping daemon cancels its runs: a caller waiting on the shared token fetch must not sit out the
    /// token endpoint's Retry-After, and no further token request may be sent.
    @Test func cancellingACallerStopsTheSharedTokenFetchAndItsRetries() async throws {
        try await SimHarness.with { h in
            var options = M365ClientOptions()
            options.clock = .system
            let client = M365Client(
                tenant: try h.tenantConfiguration(),
                transport: h.transport,
                options: options,
                logger: .init(label: "test")
            )
            await h.sim.control.setFault(FaultRule(endpoint: "token", action: .status(503, retryAfter: 600)))
            let call = Task { try await client.verifyCredentials() }
            var seen = 0
            for _ in 0..<500 where seen == 0 {
                seen = await h.log("token").count
                if seen == 0 { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(seen == 1)
            call.cancel()
            let result = await call.result
            guard case .failure(let error as M365Error) = result else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            #expect(await h.log("token").count == 1)
        }
    }
}
