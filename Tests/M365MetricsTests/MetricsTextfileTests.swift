import Foundation
import M365Metrics
import M365TestSupport
import Testing

@Suite struct MetricsTextfileTests {
    /// The daemon runs with `UMask=0077`; DaemonMetricsTests checks the mode under that umask.
    @Test func replacesTheFileWholeAndReadableByEveryone() throws {
        let folder = try ScratchDirectory()
        let path = folder.appending("m365sync.prom")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try MetricsTextfile(path: path).replace(with: Array("new 1\n".utf8))
        #expect(try TextFile.read(path) == "new 1\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m365sync.prom"],
            "no temporary left"
        )
    }

    @Test func aFailureNamesThePathAndLeavesNothingBehind() throws {
        let folder = try ScratchDirectory()
        let missing = folder.appending("absent/m365sync.prom")
        #expect {
            try MetricsTextfile(path: missing).replace(with: [])
        } throws: { error in
            "\(error)".hasPrefix("cannot create \(folder.appending("absent/.m365sync.prom."))")
                && "\(error)".hasSuffix(": No such file or directory")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
