import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Where a child process's standard input, output or error goes.
public enum ChildStream: Sendable {
    /// `/dev/null`.
    case null
    /// The file at the path: created or emptied, then appended to (output), or read (input).
    case file(String)
    /// A pipe whose other end the test holds (see ``KillableProcess/readOutputLine()`` and
    /// ``KillableProcess/closeInput()``).
    case pipe
    /// The test process's own stream of the same kind (its stderr for the child's stderr).
    case inherited

    /// Opens the stream that becomes the child's `standard` stream: the descriptor the child gets, and for a
    /// pipe the end the test keeps. Both are close-on-exec, so no other child inherits them.
    func open(as standard: FileDescriptor) throws -> (child: FileDescriptor, parent: FileDescriptor?) {
        let forInput = standard == .standardInput
        switch self {
        case .null:
            return (try FileDescriptor.open("/dev/null", forInput ? .readOnly : .writeOnly, options: .closeOnExec), nil)
        case .file(let path) where forInput:
            return (try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec), nil)
        case .file(let path):
            let options: FileDescriptor.OpenOptions = [.create, .truncate, .append, .closeOnExec]
            let child = try FileDescriptor.open(
                FilePath(path),
                .writeOnly,
                options: options,
                permissions: .ownerReadWrite
            )
            return (child, nil)
        case .pipe:
            let ends = try FileDescriptor.pipe(options: .closeOnExec)
            return forInput ? (ends.readEnd, ends.writeEnd) : (ends.writeEnd, ends.readEnd)
        case .inherited:
            let copy = fcntl(standard.rawValue, F_DUPFD_CLOEXEC, 0)
            guard copy >= 0 else { throw Errno(rawValue: errno) }
            return (FileDescriptor(rawValue: copy), nil)
        }
    }
}

/// The three streams of a child about to start: the descriptors it gets and the pipe ends the test keeps.
struct ChildStreams {
    var input: FileDescriptor
    var output: FileDescriptor
    var error: FileDescriptor
    var inputPipe: FileDescriptor?
    var outputPipe: FileDescriptor?

    init(input: ChildStream, output: ChildStream, error: ChildStream) throws {
        let opened = try ChildStreams.open([
            (input, .standardInput), (output, .standardOutput), (error, .standardError),
        ])
        (self.input, inputPipe) = opened[0]
        (self.output, outputPipe) = opened[1]
        (self.error, _) = opened[2]
    }

    /// Opens each stream in turn, closing those already open when one fails.
    private static func open(
        _ streams: [(ChildStream, standard: FileDescriptor)]
    ) throws -> [(child: FileDescriptor, parent: FileDescriptor?)] {
        var opened: [(child: FileDescriptor, parent: FileDescriptor?)] = []
        do {
            for (stream, standard) in streams { opened.append(try stream.open(as: standard)) }
            return opened
        } catch {
            for ends in opened {
                try? ends.child.close()
                try? ends.parent?.close()
            }
            throw error
        }
    }
}
