/// Finds the known key a misspelt key was most likely meant to be.
enum KeySuggestion {
    /// The closest candidate by edit distance (case-insensitive), if it is close enough to be a typo;
    /// otherwise a candidate the key abbreviates (`stateDir` → `stateDirectory`, `requireLicense` →
    /// `requireAssignedLicense`).
    static func nearest(to key: String, among candidates: [String]) -> String? {
        // A key far longer than every candidate is neither a typo (too many edits) nor an abbreviation (longer
        // than what it abbreviates): looking at its length first keeps a value of megabytes cheap.
        let longest = candidates.map(\.utf8.count).max() ?? 0
        guard key.utf8.count <= 2 * longest + 8 else { return nil }
        return typo(of: key, among: candidates) ?? abbreviated(key, among: candidates)
    }

    private static func typo(of key: String, among candidates: [String]) -> String? {
        let lowered = key.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered), Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(2, min(key.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    private static func abbreviated(_ key: String, among candidates: [String]) -> String? {
        let lowered = Array(key.lowercased())
        guard lowered.count >= 4 else { return nil }
        return
            candidates
            .filter { candidate in
                let full = Array(candidate.lowercased())
                return full.count <= lowered.count * 2 && isSubsequence(lowered, of: full)
            }
            .min { $0.count < $1.count }
    }

    private static func isSubsequence(_ short: [Character], of long: [Character]) -> Bool {
        var index = long.startIndex
        for character in short {
            guard let found = long[index...].firstIndex(of: character) else { return false }
            index = found + 1
        }
        return true
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
