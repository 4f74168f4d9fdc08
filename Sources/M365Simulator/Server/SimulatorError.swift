/// An error of the simulator's Swift or control API.
public struct SimulatorError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: String, Sendable {
        case unknownTenant, unknownObject, invalidArgument, notRunning, startFailed
    }

    private let code: Code
    private let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public static func unknownTenant(_ key: String) -> SimulatorError { .init(.unknownTenant, "no tenant '\(key)'") }
    public static func unknownObject(_ key: String) -> SimulatorError { .init(.unknownObject, "no object '\(key)'") }
    public static func invalidArgument(_ detail: String) -> SimulatorError { .init(.invalidArgument, detail) }
    public static func startFailed(_ detail: String) -> SimulatorError { .init(.startFailed, detail) }
    public static let notRunning = SimulatorError(.notRunning, "the simulator is not running")

    public var description: String { "simulator: \(detail)" }
    /// Short payload-free name for log fields.
    public var name: String { code.rawValue }
}
