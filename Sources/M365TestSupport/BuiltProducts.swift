import Foundation
import Subprocess
import SystemPackage

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
    /// `environment` replaces the child's environment when given; `currentDirectory` sets its working directory.
    public static func run(
        _ name: String,
        arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) async throws -> CompletedProcess {
        try await runExecutable(
            executable(name),
            arguments: arguments,
            environment: environment,
            currentDirectory: currentDirectory
        )
    }

    /// Runs any executable to completion through swift-subprocess and returns its status (the exit code, or the
    /// signal that ended it) and output. Standard input is `standardInput`, or empty.
    public static func runExecutable(
        _ executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil,
        standardInput: String = ""
    ) async throws -> CompletedProcess {
        let result = try await Subprocess.run(
            .path(FilePath(executable.path)),
            arguments: Arguments(arguments),
            environment: environment.map { .custom(childEnvironment($0)) } ?? .inherit,
            workingDirectory: currentDirectory.map { FilePath($0.path) },
            input: .string(standardInput),
            output: .string(limit: outputLimit),
            error: .string(limit: outputLimit)
        )
        return CompletedProcess(
            status: result.terminationStatus.code,
            standardOutput: result.standardOutput,
            standardError: result.standardError
        )
    }

    /// The most output a test reads from one child (journal exports of a long test can be large).
    private static let outputLimit = 256 << 20

    static func childEnvironment(_ values: [String: String]) -> [Environment.Key: String] {
        var keyed: [Environment.Key: String] = [:]
        for (key, value) in values { keyed[Environment.Key(stringLiteral: key)] = value }
        return keyed
    }
}
