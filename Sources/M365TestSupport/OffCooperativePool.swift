import Foundation

/// Runs blocking work (a child process, journal polling) on a thread of its own, off Swift's cooperative pool.
///
/// Tests that run the built binary against an in-process simulator need this: on a 2-core machine, two
/// blocked pool threads would leave the simulator no thread to answer on. A Dispatch global queue is no way
/// out on Linux: Swift's cooperative pool *is* the default-QoS global queue there, as wide as the CPU count.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.name = "m365-test-blocking"
        thread.start()
    }
}
