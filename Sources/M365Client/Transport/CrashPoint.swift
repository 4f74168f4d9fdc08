import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A hook for the crash-point tests: with `M365SYNC_TEST_KILL_AFTER_RESPONSE=<request kind>` (such as
/// `graph.batch` or `exchange.New-MailContact`) the process kills itself with SIGKILL as soon as a successful
/// response of that kind has arrived, before the caller sees it and before any state it would then record. It
/// shows that a crash at that moment is repaired by the next run. Unset, it does nothing.
enum CrashPoint {
    static let environmentVariable = "M365SYNC_TEST_KILL_AFTER_RESPONSE"
    private static let kind = ProcessInfo.processInfo.environment[environmentVariable]

    /// Kills the process when `kind` is the configured kind and `status` is a success.
    static func afterResponse(kind: String, status: Int) {
        guard let wanted = Self.kind, wanted == kind, (200..<300).contains(status) else { return }
        kill(getpid(), SIGKILL)
    }
}
