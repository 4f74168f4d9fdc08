import Foundation
import M365Client
import M365Core
import M365Curl
import M365Jobs
import M365Primitives
import M365Simulator
import M365State

/// Seeded randomized rounds against both job kinds in one tenant set: directory changes, mailbox owners' edits,
/// expired and replaying delta queries, injected faults and kills of the real binary at random moments. After a
/// clean round (no fault, no kill) a full read must find nothing to change in what the incremental run left;
/// after the faults stop, two runs must leave every target exactly right; and no round may remove the contact of
/// a person who was still eligible.
///
/// `make test` runs a short configuration; `make soak` (through `m365bench soak`) hundreds of rounds. The seed
/// is in every violation, so a failure replays with the same seed.
public struct ConvergenceSoak: Sendable {
    public struct Configuration: Sendable {
        public var seed: UInt64
        public var rounds: Int
        /// Probability that a round's run is the built binary killed after a random number of requests.
        public var killRate = 0.35
        /// Probability that a round injects faults.
        public var faultRate = 0.6
        public var users = 16
        public var mailboxes = 2

        public init(seed: UInt64, rounds: Int) {
            self.seed = seed
            self.rounds = rounds
        }
    }

    /// What the soak did and what went wrong.
    public struct Outcome: Sendable {
        public var rounds = 0
        public var runs = 0
        public var kills = 0
        public var faultRules = 0
        public var directoryChanges = 0
        public var ownerEdits = 0
        public var removalsChecked = 0
        /// Rounds that disturbed the delta queries (expired links, replays).
        public var deltaDisturbances = 0
        /// Clean rounds whose incremental result was compared with a full read's plan.
        public var equivalenceChecks = 0
        /// Each one a sentence naming the seed and the round; empty when everything converged.
        public var violations: [String] = []

        public init() {}

        /// Adds another soak's counts and violations to these.
        public mutating func add(_ other: Outcome) {
            rounds += other.rounds
            runs += other.runs
            kills += other.kills
            faultRules += other.faultRules
            directoryChanges += other.directoryChanges
            ownerEdits += other.ownerEdits
            removalsChecked += other.removalsChecked
            deltaDisturbances += other.deltaDisturbances
            equivalenceChecks += other.equivalenceChecks
            violations += other.violations
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs every round, then the convergence check; the simulator is stopped whatever happens.
    public func run() async throws -> Outcome {
        try await SoakWorld.with(configuration) { world in
            var outcome = Outcome()
            var random = SeededRandom(seed: configuration.seed)
            for round in 1...max(1, configuration.rounds) {
                try await world.playRound(round, random: &random, outcome: &outcome)
            }
            try await world.checkConvergence(outcome: &outcome)
            return outcome
        }
    }
}
