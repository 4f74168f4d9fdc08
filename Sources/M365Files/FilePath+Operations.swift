import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

extension FilePath {
    /// Renames this file to `target`, replacing it atomically if it exists (`rename(2)`).
    public func rename(to target: FilePath) throws(Errno) {
        try Errno.checking {
            withPlatformString { from in target.withPlatformString { to in Glibc.rename(from, to) } }
        }
    }

    /// Removes this file; a file that is already gone is not an error.
    public func removeIfPresent() throws(Errno) {
        do {
            try Errno.checking { withPlatformString { unlink($0) } }
        } catch .noSuchFileOrDirectory {
            return
        }
    }

    /// Whether the calling user may read the file, judged by its real ids (`access(2)`).
    public var isReadable: Bool {
        withPlatformString { access($0, R_OK) } == 0
    }

    /// Creates this folder and any missing parents with mode 0750 (less the umask); one already there is fine.
    public func createDirectories() throws {
        let attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o750]
        try FileManager.default.createDirectory(
            atPath: string,
            withIntermediateDirectories: true,
            attributes: attributes
        )
    }
}
