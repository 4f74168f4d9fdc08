import Foundation
import M365TestSupport

/// `m365bench soak [--rounds 300] [--seeds 1,2,3]`: the randomized convergence suite, long; exit 1 on any
/// violation, with the seed to replay it.
struct SoakBench {
    var rounds = 300
    var seeds: [UInt64] = [101, 102, 103]

    init(arguments: [String]) {
        let options = BenchArguments(arguments)
        rounds = options.int("--rounds", rounds)
        seeds = options.value("--seeds", seeds) { $0.split(separator: ",").compactMap { UInt64($0) } }
    }

    func run() async throws {
        let perSeed = max(1, rounds / max(1, seeds.count))
        var total = ConvergenceSoak.Outcome()
        let clock = ContinuousClock()
        let started = clock.now
        for seed in seeds {
            let outcome = try await ConvergenceSoak(ConvergenceSoak.Configuration(seed: seed, rounds: perSeed)).run()
            print(
                "seed \(seed): \(outcome.rounds) rounds, \(outcome.kills) kills, \(outcome.faultRules) fault rules, "
                    + "\(outcome.directoryChanges) directory changes, \(outcome.ownerEdits) owner edits, "
                    + "\(outcome.deltaDisturbances) delta disturbances, \(outcome.equivalenceChecks) full-read "
                    + "comparisons, \(outcome.violations.count) violations"
            )
            total.add(outcome)
        }
        print(
            """
            soak: \(total.rounds) rounds over \(seeds.count) seeds in \(clock.now - started): \(total.kills) kills of the \
            binary, \(total.faultRules) fault rules, \(total.directoryChanges) directory changes, \(total.ownerEdits) \
            owner edits, \(total.deltaDisturbances) expired or replaying delta rounds, \(total.equivalenceChecks) \
            incremental results compared with a full read, \(total.removalsChecked) owned contacts checked for \
            wrongful removal; \
            \(total.violations.count) violations
            """
        )
        for violation in total.violations { print("  " + violation) }
        if !total.violations.isEmpty { exit(1) }
    }
}
