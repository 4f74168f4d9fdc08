import Foundation
import M365Files
import SystemPackage
import Testing

@Suite struct FileDescriptorLockingTests {
    private func scratch() throws -> FilePath {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("m365files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return FilePath(directory.path)
    }

    private func open(_ path: FilePath) throws -> FileDescriptor {
        try FileDescriptor.open(path, .readWrite, options: [.create, .closeOnExec], permissions: .ownerReadWrite)
    }

    @Test func anExclusiveLockShutsOutEveryOtherOpenFileUntilReleased() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory.string) }
        let path = directory.appending("job.lock")
        let first = try open(path)
        let second = try open(path)
        defer {
            try? first.close()
            try? second.close()
        }
        try first.tryLock(.exclusive)
        #expect(throws: Errno.wouldBlock) { try second.tryLock(.shared) }
        #expect(throws: Errno.wouldBlock) { try second.tryLock(.exclusive) }
        try first.unlock()
        try second.tryLock(.shared)
        #expect(throws: Errno.wouldBlock) { try first.tryLock(.exclusive) }
    }

    @Test func renameReplacesAndRemovalToleratesAMissingFile() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory.string) }
        let source = directory.appending("a")
        let target = directory.appending("b")
        let descriptor = try open(source)
        _ = try descriptor.writeAll(Array("new".utf8))
        try descriptor.setPermissions([.ownerReadWrite, .otherRead])
        try descriptor.synchronize()
        #expect(try descriptor.stat().permissions == [.ownerReadWrite, .otherRead])
        try descriptor.close()
        #expect(FileManager.default.createFile(atPath: target.string, contents: Data("old".utf8)))
        try source.rename(to: target)
        #expect(FileManager.default.contents(atPath: target.string) == Data("new".utf8))
        #expect(!FileManager.default.fileExists(atPath: source.string))
        try target.removeIfPresent()
        try target.removeIfPresent()
        #expect(!FileManager.default.fileExists(atPath: target.string))
        #expect(throws: Errno.noSuchFileOrDirectory) { try source.rename(to: target) }
    }

    @Test func readPrefixReadsFromTheStartWhateverTheOffset() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory.string) }
        let descriptor = try open(directory.appending("holder"))
        defer { try? descriptor.close() }
        _ = try descriptor.writeAll(Array("pid=42 owner=test".utf8))
        #expect(try descriptor.readPrefix(limit: 6) == Array("pid=42".utf8))
        #expect(try descriptor.readPrefix(limit: 4096) == Array("pid=42 owner=test".utf8))
    }

    @Test func readabilityFollowsTheFile() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory.string) }
        #expect(!directory.appending("missing").isReadable)
        #expect(FileManager.default.createFile(atPath: directory.appending("present").string, contents: Data()))
        #expect(directory.appending("present").isReadable)
    }
}
