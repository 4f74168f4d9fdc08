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
        /// Why the loop gave up on its multi handle; later submissions fail with it.
        var brokenBy: HTTPTransportError?
    }

    /// Consecutive loop iterations with a failed multi call after which the loop stops for good.
    static let maxFailedIterations = 3

    private let inbox = Mutex(Inbox())
    /// Signalled once the loop thread has freed its multi handle (and with it every cached connection).
    private let finished = DispatchSemaphore(value: 0)
    private let configuration: HTTPTransportConfiguration
    // Loop-thread state.
    private let multi: UnsafeMutableRawPointer
    private var pending: [CurlTransfer] = []
    private var pendingStart = 0
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var failedIterations = 0
    /// Test hook: the next this-many multi calls fail as if libcurl had answered `CURLM_INTERNAL_ERROR`.
    let injectedFailures = Atomic<Int>(0)
    /// Multi calls that failed since the loop started, injected ones included.
    let failedCalls = Atomic<Int>(0)

    init(configuration: HTTPTransportConfiguration) throws(HTTPTransportError) {
        _ = Curl.initialised
        guard let multi = curl_multi_init() else { throw .invalidRequest("curl_multi_init returned nil") }
        do {
            try Curl.check(
                m365_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX)),
                "PIPELINING"
            )
            try Curl.check(
                m365_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost),
                "MAX_HOST_CONNECTIONS"
            )
        } catch {
            curl_multi_cleanup(multi)
            throw error
        }
        self.multi = multi
        self.configuration = configuration
        let thread = Thread { [self] in
            // Named from the thread itself: only then does Foundation give the name to the system thread (what
            // `top -H` and /proc/PID/task/*/comm show).
            Thread.current.name = "m365-curl"
            self.run()
        }
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
        let refusal = inbox.withLock { box -> HTTPTransportError? in
            guard !box.stopRequested else { return box.brokenBy ?? .shutdown }
            box.submissions.append(transfer)
            curl_multi_wakeup(multi)
            return nil
        }
        if let refusal { transfer.finish(.failure(refusal)) }
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

    /// Stops the loop and waits until its thread has freed the multi handle.
    func stopAndWait() {
        stop()
        finished.wait()
        finished.signal()  // for any later waiter
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
            let performed = multiCall("curl_multi_perform") { curl_multi_perform(multi, &running) }
            collectFinished()
            startPending()
            // A failed poll returns at once; without the check below the loop would spin.
            let polled = multiCall("curl_multi_poll") { curl_multi_poll(multi, nil, 0, 1000, nil) }
            guard survives(failure: performed ?? polled) else { break }
        }
        shutDown()
        finished.signal()
    }

    /// Makes one multi call; the typed error when it failed.
    private func multiCall(_ operation: StaticString, _ call: () -> CURLMcode) -> HTTPTransportError? {
        var code: CURLMcode
        if injectedFailures.load(ordering: .relaxed) > 0 {
            injectedFailures.subtract(1, ordering: .relaxed)
            code = CURLM_INTERNAL_ERROR
        } else {
            code = call()
        }
        do {
            try Curl.check(code, operation)
            return nil
        } catch {
            failedCalls.add(1, ordering: .relaxed)
            return error
        }
    }

    /// After a failed multi call the transfers in flight cannot be trusted: they fail with the error (their
    /// callers' retry policies decide what next). False when the failures persist and the loop must stop.
    private func survives(failure: HTTPTransportError?) -> Bool {
        guard let failure else {
            failedIterations = 0
            return true
        }
        failedIterations += 1
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.releaseHandle()
            transfer.finish(.failure(failure))
        }
        active.removeAll()
        guard failedIterations >= Self.maxFailedIterations else { return true }
        inbox.withLock { box in
            box.stopRequested = true
            box.brokenBy = .broken(by: failure)
        }
        return false
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
        let (late, reason) = inbox.withLock { box in
            box.stopped = true
            defer { box.submissions.removeAll() }
            return (box.submissions, box.brokenBy ?? .shutdown)
        }
        for transfer in pending[pendingStart...] { transfer.finish(.failure(reason)) }
        pending.removeAll()
        for transfer in late { transfer.finish(.failure(reason)) }
        curl_multi_cleanup(multi)
    }
}
