import Foundation
import M365Files
import Synchronization
import SystemPackage

/// An exclusive `flock` on `<stateDirectory>/locks/<job>.lock`, so that no two processes run one job at once.
///
/// The kernel drops the lock when the process dies, so a crash never leaves a job locked.
public final class JobLock: Sendable {
    private let descriptor: Mutex<FileDescriptor?>
    public let job: String
    public let path: String

    private init(descriptor: FileDescriptor, job: String, path: String) {
        self.descriptor = Mutex(descriptor)
        self.job = job
        self.path = path
    }

    deinit { release() }

    /// Takes the lock or says who holds it; `owner` describes this process (e.g. `m365sync daemon`).
    public static func acquire(job: String, stateDirectory: String, owner: String) throws(JobLockError) -> JobLock {
        let path = try lockPath(job: job, stateDirectory: stateDirectory, create: true)
        let (descriptor, writable) = try openLockFile(path)
        do {
            try descriptor.tryLock(.exclusive)
        } catch {
            let holder = JobLockHolder(lockFileContents: readHolder(descriptor))
            try? descriptor.close()
            if error == .wouldBlock { throw JobLockError.held(job: job, holder: holder) }
            throw JobLockError.cannotOpen(path: path, errno: error)
        }
        if writable {
            // The holder line is a courtesy for `status` and error messages; the lock itself is what counts,
            // so a failure to write it down is reported by the next reader as "holder unknown".
            let holder = JobLockHolder(pid: getpid(), owner: owner, since: Date())
            try? descriptor.resize(to: 0)
            _ = try? descriptor.writeAll(toAbsoluteOffset: 0, holder.lockFileContents.utf8)
        }
        return JobLock(descriptor: descriptor, job: job, path: path)
    }

    /// Who holds the lock of `job` right now, or nil if nobody does. Creates nothing.
    public static func holder(job: String, stateDirectory: String) -> JobLockHolder? {
        guard let path = try? lockPath(job: job, stateDirectory: stateDirectory, create: false),
            let descriptor = try? FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec)
        else { return nil }
        defer { try? descriptor.close() }
        if (try? descriptor.tryLock(.shared)) != nil {
            try? descriptor.unlock()
            return nil
        }
        return JobLockHolder(lockFileContents: readHolder(descriptor))
            ?? JobLockHolder(pid: nil, owner: "unknown", since: nil)
    }

    /// Releases the lock; later calls do nothing. The lock file stays (removing it would race).
    public func release() {
        descriptor.withLock { descriptor in
            guard let held = descriptor else { return }
            // Unlock before closing: a child forked at this moment shares the open file description, and
            // closing alone would keep the lock until that child execs. Each step is best effort; the kernel
            // drops the lock when the last copy of the descriptor goes, whatever fails here.
            try? held.resize(to: 0)
            try? held.unlock()
            try? held.close()
            descriptor = nil
        }
    }

    /// Whether this value still holds the lock.
    public var isHeld: Bool { descriptor.withLock { $0 != nil } }

    /// Opens the lock file for writing, or for reading only when this user may not write it (another
    /// user's lock can still be probed and reported).
    private static func openLockFile(_ path: String) throws(JobLockError) -> (FileDescriptor, writable: Bool) {
        let file = FilePath(path)
        let permissions: FilePermissions = [.ownerReadWrite, .groupRead]
        do {
            let writable = try Errno.rethrowing {
                try FileDescriptor.open(file, .readWrite, options: [.create, .closeOnExec], permissions: permissions)
            }
            return (writable, true)
        } catch .permissionDenied {
            do {
                return (try Errno.rethrowing { try FileDescriptor.open(file, .readOnly, options: .closeOnExec) }, false)
            } catch {
                throw JobLockError.cannotOpen(path: path, errno: error)
            }
        } catch {
            throw JobLockError.cannotOpen(path: path, errno: error)
        }
    }

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
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
        guard let name = job.addingPercentEncoding(withAllowedCharacters: safe), !name.isEmpty else { return "%" }
        return name.hasPrefix(".") ? "%2E" + name.dropFirst() : name
    }

    /// The holder line, or empty when it cannot be read.
    private static func readHolder(_ descriptor: FileDescriptor) -> String {
        let bytes = (try? descriptor.readPrefix(limit: 4096)) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }
}
