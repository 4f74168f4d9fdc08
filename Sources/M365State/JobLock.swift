import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<stateDirectory>/locks/<job>.lock`, so that no two processes run one job at once.
///
/// The kernel drops the lock when the process dies, so a crash never leaves a job locked.
public final class JobLock: Sendable {
    private let descriptor: Mutex<Int32>
    public let job: String
    public let path: String

    private init(descriptor: Int32, job: String, path: String) {
        self.descriptor = Mutex(descriptor)
        self.job = job
        self.path = path
    }

    deinit { release() }

    /// Takes the lock or says who holds it; `owner` describes this process (e.g. `m365sync daemon`).
    public static func acquire(job: String, stateDirectory: String, owner: String) throws(JobLockError) -> JobLock {
        let path = try lockPath(job: job, stateDirectory: stateDirectory, create: true)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        var writable = true
        if descriptor < 0 && errno == EACCES {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            writable = false
        }
        guard descriptor >= 0 else { throw JobLockError.cannotOpen(path: path, errno: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = JobLockHolder(lockFileContents: readAll(descriptor))
            close(descriptor)
            if code == EWOULDBLOCK {
                throw JobLockError.held(job: job, holder: holder)
            }
            throw JobLockError.cannotOpen(path: path, errno: code)
        }
        if writable {
            let holder = JobLockHolder(pid: getpid(), owner: owner, since: Date())
            let bytes = Array(holder.lockFileContents.utf8)
            _ = ftruncate(descriptor, 0)
            _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return JobLock(descriptor: descriptor, job: job, path: path)
    }

    /// Who holds the lock of `job` right now, or nil if nobody does. Creates nothing.
    public static func holder(job: String, stateDirectory: String) -> JobLockHolder? {
        guard let path = try? lockPath(job: job, stateDirectory: stateDirectory, create: false) else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return JobLockHolder(lockFileContents: readAll(descriptor))
            ?? JobLockHolder(pid: nil, owner: "unknown", since: nil)
    }

    /// Releases the lock; later calls do nothing. The lock file stays (removing it would race).
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    /// Whether this value still holds the lock.
    public var isHeld: Bool { descriptor.withLock { $0 >= 0 } }

    static func lockPath(job: String, stateDirectory: String, create: Bool) throws(JobLockError) -> String {
        let directory = (stateDirectory as NSString).appendingPathComponent("locks")
        if create {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o750]
                )
            } catch {
                throw JobLockError.cannotCreateDirectory(path: directory, reason: error.localizedDescription)
            }
        }
        return (directory as NSString).appendingPathComponent(fileName(job: job) + ".lock")
    }

    /// The job name made safe as a file name: bytes outside `[A-Za-z0-9_-]` (and a leading dot) become `%XX`.
    static func fileName(job: String) -> String {
        var name = ""
        for byte in job.utf8 {
            let alphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let safe =
                alphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || (byte == UInt8(ascii: ".") && !name.isEmpty)
            name += safe ? String(Unicode.Scalar(byte)) : String(format: "%%%02X", byte)
        }
        return name.isEmpty ? "%" : name
    }

    private static func readAll(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}
