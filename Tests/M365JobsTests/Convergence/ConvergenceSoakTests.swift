import Foundation
import M365TestSupport
import Testing

/// The randomized convergence suite in its short configuration (`make soak` runs hundreds of rounds).
/// `M365SYNC_SOAK_SEED` replays one seed.
@Suite("Randomized convergence")
struct ConvergenceSoakTests {
    static var seeds: [UInt64] {
        if let seed = ProcessInfo.processInfo.environment["M365SYNC_SOAK_SEED"].flatMap(UInt64.init) { return [seed] }
        return [11, 12]
    }

    @Test(
        "Rounds of directory changes, owner edits, faults and kills of the binary converge and never remove an eligible person's contact",
        arguments: seeds
    )
    func roundsConverge(seed: UInt64) async throws {
        let outcome = try await ConvergenceSoak(ConvergenceSoak.Configuration(seed: seed, rounds: 10)).run()
        #expect(outcome.violations.isEmpty, "replay with M365SYNC_SOAK_SEED=\(seed): \(outcome.violations)")
        #expect(outcome.runs == 10)
        #expect(outcome.directoryChanges >= 10)
        #expect(outcome.removalsChecked > 0)
    }
}
