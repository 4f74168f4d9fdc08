import Foundation
import M365Client
import M365Simulator
import Synchronization

/// A client clock that sleeps by moving the simulator's clock forward: a wait for a throttling window takes no
/// real time, and the simulated time the client sees matches the simulator's.
public final class SimulatorClock: Sendable {
    private let control: SimulatorControl
    private let offset = Mutex<TimeInterval>(0)

    public init(_ control: SimulatorControl) {
        self.control = control
    }

    /// Seconds slept so far.
    public var slept: TimeInterval { offset.withLock { $0 } }

    public var clock: ClientClock {
        ClientClock(now: { [self] in Date().addingTimeInterval(slept) }) { [self] duration in
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            offset.withLock { $0 += seconds }
            await control.advanceClock(by: seconds)
        }
    }
}
