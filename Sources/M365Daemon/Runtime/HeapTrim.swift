import CMalloc
import Foundation

/// Gives the memory a run freed back to the system.
///
/// glibc keeps freed memory in its arenas for the next allocation: after a first sync the daemon would sit on the
/// run's peak for as long as it idles. `malloc_trim` returns every whole free page (of every arena) at once.
enum HeapTrim {
    /// The process's resident memory before and after a trim, in KiB (nil where /proc cannot be read).
    struct Result: Sendable {
        var residentBefore: Int?
        var residentAfter: Int?
    }

    /// Trims the heap and says how much was resident before and after.
    static func releaseFreeMemory() -> Result {
        let before = residentKiB()
        _ = m365_malloc_trim()
        return Result(residentBefore: before, residentAfter: residentKiB())
    }

    /// VmRSS of this process, in KiB.
    static func residentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
