/// Holds requests to one mailbox to at most `limit` at a time (Outlook allows 4 concurrent per app and mailbox).
///
/// A `$batch` for a mailbox takes as many slots as the service runs at once for it (up to 4), so that
/// two batches, or a batch and single requests, never exceed the limit together.
actor MailboxLimiter {
    private struct Waiter {
        var slots: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    let limit: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [Waiter]] = [:]
    private var peak: [String: Int] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits until `slots` slots of `mailbox` are free and takes them.
    func acquire(_ mailbox: String, slots: Int) async {
        let key = mailbox.lowercased()
        let wanted = min(max(1, slots), limit)
        if waiters[key, default: []].isEmpty, inUse[key, default: 0] + wanted <= limit {
            take(key, wanted)
            return
        }
        await withCheckedContinuation { continuation in
            waiters[key, default: []].append(Waiter(slots: wanted, continuation: continuation))
        }
    }

    /// Returns slots taken by `acquire` and wakes waiters in order.
    func release(_ mailbox: String, slots: Int) {
        let key = mailbox.lowercased()
        let taken = min(max(1, slots), limit)
        inUse[key, default: 0] -= taken
        while let first = waiters[key]?.first, inUse[key, default: 0] + first.slots <= limit {
            waiters[key]?.removeFirst()
            take(key, first.slots)
            first.continuation.resume()
        }
        if inUse[key] == 0, waiters[key]?.isEmpty ?? true {
            inUse[key] = nil
            waiters[key] = nil
        }
    }

    /// The most slots ever held at once for a mailbox.
    func peakSlots(_ mailbox: String) -> Int { peak[mailbox.lowercased(), default: 0] }

    private func take(_ key: String, _ slots: Int) {
        inUse[key, default: 0] += slots
        peak[key] = max(peak[key, default: 0], inUse[key, default: 0])
    }
}
