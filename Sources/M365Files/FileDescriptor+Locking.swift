import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

extension FileDescriptor {
    /// Whether a lock excludes every other holder or only exclusive ones (`flock(2)`).
    public enum LockKind: Sendable {
        case shared
        case exclusive

        var operation: Int32 { self == .shared ? LOCK_SH : LOCK_EX }
    }

    /// Takes an advisory whole-file lock without waiting; throws `Errno.wouldBlock` when another open file
    /// description holds a conflicting one. The kernel drops the lock when the last descriptor closes.
    public func tryLock(_ kind: LockKind) throws(Errno) {
        try Errno.checking { flock(rawValue, kind.operation | LOCK_NB) }
    }

    /// Releases this descriptor's lock.
    public func unlock() throws(Errno) {
        try Errno.checking { flock(rawValue, LOCK_UN) }
    }

    /// Flushes the file's data and metadata to the device (`fsync(2)`).
    public func synchronize() throws(Errno) {
        try Errno.checking { fsync(rawValue) }
    }

    /// Sets the file's permission bits, unaffected by the umask (`fchmod(2)`).
    public func setPermissions(_ permissions: FilePermissions) throws(Errno) {
        try Errno.checking { fchmod(rawValue, permissions.rawValue) }
    }

    /// Reads from offset 0 up to `limit` bytes (a small file such as a lock's holder line).
    public func readPrefix(limit: Int) throws(Errno) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = try Errno.rethrowing {
            try buffer.withUnsafeMutableBytes { try read(fromAbsoluteOffset: 0, into: $0) }
        }
        return Array(buffer[0..<count])
    }
}
