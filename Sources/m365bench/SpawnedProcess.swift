import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child started with `posix_spawn` and reaped with `wait4`, so that its peak resident memory (`ru_maxrss`) is
/// exact to its last page, whenever it was reached.
final class SpawnedProcess: Sendable {
    /// How a child ended: its exit code (or the signal that ended it) and its peak resident memory.
    struct Exit: Sendable {
        var status: String
        var peakKiB: Int
        var succeeded: Bool
    }

    let pid: pid_t

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Starts `executable` with `arguments` and exactly `environment`; its standard output and error go to the
    /// files at `output` and `error` (created or emptied), its standard input is `/dev/null`.
    static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        output: String,
        error: String
    ) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw BenchmarkError(message: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return SpawnedProcess(pid: pid)
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// The child's memory now (VmRSS and VmHWM from /proc), while it runs.
    func memory() -> ProcessMemory? {
        ProcessMemory.read(pid: pid)
    }

    /// Waits for the child to end and reaps it. Blocking: call it off the cooperative pool.
    func wait() -> Exit {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let signal = status & 0x7f
        let code = (status >> 8) & 0xff
        return Exit(
            status: signal == 0 ? "exit \(code)" : "signal \(signal)",
            peakKiB: usage.ru_maxrss,
            succeeded: signal == 0 && code == 0
        )
    }
}

/// Resident memory of a process from `/proc/<pid>/status`, in KiB.
struct ProcessMemory: Sendable {
    /// VmRSS: resident now.
    var residentKiB: Int
    /// VmHWM: the most it has been resident.
    var peakKiB: Int
    /// RssAnon: the part of `residentKiB` that is the process's own data (heap, stacks); the rest is pages of
    /// the executable and its libraries, which the kernel may share and drop.
    var anonymousKiB: Int

    static func read(pid: pid_t) -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var values: [Substring: Int] = [:]
        for line in status.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0.isWhitespace || $0 == ":" })
            guard let name = fields.first, ["VmRSS", "VmHWM", "RssAnon"].contains(name) else { continue }
            values[name] = fields.dropFirst().first.flatMap { Int($0) }
        }
        guard let resident = values["VmRSS"], let peak = values["VmHWM"], let anonymous = values["RssAnon"] else {
            return nil
        }
        return ProcessMemory(residentKiB: resident, peakKiB: peak, anonymousKiB: anonymous)
    }

    /// Resident memory with its anonymous part, e.g. `38.2 MiB (4.1 MiB anonymous)`.
    var residentSummary: String {
        "\(mebibytes(residentKiB)) (\(mebibytes(anonymousKiB)) anonymous)"
    }
}

/// KiB as MiB with one decimal.
func mebibytes(_ kibibytes: Int) -> String {
    String(format: "%.1f MiB", Double(kibibytes) / 1024)
}
