import Foundation
import M365Core
import M365Daemon

/// Shell completion of `--job NAME`: the job names of the configuration directory on the command line.
enum JobNameCompletion {
    /// Called by the generated completion scripts with the words typed so far; never fails, may return nothing.
    @Sendable static func complete(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        names(in: directory(from: words)).filter { $0.hasPrefix(prefix) }
    }

    /// `--config DIR` (or `--config=DIR`) from the words, else `$M365SYNC_CONFIG`, else `/etc/m365sync`.
    static func directory(
        from words: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        for (position, word) in words.enumerated() {
            if word == "--config", position + 1 < words.count { return words[position + 1] }
            if word.hasPrefix("--config=") { return String(word.dropFirst("--config=".count)) }
        }
        if let fromEnvironment = environment[ConfigurationLoader.directoryEnvironmentVariable], !fromEnvironment.isEmpty
        {
            return fromEnvironment
        }
        return ConfigurationLoader.defaultDirectory
    }

    /// The names of `jobs.d/*.json`: a `"name"` key when the file has a readable one, else the file name.
    static func names(in directory: String) -> [String] {
        let folder = directory + "/" + ConfigurationDecoder.jobsDirectoryName
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { file in
            let data = FileManager.default.contents(atPath: folder + "/" + file) ?? Data()
            let decoded = ConfigurationDecoder.decodeJob(data, file: "jobs.d/" + file, tenants: nil)
            return decoded.nameWasWritten ? decoded.definition?.name ?? jobName(file) : jobName(file)
        }
    }

    private static func jobName(_ file: String) -> String {
        ConfigurationDecoder.jobName(fromFile: file)
    }
}
