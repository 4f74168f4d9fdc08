import Foundation

/// A fresh temporary folder that is removed, with everything in it, when the value goes away.
public final class ScratchDirectory: Sendable {
    public let path: String

    public init(prefix: String = "m365sync-test") throws {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/component`.
    public func appending(_ component: String) -> String {
        (path as NSString).appendingPathComponent(component)
    }

    /// Names of the entries directly inside `subfolder` (or the folder itself), sorted.
    public func contents(of subfolder: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: subfolder.map(appending) ?? path).sorted()
    }
}
