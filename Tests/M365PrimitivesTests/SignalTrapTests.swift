import Dispatch
import Glibc
import M365Primitives
import Testing

@Suite struct SignalTrapTests {
    /// SIGWINCH: its default action is to ignore, so the process survives even if the trap failed.
    @Test func aTrappedSignalReachesTheHandlerWithItsNumber() async {
        let (numbers, continuation) = AsyncStream.makeStream(of: Int32.self)
        let trap = SignalTrap([SIGWINCH], queue: DispatchQueue(label: "test.signals")) { number in
            continuation.yield(number)
        }
        await trap.registered()
        kill(getpid(), SIGWINCH)
        var iterator = numbers.makeAsyncIterator()
        #expect(await iterator.next() == SIGWINCH)
        trap.cancel(restoringDefaults: true)
    }
}
