import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A test-owned `NOTIFY_SOCKET`: a bound AF_UNIX datagram socket whose sd_notify messages a test reads.
public final class NotifySocket: Sendable {
    /// One datagram: its text and its `NAME=value` assignments.
    public struct Message: Sendable, Equatable, CustomStringConvertible {
        public let text: String

        /// The assignments in order, e.g. `[("READY", "1"), ("STATUS", "…")]`.
        public var assignments: [(name: String, value: String)] {
            text.split(separator: "\n").map { line in
                guard let equals = line.firstIndex(of: "=") else { return (String(line), "") }
                return (String(line[..<equals]), String(line[line.index(after: equals)...]))
            }
        }

        /// The value of the first assignment to `name`.
        public subscript(name: String) -> String? {
            assignments.first { $0.name == name }?.value
        }

        public var description: String { text.replacingOccurrences(of: "\n", with: " | ") }

        public static func == (lhs: Message, rhs: Message) -> Bool { lhs.text == rhs.text }
    }

    /// Socket path to put in `NOTIFY_SOCKET`.
    public let path: String
    private let directory: String
    private let descriptor: Int32
    private let history = Mutex<[Message]>([])

    /// Binds a fresh socket in a new temporary folder.
    public init() throws {
        let directory = NSTemporaryDirectory() + "m365sync-notify-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/notify.sock"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(operation: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(descriptor)
            throw SocketError(operation: "path too long", errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw SocketError(operation: "bind", errno: code)
        }
        self.path = path
        self.directory = directory
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `["NOTIFY_SOCKET": path]`, to merge into a child's or a notifier's environment.
    public var environment: [String: String] { ["NOTIFY_SOCKET": path] }

    /// Every message received so far, oldest first.
    public var received: [Message] { history.withLock { $0 } }

    /// The next datagram, or nil when none arrives within `timeout`.
    public func next(timeout: Duration) -> Message? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let milliseconds = max(0, Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            let message = Message(text: String(decoding: buffer[0..<count], as: UTF8.self))
            history.withLock { $0.append(message) }
            return message
        }
    }

    /// Reads datagrams until one carries `name=value` (e.g. `"READY", "1"`); nil at the deadline.
    public func waitFor(_ name: String, _ value: String? = nil, timeout: Duration) -> Message? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let message = next(timeout: ContinuousClock.now.duration(to: deadline)) else { return nil }
            if let found = message[name], value == nil || found == value { return message }
        }
        return nil
    }

    /// A socket call failed.
    public struct SocketError: Error, CustomStringConvertible {
        public var operation: String
        public var errno: Int32
        public var description: String { "\(operation): \(String(cString: strerror(errno)))" }
    }
}
