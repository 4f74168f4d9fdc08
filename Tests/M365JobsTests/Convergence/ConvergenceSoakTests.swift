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
        "Rounds of directory changes, owner edits, expired and replaying delta queries, faults and kills of the binary converge, clean incremental runs end where full reads do, and no eligible person's contact is removed",
        arguments: seeds
    )
    func roundsConverge(seed: UInt64) async throws {
        var configuration = ConvergenceSoak.Configuration(seed: seed, rounds: 10)
        // Fewer faults than `make soak` uses, so that a short run has clean rounds to compare with a full read.
        configuration.faultRate = 0.4
        let outcome = try await ConvergenceSoak(configuration).run()
        #expect(outcome.violations.isEmpty, "replay with M365SYNC_SOAK_SEED=\(seed): \(outcome.violations)")
        #expect(outcome.runs == 10)
        #expect(outcome.directoryChanges >= 10)
        #expect(outcome.removalsChecked > 0)
        #expect(outcome.equivalenceChecks > 0, "some rounds were clean and compared with a full read")
    }
}
