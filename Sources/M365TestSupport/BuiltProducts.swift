import Foundation

/// Finds executables built by SwiftPM next to the running test bundle, so tests can run the real binaries.
public enum BuiltProducts {
    /// Directory of the build products (`.build/<triple>/debug`): the folder holding the test executable.
    ///
    /// `M365SYNC_BUILT_PRODUCTS` overrides it.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["M365SYNC_BUILT_PRODUCTS"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // On Linux the test bundle is an executable (`m365syncPackageTests.xctest`) in the products folder;
        // on macOS it is a bundle in that folder.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if executable.lastPathComponent.hasSuffix(".xctest") || executable.path.contains("/.build/") {
            return executable.deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// URL of the built executable `name` (e.g. `m365sync`, `m365sim`).
    public static func executable(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw BuiltProductsError(name: name, directory: directory.path)
        }
        return url
    }
}

/// A product the test needs was not built.
public struct BuiltProductsError: Error, CustomStringConvertible {
    public var name: String
    public var directory: String

    public var description: String {
        "the executable \(name) was not found in \(directory); build it first (`swift build`), "
            + "or set M365SYNC_BUILT_PRODUCTS to the folder that holds it"
    }
}

/// The outcome of a finished child process.
public struct CompletedProcess: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

extension BuiltProducts {
    /// Runs the built executable `name` to completion and captures its output.
    ///
    /// `environment` replaces the child's environment when given; `currentDirectory` sets its working directory. Output goes through temporary files,
    /// so a chatty child never blocks on a full pipe; they are removed before returning.
    public static func run(
        _ name: String,
        arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> CompletedProcess {
        try runExecutable(
            executable(name),
            arguments: arguments,
            environment: environment,
            currentDirectory: currentDirectory
        )
    }

    /// Runs any executable to completion (stdin empty) and returns its status and output. Blocking: call it from
    /// `offCooperativePool` in async tests.
    public static func runExecutable(
        _ executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> CompletedProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("m365sync-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CompletedProcess(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }
}
