import Dispatch

/// Runs blocking work (a child process, journal polling) on a Dispatch thread, off Swift's cooperative pool.
///
/// Tests that run the built binary against an in-process simulator need this: on a 2-core machine, two
/// blocked pool threads would leave the simulator no thread to answer on.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
