import CMalloc
import Foundation

/// Gives freed memory back to the system.
///
/// glibc keeps freed memory in its arenas for the next allocation: after a first sync the daemon would sit on the
/// run's peak for as long as it idles, and during one the holes each finished mailbox leaves among the others'
/// memory stay resident. `malloc_trim` returns every whole free page (of every arena) at once.
public enum HeapTrim {
    /// The process's resident memory before and after a trim, in KiB (nil where /proc cannot be read).
    public struct Result: Sendable {
        public var residentBefore: Int?
        public var residentAfter: Int?
    }

    /// The mmap and trim threshold the long-running commands fix (glibc's own starting value).
    public static let fixedThreshold = 128 * 1024

    /// Keeps glibc from raising its mmap and trim thresholds as large blocks are freed (which it does by default,
    /// up to 32 and 64 MiB): with them raised, a thread arena's free top stays resident whatever is trimmed, and an
    /// idle daemon kept twice the memory it started with. Call once, before the work starts (`daemon`, `run`).
    /// Returns false when glibc refused a value.
    @discardableResult
    public static func fixThresholds() -> Bool {
        m365_malloc_fix_thresholds(Int32(fixedThreshold)) == 1
    }

    /// Trims the heap.
    public static func trim() {
        _ = m365_malloc_trim()
    }

    /// Trims the heap and says how much was resident before and after.
    public static func releaseFreeMemory() -> Result {
        let before = residentKiB()
        _ = m365_malloc_trim()
        return Result(residentBefore: before, residentAfter: residentKiB())
    }

    /// VmRSS of this process, in KiB.
    public static func residentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
