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
