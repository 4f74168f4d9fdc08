import Foundation
import M365Core

/// Reads the files of one configuration directory, turning I/O problems into issues.
struct ConfigurationFiles {
    /// Absolute path of the configuration directory.
    let directory: String

    /// Why the directory cannot be used, or nil.
    func directoryProblem() -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return "configuration directory \(directory) not found; pass --config DIR or set $M365SYNC_CONFIG"
        }
        return isDirectory.boolValue ? nil : "\(directory) is not a directory"
    }

    /// The bytes of `name` (relative to the directory); nil when missing (not an issue here) or unreadable.
    func read(_ name: String, issues: inout [ConfigurationIssue]) -> Data? {
        let path = directory + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard access(path, R_OK) == 0 else {
            issues.append(
                ConfigurationIssue(file: name, path: "", message: "cannot be read by this user (uid \(getuid()))")
            )
            return Data()
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            issues.append(ConfigurationIssue(file: name, path: "", message: "cannot be read"))
            return Data()
        }
    }

    /// `jobs.d/*.json` sorted by name; dotfiles, other extensions and non-files are ignored.
    func jobFiles(issues: inout [ConfigurationIssue]) -> [ConfigurationDecoder.JobFile] {
        let folder = ConfigurationDecoder.jobsDirectoryName
        let path = directory + "/" + folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            issues.append(ConfigurationIssue(file: folder, path: "", message: "expected a directory of job files"))
            return []
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            issues.append(ConfigurationIssue(file: folder, path: "", message: "cannot be listed by this user"))
            return []
        }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            var isSubdirectory: ObjCBool = false
            let file = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isSubdirectory),
                !isSubdirectory.boolValue, let data = read(file, issues: &issues)
            else { return nil }
            return ConfigurationDecoder.JobFile(file: file, data: data)
        }
    }
}
