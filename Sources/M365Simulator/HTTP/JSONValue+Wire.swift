import Foundation
import M365Primitives

extension JSONValue {
    /// The UTF-8 JSON text of this value, as the simulator sends it.
    ///
    /// The simulator's values hold only finite numbers (parsed from JSON or built from integers), the one thing
    /// `JSONEncoder` refuses, so a failure here cannot happen; it would show as `null` rather than stop a response.
    func serialized() -> [UInt8] {
        (try? encoded()).map { [UInt8]($0) } ?? Array("null".utf8)
    }

    /// The JSON text of this value (for error messages that quote a value).
    var text: String { String(decoding: serialized(), as: UTF8.self) }
}
