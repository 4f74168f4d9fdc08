import CCurl
import Foundation
import Synchronization

/// A curl multi handle driven by one dedicated thread; other threads talk to it through the inbox.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var submissions: [CurlTransfer] = []
        var cancellations: [UInt64] = []
        var stopRequested = false
        /// Set by the loop thread before it frees the multi handle; no wakeup after that.
        var stopped = false
        var nextId: UInt64 = 1
    }

    private let inbox = Mutex(Inbox())
    private let configuration: HTTPTransportConfiguration
    // Loop-thread state.
    private let multi: UnsafeMutableRawPointer
    private var pending: [CurlTransfer] = []
    private var pendingStart = 0
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(configuration: HTTPTransportConfiguration) throws(HTTPTransportError) {
        _ = Curl.initialised
        guard let multi = curl_multi_init() else { throw .invalidRequest("curl_multi_init returned nil") }
        self.multi = multi
        self.configuration = configuration
        try Curl.check(m365_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX)), "PIPELINING")
        try Curl.check(
            m365_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost),
            "MAX_HOST_CONNECTIONS"
        )
        let thread = Thread { [self] in self.run() }
        thread.name = "m365-curl"
        thread.start()
    }

    /// Allocates a transfer id.
    func makeId() -> UInt64 {
        inbox.withLock { box in
            defer { box.nextId += 1 }
            return box.nextId
        }
    }

    /// Hands a transfer to the loop; fails it at once after shutdown.
    func submit(_ transfer: CurlTransfer) {
        let accepted = inbox.withLock { box -> Bool in
            guard !box.stopRequested else { return false }
            box.submissions.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { transfer.finish(.failure(HTTPTransportError.shutdown)) }
    }

    /// Asks the loop to abort a transfer.
    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        inbox.withLock { box in
            guard !box.stopped else { return }
            box.cancellations.append(transfer.id)
            curl_multi_wakeup(multi)
        }
    }

    /// Asks the loop to fail everything and exit.
    func stop() {
        inbox.withLock { box in
            guard !box.stopRequested else { return }
            box.stopRequested = true
            if !box.stopped { curl_multi_wakeup(multi) }
        }
    }

    // MARK: Loop thread

    private func run() {
        while true {
            let (submissions, cancellations, stopping) = inbox.withLock { box in
                defer {
                    box.submissions.removeAll(keepingCapacity: true)
                    box.cancellations.removeAll(keepingCapacity: true)
                }
                return (box.submissions, box.cancellations, box.stopRequested)
            }
            for transfer in submissions {
                if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
                    transfer.finish(.failure(HTTPTransportError.cancelled))
                } else {
                    pending.append(transfer)
                }
            }
            for id in cancellations { abort(id: id, with: .cancelled) }
            if stopping { break }
            startPending()
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            startPending()
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        shutDown()
    }

    private func startPending() {
        while active.count < configuration.maxConcurrentTransfers, pendingStart < pending.count {
            let transfer = pending[pendingStart]
            pendingStart += 1
            do {
                try transfer.makeHandle(configuration: configuration)
                guard let easy = transfer.easy else { continue }
                try Curl.check(curl_multi_add_handle(multi, easy), "curl_multi_add_handle")
                active[easy] = transfer
            } catch {
                transfer.releaseHandle()
                transfer.finish(.failure(error))
            }
        }
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = active.removeValue(forKey: easy)
            else { continue }
            let result = transfer.collectResult(code: m365_curl_msg_result(message))
            curl_multi_remove_handle(multi, easy)
            transfer.releaseHandle()
            transfer.finish(result)
        }
    }

    private func abort(id: UInt64, with error: HTTPTransportError) {
        if let (easy, transfer) = active.first(where: { $0.value.id == id }) {
            active.removeValue(forKey: easy)
            curl_multi_remove_handle(multi, easy)
            transfer.releaseHandle()
            transfer.finish(.failure(error))
        } else if let index = pending[pendingStart...].firstIndex(where: { $0.id == id }) {
            let transfer = pending.remove(at: index)
            transfer.finish(.failure(error))
        }
    }

    private func shutDown() {
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.releaseHandle()
            transfer.finish(.failure(HTTPTransportError.shutdown))
        }
        active.removeAll()
        for transfer in pending[pendingStart...] { transfer.finish(.failure(HTTPTransportError.shutdown)) }
        pending.removeAll()
        let late = inbox.withLock { box in
            box.stopped = true
            defer { box.submissions.removeAll() }
            return box.submissions
        }
        for transfer in late { transfer.finish(.failure(HTTPTransportError.shutdown)) }
        curl_multi_cleanup(multi)
    }
}
