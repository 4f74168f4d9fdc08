import Foundation
import M365State
import M365TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct JobLockTests {
    let folder: ScratchDirectory

    init() throws {
        folder = try ScratchDirectory()
    }

    @Test func aJobNameIsMadeSafeAsAFileName() throws {
        let lock = try JobLock.acquire(job: ".a/b é.c", stateDirectory: folder.path, owner: "m365sync run")
        #expect(lock.path == folder.appending("locks/%2Ea%2Fb%20%C3%A9.c.lock"))
    }

    @Test func aSecondHolderIsRefusedAndToldWhoHoldsIt() throws {
        let lock = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "m365sync daemon")
        #expect(lock.isHeld)
        #expect(lock.path == folder.appending("locks/sales.lock"))
        do {
            _ = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "m365sync run")
            Issue.record("the second acquire succeeded")
        } catch {
            #expect(error.isHeldByAnother)
            let holder = try #require(error.holder)
            #expect(holder.pid == getpid())
            #expect(holder.owner == "m365sync daemon")
            let since = try #require(holder.since)
            #expect(abs(since.timeIntervalSinceNow) < 60)
            #expect(error.description.contains("m365sync daemon (pid \(getpid()))"))
            #expect(error.name == "jobLocked")
        }
    }

    @Test func releasingLetsTheNextOneIn() throws {
        let first = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "first")
        first.release()
        first.release()
        #expect(!first.isHeld)
        let second = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "second")
        #expect(JobLock.holder(job: "sales", stateDirectory: folder.path)?.owner == "second")
        second.release()
        #expect(JobLock.holder(job: "sales", stateDirectory: folder.path) == nil)
    }

    @Test func droppingTheLockReleasesIt() throws {
        do {
            _ = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "scoped")
        }
        #expect(JobLock.holder(job: "sales", stateDirectory: folder.path) == nil)
        _ = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "next")
    }

    @Test func jobsLockIndependently() throws {
        let sales = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "a")
        let hr = try JobLock.acquire(job: "hr", stateDirectory: folder.path, owner: "b")
        #expect(sales.isHeld && hr.isHeld)
    }

    @Test func holderOfAnUnknownJobIsNobodyAndCreatesNothing() {
        #expect(JobLock.holder(job: "nothing", stateDirectory: folder.appending("absent")) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appending("absent")))
    }

    @Test func aLockHeldByAnotherProcessIsSeen() async throws {
        let lock = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "setup")
        lock.release()
        let flock = "/usr/bin/flock"
        try #require(FileManager.default.isExecutableFile(atPath: flock), "util-linux flock is needed")
        let child = try await KillableProcess.start(
            executable: URL(fileURLWithPath: flock),
            arguments: ["--exclusive", lock.path, "/bin/sh", "-c", "echo locked; exec cat"],
            input: .pipe,
            output: .pipe,
            error: .inherited
        )
        let line = try await offCooperativePool { try child.readOutputLine() }
        #expect(line.hasPrefix("locked"))
        #expect(throws: JobLockError.self) {
            _ = try JobLock.acquire(job: "sales", stateDirectory: folder.path, owner: "me")
        }
        #expect(JobLock.holder(job: "sales", stateDirectory: folder.path) != nil)
        child.closeInput()
        _ = try await offCooperativePool { child.waitForExit() }
    }

    @Test(arguments: ["../escape", "a/b", ".hidden", "zoë", "semi;colon"])
    func oddJobNamesStayInsideTheLockFolder(job: String) throws {
        let lock = try JobLock.acquire(job: job, stateDirectory: folder.path, owner: "x")
        #expect((lock.path as NSString).deletingLastPathComponent == folder.appending("locks"))
        #expect(!(lock.path as NSString).lastPathComponent.hasPrefix("."))
        #expect(FileManager.default.fileExists(atPath: lock.path))
    }
}
