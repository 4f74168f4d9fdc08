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
        // The first of: the handler's report, or a deadline, so that a broken trap fails instead of hanging.
        let received = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                var iterator = numbers.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(received == SIGWINCH)
        trap.cancel(restoringDefaults: true)
    }
}
